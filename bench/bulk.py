"""Bulk writing for the data generator: ids handed out in Python, rows buffered
per table and written in dependency order — COPY on PostgreSQL, executemany
elsewhere.

Ids are assigned here (not by the database) so that a client's rows can point
at each other before anything is written; PostgreSQL's sequences are moved past
them at the end. A flush writes every buffer, parents first, and only ever
between two clients, so rows that point at each other (a struck book line and
the line that replaced it) always travel in the same statement.
"""
from __future__ import annotations

from collections import defaultdict

from flask_appbuilder import Model
from sqlalchemy import Sequence, TypeDecorator, func, select, text

FLUSH_ROWS = 200_000


class BulkWriter:
    def __init__(self, connection):
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"
        self.tables = {t.name: t for t in Model.metadata.sorted_tables}
        self.order = [t.name for t in Model.metadata.sorted_tables]
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

    def _binders(self, table: str, columns: tuple[str, ...]) -> list:
        """For COPY, which bypasses SQLAlchemy: each column's own bind step where it has one
        (the encrypted notes must be stored encrypted, as the app would store them)."""
        dialect = self.connection.dialect
        out = []
        for name in columns:
            kind = self.tables[table].c[name].type
            out.append((lambda v, k=kind: k.process_bind_param(v, dialect))
                       if isinstance(kind, TypeDecorator) else None)
        return out

    def _write(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        names = ", ".join(columns)
        if self.postgres:
            binders = self._binders(table, columns)
            bound = [i for i, b in enumerate(binders) if b is not None]
            cursor = self.connection.connection.dbapi_connection.cursor()
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    if bound:
                        row = list(row)
                        for i in bound:
                            row[i] = binders[i](row[i])
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
