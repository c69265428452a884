"""Backup and restore: the round trip loses nothing (rows and a checksum per
table, files by hash) on SQLite and PostgreSQL; a non-empty target is refused
unless forced; a damaged archive or a missing pg_dump is a clear error."""
from __future__ import annotations

import io
import json
import tarfile
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import create_engine

from app.platform import backup
from app.extensions import db
from models import ClientConfidential, Guardian

pytestmark = [pytest.mark.both_databases, pytest.mark.committing]  # own engines and connections see only what is committed


@contextmanager
def empty_database(tmp_path, name="restored"):
    """A second, empty database of the same kind as the application's."""
    if db.engine.dialect.name == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / name}.db")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    from tests.conftest import _create_pg_database, _drop_pg_database

    name, url = _create_pg_database()
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
        _drop_pg_database(name)


@pytest.fixture
def some_data(app, make_client, db_session):
    from pathlib import Path

    clients = [make_client(pk="pk_a", full_name=f"Klien Cadangan {n}", birth_date=date(2010, 1, n + 1))
               for n in range(3)]
    db_session.add(Guardian(client_id=clients[0].id, relation="ibu", name="Ibu Cadangan"))
    db_session.add(ClientConfidential(client_id=clients[0].id, health="Catatan kesehatan"))
    db_session.commit()
    uploads = Path(app.config["UPLOAD_DIR"])
    for folder, name, content in (("photos", "foto-uji", b"\x89PNG foto"), ("documents", "surat-uji", b"PK\x03\x04 surat"),
                                  ("attachments", "lampiran-uji", b"%PDF-1.4 lampiran")):
        (uploads / folder).mkdir(parents=True, exist_ok=True)
        (uploads / folder / name).write_bytes(content)
    return clients


def test_the_round_trip_loses_nothing(app, some_data, db_session, tmp_path):
    db_session.commit()
    archive = backup.backup(db.engine, app.config["UPLOAD_DIR"], tmp_path / "out")
    manifest = backup.read_manifest(archive)
    with db.engine.connect() as conn:
        assert manifest["tables"] == backup.table_digests(conn)
    assert manifest["tables"]["client"]["rows"] >= 3 and manifest["tables"]["audit_log"]["rows"] > 0
    assert {"photos/foto-uji", "documents/surat-uji", "attachments/lampiran-uji"} <= set(manifest["files"])

    restored_files = tmp_path / "restored-uploads"
    with empty_database(tmp_path) as target:
        assert backup.is_empty(target)
        backup.restore(target, archive, str(restored_files))
        with target.connect() as conn:
            assert backup.table_digests(conn) == manifest["tables"]
        assert backup.file_digests(restored_files) == manifest["files"]
        # A second restore over the now full database needs --force, and then succeeds too.
        with pytest.raises(backup.BackupError, match="not empty"):
            backup.restore(target, archive, str(restored_files))
        backup.restore(target, archive, str(restored_files), force=True)
        with target.connect() as conn:
            assert backup.table_digests(conn) == manifest["tables"]


def test_a_non_empty_database_is_refused_and_left_alone(app, some_data, db_session, tmp_path):
    archive = backup.backup(db.engine, app.config["UPLOAD_DIR"], tmp_path / "out")
    with db.engine.connect() as conn:
        before = backup.table_digests(conn)
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(db.engine, archive, app.config["UPLOAD_DIR"])
    with db.engine.connect() as conn:
        assert backup.table_digests(conn) == before


def _tampered(archive, tmp_path, change):
    out = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == backup.MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    return out


def test_a_restore_that_does_not_match_the_manifest_is_reported(app, some_data, tmp_path):
    archive = backup.backup(db.engine, app.config["UPLOAD_DIR"], tmp_path / "out")

    def one_row_more(manifest):
        manifest["tables"]["client"]["rows"] += 1

    with empty_database(tmp_path) as target:
        with pytest.raises(backup.BackupError, match="table client"):
            backup.restore(target, _tampered(archive, tmp_path, one_row_more), str(tmp_path / "u"))

    def foreign_file(manifest):
        manifest["files"].pop("photos/foto-uji")

    with empty_database(tmp_path, "second") as target:
        with pytest.raises(backup.BackupError, match="does not name"):
            backup.restore(target, _tampered(archive, tmp_path, foreign_file), str(tmp_path / "u2"))


def test_the_commands_write_an_archive_and_refuse_a_full_database(app, some_data, tmp_path):
    runner = app.test_cli_runner()
    done = runner.invoke(args=["sibika", "backup", "--to", str(tmp_path / "cli")])
    assert done.exit_code == 0, done.output
    archive = next((tmp_path / "cli").glob("sibika-backup-*.tar.gz"))
    assert "tables" in done.output and "files" in done.output
    refused = runner.invoke(args=["sibika", "restore", str(archive)])
    assert refused.exit_code != 0 and "not empty" in refused.output


def test_a_missing_pg_dump_is_a_clear_error(app, tmp_path, monkeypatch):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("pg_dump is only used for PostgreSQL")
    monkeypatch.setenv("SIBIKA_PG_BIN", str(tmp_path))  # a folder without the programs
    done = app.test_cli_runner().invoke(args=["sibika", "backup", "--to", str(tmp_path / "x")])
    assert done.exit_code != 0 and "pg_dump was not found" in done.output
