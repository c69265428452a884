"""Domain errors whose message is shown to the user (translated)."""
from __future__ import annotations


class DomainError(Exception):
    """A refusal of a business rule.

    ``messages`` are already-translated strings (lazy or not); views flash them
    and the API answers 422 with them. Nothing is written when one is raised.
    """

    status_code = 422

    def __init__(self, *messages: str) -> None:
        self.messages = [str(m) for m in messages]
        super().__init__("; ".join(self.messages))


class Invalid(DomainError):
    """A refusal that names the fields it concerns (``{field: [messages]}``): a
    screen shows each message beside its field, the API answers 422 with the same
    mapping. Commands raise it where a form has a field to point at."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        self.problems = {field: [str(m) for m in found] for field, found in problems.items() if found}
        super().__init__(*(m for found in self.problems.values() for m in found))


def refuse(problems: dict[str, list[str]]) -> None:
    """Raise ``Invalid`` when a check found anything (the bridge from the older
    ``*_problems()`` dictionaries)."""
    if any(problems.values()):
        raise Invalid(problems)


def problems_of(check, *args, default_field: str | None = None, **kwargs) -> dict[str, list[str]]:
    """What a raising check refuses, as ``{field: [messages]}`` (a form's and the
    API's shape); a refusal without fields goes on ``default_field``."""
    try:
        check(*args, **kwargs)
    except Invalid as exc:
        return {field: list(found) for field, found in exc.problems.items()}
    except DomainError as exc:
        if default_field is None:
            raise
        return {default_field: list(exc.messages)}
    return {}


class NotFoundOrForbidden(DomainError):
    """The record does not exist *for this user*.

    Deliberately the same error for "missing" and "not yours" so that an id
    typed into the URL does not reveal whether a client exists.
    """

    status_code = 404


class Forbidden(DomainError):
    """The user may see the record but not do this to it."""

    status_code = 403


class DatabaseUnavailable(Exception):
    """The database did not answer while a change was being saved (a restart, a lost
    connection): the transaction was rolled back, nothing was written, and trying
    again later is safe. Its text is shown to the user, never the SQL error's."""

    def __str__(self) -> str:
        from flask_babel import gettext

        return gettext("The database is not answering. Nothing was saved; please try again in a minute.")
