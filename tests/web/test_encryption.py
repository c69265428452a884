"""Sensitive notes are encrypted at rest (app.platform.crypto): the database holds Fernet
tokens, the application shows plain text, keys rotate, a wrong key is an error."""
from __future__ import annotations

import importlib

import pytest
from cryptography.fernet import Fernet
from flask_appbuilder import Model
from sqlalchemy import text

from app.platform import crypto
from app.extensions import db
from models import AuditLog, ClientConfidential, Programme, ProgrammeItem

pytestmark = [pytest.mark.both_databases, pytest.mark.committing]  # own engines and connections see only what is committed

SECRET = "Asma berat; tinggal bersama nenek yang sakit"


class Keyring:
    """Test keys on top of the configured one; afterwards every value goes back under the configured key."""

    def __init__(self, configured: str):
        self.configured = crypto.parse_keys(configured)
        self.used: list[str] = []

    def use(self, *keys: str) -> None:
        self.used += [k for k in keys if k not in self.used]
        crypto.configure([*keys, *self.configured])

    def only(self, *keys: str) -> None:
        self.used += [k for k in keys if k not in self.used]
        crypto.configure(list(keys))

    def restore(self) -> None:
        db.session.rollback()
        crypto.configure([*self.configured, *self.used])
        with db.engine.begin() as connection:
            crypto.rotate_all(connection, crypto.encrypted_columns(Model.metadata))
        crypto.configure(self.configured)
        db.session.expire_all()


@pytest.fixture
def keyring(app):
    ring = Keyring(app.config["SIBIKA_FERNET_KEYS"])
    yield ring
    ring.restore()


def _raw(table: str, column: str, row_id: int) -> str:
    return db.session.execute(text(f"SELECT {column} FROM {table} WHERE id = :id"), {"id": row_id}).scalar_one()


def _confidential(make_client, **notes) -> ClientConfidential:
    client = make_client()
    row = ClientConfidential(client_id=client.id, **notes)
    db.session.add(row)
    db.session.commit()
    return row


def test_the_database_holds_tokens_and_the_application_plain_text(app, make_client):
    row = _confidential(make_client, health=SECRET, household="Rumah kontrakan", safety=None, programme_notes="")
    stored = _raw("client_confidential", "health", row.id)
    assert stored.startswith(crypto.TOKEN_PREFIX) and "Asma" not in stored
    assert _raw("client_confidential", "safety", row.id) is None
    assert _raw("client_confidential", "programme_notes", row.id).startswith(crypto.TOKEN_PREFIX)
    db.session.expire_all()
    again = db.session.get(ClientConfidential, row.id)
    assert (again.health, again.household, again.safety, again.programme_notes) == (
        SECRET, "Rumah kontrakan", None, "")


def test_programme_notes_and_items_are_encrypted(app, make_client, world):
    client = make_client()
    programme = Programme(client_id=client.id, stage="awal", notes="Butuh konseling keluarga",
                          interests_talents="Otomotif")
    programme.items = [ProgrammeItem(client_id=client.id, kind="kepribadian", activity_kind="konseling",
                                     activity="Konseling adiksi", need="Lepas dari lem", target="Bersih 3 bulan")]
    db.session.add(programme)
    db.session.commit()
    for column, plain in (("notes", "konseling"), ("interests_talents", "Otomotif")):
        assert plain not in _raw("programme", column, programme.id)
    for column, plain in (("activity", "adiksi"), ("need", "lem"), ("target", "Bersih")):
        assert plain not in _raw("programme_item", column, programme.items[0].id)
    assert crypto.encrypted_columns(Model.metadata) == {
        "client_confidential": ["health", "household", "safety", "programme_notes"],
        "programme": ["interests_talents", "notes", "tpp_note"],
        "programme_item": ["activity", "need", "target"],
        # The PK's litmas narrative: every part, each about the child's life and case.
        "litmas_narrative": ["ethnicity", "occupation", "guarantee", "basis", "purpose", "method", "childhood",
                             "schooling", "health", "behaviour", "relations", "interests", "chronology", "motive",
                             "victim", "response_client", "response_family", "response_community",
                             "response_victim", "analysis", "conclusion", "recommendation"],
    }


def test_the_audit_log_says_what_changed_but_not_the_value(app, make_client):
    row = _confidential(make_client, health=SECRET)
    row.health = "Sudah sembuh"
    db.session.commit()
    logged = db.session.query(AuditLog.changes).filter_by(table_name="client_confidential",
                                                          record_id=row.id).all()
    assert len(logged) == 2
    text_of_log = " ".join(c for (c,) in logged)
    assert "Asma" not in text_of_log and "sembuh" not in text_of_log and "[terenkripsi]" in text_of_log


