"""The register books the Bapas keeps, as data and scoped queries.

Each book (app.registers.base.Book) is its columns and one query
``(session, principal, filters) -> rows`` that asks app.access which records the
user may see. Screens, print views and .xlsx exports are built from these rows.
"""
from __future__ import annotations

from app.registers import client_register, complaint_register, name_index, stage_books, tpp_register, transfer_register
from app.registers.base import Book

BOOKS: dict[str, Book] = {book.slug: book for book in (
    client_register.BOOK, stage_books.STAGE_BOOK, stage_books.EXPIRY_BOOK, name_index.BOOK,
    tpp_register.BOOK, complaint_register.BOOK, transfer_register.BOOK)}
