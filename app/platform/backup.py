"""Backup and restore: one compressed archive holds a consistent copy of the
database, every stored file (photos, attachments, letters, templates under
UPLOAD_DIR) and a manifest to prove a restore complete: rows and a checksum
per table, a SHA-256 per file.

SQLite is copied with the online backup API (a consistent snapshot while the
application runs); PostgreSQL with ``pg_dump -Fc`` inside an exported snapshot,
the same one the manifest is computed from. Files are written once under random
names and never changed, so copying them after the snapshot loses nothing the
database refers to.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path, PurePosixPath

from sqlalchemy import MetaData, func, inspect, select, text
from sqlalchemy.engine import Connection, Engine

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# The migration bookkeeping is compared too, but a brand-new database may carry it already.
IGNORED_WHEN_EMPTY = {"alembic_version"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


# ---------------------------------------------------------------- manifest

def _canonical(value):
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def table_digests(conn: Connection) -> dict[str, dict]:
    """{table: {"rows": n, "sha256": ...}} over every row in primary-key order."""
    metadata = MetaData()
    metadata.reflect(bind=conn)
    out = {}
    for name in sorted(metadata.tables):
        table = metadata.tables[name]
        order = list(table.primary_key.columns) or list(table.columns)
        digest = hashlib.sha256()
        rows = 0
        for row in conn.execute(select(table).order_by(*order)):
            digest.update(json.dumps([_canonical(v) for v in row], default=str).encode())
            digest.update(b"\n")
            rows += 1
        out[name] = {"rows": rows, "sha256": digest.hexdigest()}
    return out


def file_digests(upload_dir: str | os.PathLike) -> dict[str, str]:
    root = Path(upload_dir)
    if not root.is_dir():
        return {}
    return {path.relative_to(root).as_posix(): _sha256_file(path)
            for path in sorted(root.rglob("*")) if path.is_file()}


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------- backup

def backup(engine: Engine, upload_dir: str, to_dir: str | os.PathLike, now: datetime | None = None) -> Path:
    """Write ``sibika-backup-<time>.tar.gz`` into ``to_dir`` and return its path."""
    now = now or datetime.now(timezone.utc)
    dialect = engine.dialect.name
    if dialect not in DB_MEMBER:
        raise BackupError(f"Backups of {dialect} databases are not supported (SQLite and PostgreSQL are).")
    target_dir = Path(to_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sibika-backup-") as work:
        db_file = Path(work) / DB_MEMBER[dialect]
        if dialect == "sqlite":
            tables = _copy_sqlite(engine, db_file)
        else:
            tables = _dump_postgres(engine, db_file)
        files = file_digests(upload_dir)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "dialect": dialect,
            "database": {"member": db_file.name, "sha256": _sha256_file(db_file)},
            "tables": tables,
            "files": files,
        }
        archive = target_dir / f"sibika-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(now.timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_file.name)
            for relative in files:
                tar.add(Path(upload_dir) / relative, arcname=f"{FILES}/{relative}")
        # A half-written archive never carries the final name.
        partial.replace(archive)
        archive.chmod(0o600)
    return archive


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(database)


def _copy_sqlite(engine: Engine, db_file: Path) -> dict:
    source = sqlite3.connect(_sqlite_path(engine))
    target = sqlite3.connect(db_file)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    copy = _sqlite_engine(db_file)
    try:
        with copy.connect() as conn:
            return table_digests(conn)
    finally:
        copy.dispose()


def _sqlite_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine

    return create_engine(f"sqlite:///{path}")


def pg_tool(name: str) -> str:
    """The PostgreSQL client program, from SIBIKA_PG_BIN (a directory) or the PATH."""
    folder = os.environ.get("SIBIKA_PG_BIN")
    found = shutil.which(name, path=folder) if folder else shutil.which(name)
    if not found:
        raise BackupError(f"{name} was not found. Install the PostgreSQL client programs "
                          f"(Debian: apt-get install postgresql-client) or set SIBIKA_PG_BIN to their folder.")
    return found


def _libpq(engine: Engine) -> tuple[str, dict]:
    """A libpq URI without the password, and an environment that carries it."""
    url = engine.url.set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return url.set(password=None).render_as_string(hide_password=False), env


def _dump_postgres(engine: Engine, db_file: Path) -> dict:
    pg_dump = pg_tool("pg_dump")
    uri, env = _libpq(engine)
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        with conn.begin():
            # pg_dump reads the very snapshot the manifest is computed from.
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            done = subprocess.run([pg_dump, "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                                   "-f", str(db_file), f"--dbname={uri}"], env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
            return table_digests(conn)


# ---------------------------------------------------------------- restore

def read_manifest(archive: str | os.PathLike) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        try:
            manifest = json.load(tar.extractfile(MANIFEST))
        except KeyError:
            raise BackupError("This is not a SIBIKA backup: it has no manifest.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Backup format {manifest.get('format')} is not supported by this version.")
    return manifest


def is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if n not in IGNORED_WHEN_EMPTY]
        metadata = MetaData()
        metadata.reflect(bind=conn, only=names)
        return all(conn.execute(select(func.count()).select_from(t)).scalar_one() == 0
                   for t in metadata.tables.values())


def restore(engine: Engine, archive: str | os.PathLike, upload_dir: str, force: bool = False) -> dict:
    """Bring an archive back into an empty database (any database with ``force``)
    and ``upload_dir``; verify every table and file against the manifest. Returns
    the manifest."""
    manifest = read_manifest(archive)
    dialect = engine.dialect.name
    if manifest["dialect"] != dialect:
        raise BackupError(f"This backup is of a {manifest['dialect']} database; the target is {dialect}.")
    if not force and not is_empty(engine):
        raise BackupError("The target database is not empty. Restore into an empty database, "
                          "or pass --force to replace everything in it.")
    with tempfile.TemporaryDirectory(prefix="sibika-restore-") as work:
        db_file = Path(work) / manifest["database"]["member"]
        _unpack(archive, manifest, db_file, Path(upload_dir))
        if _sha256_file(db_file) != manifest["database"]["sha256"]:
            raise BackupError("The database copy in the archive is damaged (checksum differs).")
        engine.dispose()
        if dialect == "sqlite":
            _restore_sqlite(engine, db_file)
        else:
            _restore_postgres(engine, db_file, force)
    engine.dispose()
    verify(engine, upload_dir, manifest)
    return manifest


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"The archive holds an unsafe path: {name}")
    return path


def _unpack(archive, manifest: dict, db_file: Path, upload_dir: Path) -> None:
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            path = _safe_member(member.name)
            if not member.isfile() or member.name == MANIFEST:
                continue
            if member.name == manifest["database"]["member"]:
                target = db_file
            elif path.parts[0] == FILES and path.relative_to(FILES).as_posix() in manifest["files"]:
                target = upload_dir.joinpath(*path.parts[1:])
            else:
                raise BackupError(f"The archive holds a file its manifest does not name: {member.name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)


def _restore_sqlite(engine: Engine, db_file: Path) -> None:
    target_path = _sqlite_path(engine)
    source = sqlite3.connect(db_file)
    target = sqlite3.connect(target_path)
    try:
        # Page by page into the target file: it becomes an exact copy, whatever it held.
        source.backup(target)
    finally:
        source.close()
        target.close()


def _restore_postgres(engine: Engine, db_file: Path, force: bool) -> None:
    pg_restore = pg_tool("pg_restore")
    if force:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        with engine.begin() as conn:
            # An empty database may still carry an empty schema from `flask db upgrade`.
            for name in inspect(conn).get_table_names():
                conn.execute(text(f'DROP TABLE "{name}" CASCADE'))
            conn.execute(text("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE"))
    engine.dispose()
    uri, env = _libpq(engine)
    done = subprocess.run([pg_restore, "--no-owner", "--no-privileges", "--single-transaction",
                           "--exit-on-error", f"--dbname={uri}", str(db_file)],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")


def verify(engine: Engine, upload_dir: str, manifest: dict) -> None:
    """Every table's rows and checksum and every file's hash as the manifest says."""
    with engine.connect() as conn:
        found = table_digests(conn)
    problems = [f"table {name}: expected {want['rows']} rows ({want['sha256'][:12]}), found "
                f"{found.get(name, {}).get('rows')} ({(found.get(name, {}).get('sha256') or '')[:12]})"
                for name, want in manifest["tables"].items() if found.get(name) != want]
    for relative, digest in manifest["files"].items():
        path = Path(upload_dir) / relative
        if not path.is_file() or _sha256_file(path) != digest:
            problems.append(f"file {relative}: missing or different")
    if problems:
        raise BackupError("The restore does not match the backup:\n" + "\n".join(problems))


def describe(manifest: dict) -> str:
    rows = sum(t["rows"] for t in manifest["tables"].values())
    return (f"{len(manifest['tables'])} tables, {rows} rows, {len(manifest['files'])} files "
            f"({manifest['dialect']}, {manifest['created_at']})")

