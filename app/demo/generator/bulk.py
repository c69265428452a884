"""Bulk writing for the data generator: ids handed out in Python, rows buffered
per table and written in dependency order — COPY on PostgreSQL, executemany
elsewhere.

Ids are assigned here (not by the database) so that a client's rows can point
at each other before anything is written; PostgreSQL's sequences are moved past
them at the end. A flush writes every buffer, parents first, and only ever
between two clients, so rows that point at each other (a struck book line and
the line that replaced it) always travel in the same statement.

COPY bypasses the column types, so the values of encrypted columns
(``app.platform.crypto.EncryptedText``) are encrypted here before they are written, as the
ORM and the SQLite path (through the types) do.
"""
from __future__ import annotations

from collections import defaultdict

from flask_appbuilder import Model
from sqlalchemy import Sequence, func, select, text

from app.platform import crypto

FLUSH_ROWS = 200_000


class BulkWriter:
    def __init__(self, connection):
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"
        self.tables = {t.name: t for t in Model.metadata.sorted_tables}
        self.order = [t.name for t in Model.metadata.sorted_tables]
        self.encrypted = crypto.encrypted_columns(Model.metadata)
        self.columns: dict[str, tuple[str, ...]] = {}
        self.buffers: dict[str, list[tuple]] = defaultdict(list)
        self.next_id: dict[str, int] = {}
        self.counts: dict[str, int] = defaultdict(int)
        self.pending = 0

    def new_id(self, table: str) -> int:
        if table not in self.next_id:
            column = self.tables[table].c.id
            self.next_id[table] = (self.connection.execute(select(func.max(column))).scalar() or 0) + 1
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def add(self, table: str, columns: tuple[str, ...], row: tuple) -> None:
        known = self.columns.setdefault(table, columns)
        if known != columns:
            raise ValueError(f"{table}: rows must keep one column order")
        self.buffers[table].append(row)
        self.pending += 1

    def maybe_flush(self) -> None:
        """Call between clients: writes everything once enough rows wait."""
        if self.pending >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        for table in self.order:
            rows = self.buffers.get(table)
            if rows:
                self._write(table, self.columns[table], rows)
                self.counts[table] += len(rows)
                rows.clear()
        self.pending = 0

    def _write(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        names = ", ".join(columns)
        if self.postgres:
            secret = [i for i, name in enumerate(columns) if name in self.encrypted.get(table, ())]
            cursor = self.connection.connection.dbapi_connection.cursor()
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    if secret:
                        row = tuple(crypto.encrypt(str(v)) if i in secret and v is not None else v
                                    for i, v in enumerate(row))
                    copy.write_row(row)
            return
        self.connection.execute(self.tables[table].insert(), [dict(zip(columns, row)) for row in rows])

    def finish(self) -> None:
        self.flush()
        if self.postgres:
            for table in self.next_id:
                default = self.tables[table].c.id.default
                sequence = f"'{default.name}'" if isinstance(default, Sequence) else \
                    f"pg_get_serial_sequence('{table}', 'id')"
                self.connection.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {table}))"))
