"""Counters that never hand out the same number twice, on SQLite and PostgreSQL.

The increment is one UPDATE ... RETURNING: the database itself serialises two
users taking a number at once (a row lock on PostgreSQL, the write lock on
SQLite, where SELECT ... FOR UPDATE does nothing)."""
from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError


def take_next(session, model, **keys) -> int:
    """Increment ``model.last_seq`` for the row with these key values (created at 0) and return it."""
    where = [getattr(model, name) == value for name, value in keys.items()]
    statement = update(model).where(*where).values(last_seq=model.last_seq + 1).returning(model.last_seq)
    taken = session.execute(statement).scalar()
    if taken is None:
        try:
            with session.begin_nested():
                session.execute(insert(model).values(**keys, last_seq=0))
        except IntegrityError:
            pass  # someone else created the row meanwhile
        taken = session.execute(statement).scalar()
    return taken


def raise_to(session, model, value: int, **keys) -> None:
    """Make ``model.last_seq`` at least ``value`` for these keys (never lower it),
    so numbers already used elsewhere are not handed out again."""
    where = [getattr(model, name) == value_ for name, value_ in keys.items()]
    exists_ = session.execute(select(model.last_seq).where(*where)).first()
    if exists_ is None:
        try:
            with session.begin_nested():
                session.execute(insert(model).values(**keys, last_seq=value))
            return
        except IntegrityError:
            pass  # someone else created the row meanwhile
    session.execute(update(model).where(*where, model.last_seq < value).values(last_seq=value))