def test_rotation_round_trip(app, make_client, keyring):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    keyring.use(old)
    row = _confidential(make_client, health=SECRET, household="Rumah sendiri")
    before = _raw("client_confidential", "health", row.id)
    assert Fernet(old).decrypt(before.encode()).decode() == SECRET

    keyring.use(new, old)  # the new key in front; the older ones still open the values
    with db.engine.begin() as connection:
        changed = crypto.rotate_all(connection, crypto.encrypted_columns(Model.metadata))
    assert changed >= 2
    after = _raw("client_confidential", "health", row.id)
    assert after != before and Fernet(new).decrypt(after.encode()).decode() == SECRET

    keyring.only(new)  # the old keys retired: everything still reads
    db.session.expire_all()
    assert db.session.get(ClientConfidential, row.id).household == "Rumah sendiri"


def test_rotate_key_command(app, make_client, keyring):
    new = Fernet.generate_key().decode()
    row = _confidential(make_client, health=SECRET)
    keyring.use(new)
    result = app.test_cli_runner().invoke(args=["sibika", "rotate-key"])
    assert result.exit_code == 0, result.output
    assert "Re-encrypted" in result.output
    assert Fernet(new).decrypt(_raw("client_confidential", "health", row.id).encode()).decode() == SECRET


def test_a_wrong_key_is_a_clear_error_not_garbage(app, make_client, keyring):
    row = _confidential(make_client, health=SECRET)
    keyring.only(Fernet.generate_key().decode())
    db.session.expire_all()
    with pytest.raises(crypto.UndecryptableValue, match="SIBIKA_FERNET_KEYS") as caught:
        db.session.get(ClientConfidential, row.id).health  # noqa: B018
    assert SECRET not in str(caught.value) and crypto.TOKEN_PREFIX not in str(caught.value)
    db.session.rollback()


def test_rotate_key_with_a_missing_key_changes_nothing(app, make_client, keyring):
    row = _confidential(make_client, health=SECRET)
    before = _raw("client_confidential", "health", row.id)
    keyring.only(Fernet.generate_key().decode())
    result = app.test_cli_runner().invoke(args=["sibika", "rotate-key"])
    assert result.exit_code != 0 and "Nothing was changed" in result.output
    assert _raw("client_confidential", "health", row.id) == before


@pytest.mark.parametrize("bad", ["", "  ,  ", "not-a-key", "c2hvcnQ="])
def test_a_malformed_key_list_is_refused_at_start(bad, keyring, app):
    with pytest.raises(crypto.KeyringError):
        crypto.configure(bad)


def test_the_migration_encrypts_existing_plain_text_once(app, make_client):
    migration = importlib.import_module("migrations.versions.0012_accounts_encryption")
    row = _confidential(make_client, health="x")
    db.session.execute(text("UPDATE client_confidential SET health = :p WHERE id = :id"),
                       {"p": SECRET, "id": row.id})  # as a row written before encryption
    db.session.commit()
    with db.engine.begin() as connection:
        assert crypto.encrypt_plaintext(connection, migration.ENCRYPTED) == 1
    with db.engine.begin() as connection:
        assert crypto.encrypt_plaintext(connection, migration.ENCRYPTED) == 0  # tokens are left alone
    assert _raw("client_confidential", "health", row.id).startswith(crypto.TOKEN_PREFIX)
    db.session.expire_all()
    assert db.session.get(ClientConfidential, row.id).health == SECRET
    with db.engine.begin() as connection:
        crypto.decrypt_to_plaintext(connection, {"client_confidential": ["health"]})
    assert _raw("client_confidential", "health", row.id) == SECRET
    with db.engine.begin() as connection:
        crypto.encrypt_plaintext(connection, {"client_confidential": ["health"]})


def test_only_entitled_roles_see_the_notes(app, make_client, as_user):
    row = _confidential(make_client, health=SECRET)
    assert SECRET in as_user("pk_a").get(f"/confidentialview/show/{row.id}").get_data(as_text=True)
    assert SECRET in as_user("kepala").get(f"/confidentialview/show/{row.id}").get_data(as_text=True)
    for outsider in ("pk_a2", "registrasi", "tpp", "pengaduan", "kepala_b", "pk_b"):
        response = as_user(outsider).get(f"/confidentialview/show/{row.id}")
        assert SECRET not in response.get_data(as_text=True), outsider
        listing = as_user(outsider).get("/confidentialview/list/")
        assert SECRET not in listing.get_data(as_text=True), outsider
