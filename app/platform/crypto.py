"""Encryption at rest of the sensitive text columns (health, household, safety,
programme notes) with Fernet (AES-128-CBC + HMAC-SHA256, authenticated).

Keys come from ``SIBIKA_FERNET_KEYS`` (comma-separated, newest first): the
newest encrypts, every listed key decrypts, so a key can be rotated in without
downtime (add it in front, run ``flask sibika rotate-key``, then drop the old
one). The keyring is one per process because a column type has no application
to ask; ``configure`` is called by ``create_app``.

A value that no configured key opens raises :class:`UndecryptableValue` instead
of showing ciphertext or guessing: a wrong or missing key is an operator's
error to be fixed, not data to display. Messages never carry the value.
"""
from __future__ import annotations

from collections.abc import Iterable

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Column, MetaData, Table, Text, select, update
from sqlalchemy.types import TypeDecorator

# Every Fernet token starts with the version byte 0x80, which base64 writes as "gAAAAA".
TOKEN_PREFIX = "gAAAAA"


class KeyringError(RuntimeError):
    """The configured keys are missing or malformed."""


class UndecryptableValue(RuntimeError):
    """A stored value that none of the configured keys opens."""


_keyring: MultiFernet | None = None
_newest: Fernet | None = None


def parse_keys(raw: str | Iterable[str] | None) -> list[str]:
    if raw is None:
        return []
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    return [k.strip() for k in items if k and k.strip()]


def configure(keys: str | Iterable[str] | None) -> None:
    """Install the keyring (newest key first)."""
    global _keyring, _newest
    parsed = parse_keys(keys)
    if not parsed:
        raise KeyringError("No encryption key: set SIBIKA_FERNET_KEYS (comma-separated Fernet keys, newest first).")
    try:
        fernets = [Fernet(k) for k in parsed]
    except (ValueError, TypeError):
        raise KeyringError("SIBIKA_FERNET_KEYS holds a key that is not a Fernet key "
                           "(32 url-safe base64-encoded bytes; make one with `flask sibika new-key`).") from None
    _keyring, _newest = MultiFernet(fernets), fernets[0]


def current_keys() -> MultiFernet:
    if _keyring is None:
        raise KeyringError("The encryption keyring is not configured (create_app was not called).")
    return _keyring


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def is_token(value: str | None) -> bool:
    return bool(value) and value.startswith(TOKEN_PREFIX)


def encrypt(plaintext: str) -> str:
    return current_keys().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return current_keys().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError):
        raise UndecryptableValue(
            "An encrypted value could not be decrypted with any key in SIBIKA_FERNET_KEYS: "
            "the key it was written with is missing, or the value was stored without encryption."
        ) from None


def rotate(token: str) -> str:
    """The same value under the newest key."""
    try:
        return current_keys().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError):
        raise UndecryptableValue("A value could not be re-encrypted: no configured key opens it.") from None


class EncryptedText(TypeDecorator):
    """Text stored as a Fernet token. Python sees plain text; the database never does.
    Encrypted columns cannot be searched or sorted by their content in SQL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return encrypt(str(value))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return decrypt(value)


def encrypted_columns(metadata: MetaData) -> dict[str, list[str]]:
    """table name -> names of its encrypted columns, from the models."""
    found: dict[str, list[str]] = {}
    for table in metadata.sorted_tables:
        names = [c.name for c in table.columns if isinstance(c.type, EncryptedText)]
        if names:
            found[table.name] = names
    return found


def _raw_table(name: str, columns: list[str]) -> Table:
    # Plain Text columns: this reads and writes the stored tokens themselves.
    return Table(name, MetaData(), Column("id", primary_key=True), *(Column(c, Text) for c in columns))


def _rewrite(connection, columns_by_table: dict[str, list[str]], change) -> int:
    """Apply ``change(stored) -> new stored`` to every non-null value; returns values changed."""
    changed = 0
    for name, columns in columns_by_table.items():
        table = _raw_table(name, columns)
        for row in connection.execute(select(table)).mappings().all():
            values = {}
            for column in columns:
                stored = row[column]
                if stored is None:
                    continue
                new = change(stored)
                if new != stored:
                    values[column] = new
            if values:
                connection.execute(update(table).where(table.c.id == row["id"]).values(**values))
                changed += len(values)
    return changed


def encrypt_plaintext(connection, columns_by_table: dict[str, list[str]]) -> int:
    """Encrypt values still stored as plain text (the migration that turns encryption on)."""
    return _rewrite(connection, columns_by_table, lambda v: v if is_token(v) else encrypt(v))


def decrypt_to_plaintext(connection, columns_by_table: dict[str, list[str]]) -> int:
    """The reverse, for a downgrade."""
    return _rewrite(connection, columns_by_table, lambda v: decrypt(v) if is_token(v) else v)


def rotate_all(connection, columns_by_table: dict[str, list[str]]) -> int:
    """Re-encrypt every value with the newest key (all rows are rewritten: a token
    does not say which key made it without trying them)."""
    return _rewrite(connection, columns_by_table, rotate)
