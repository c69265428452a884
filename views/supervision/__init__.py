"""Supervision screens: stages, the books, apel and monthly records; their API."""
