"""Letters a Kepala Bapas can sign: every statement is true on the day it is signed (issue 16)."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.documents.formatting import tanggal
from app.documents.render import document_text
from app.supervision.lifecycle import gates
from models import GateRecord, GeneratedDocument, Termination
from tests.factories import MID_MONTH
from tests.web.test_documents import latest, office_ready, supervised  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.both_databases, pytest.mark.today(MID_MONTH)]

TODAY = MID_MONTH
SKA = "surat_keterangan_akhir"


def count(db_session, client, doc_type) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count(GeneratedDocument.id)).where(
        GeneratedDocument.client_id == client.id, GeneratedDocument.doc_type == doc_type))


def text_of(as_user, document) -> str:
    return re.sub(r"\s+", " ", document_text(as_user("pk_a").get(f"/dokumen/unduh/{document.id}").data))


@pytest.fixture
def in_akhir(supervised, db_session):  # noqa: F811  (the imported fixture)
    supervised.stage = "akhir"
    db_session.add(GateRecord(client_id=supervised.id, gate=gates.TPP_FINAL_EVALUATION, met_on=TODAY,
                              reference="TPP"))
    db_session.commit()
    return supervised


def end(db_session, client, reason, on, number="W.11.PK.01.05-77"):
    db_session.add(Termination(client_id=client.id, reason=reason, end_date=on, decision_number=number,
                               decision_date=on))
    client.status = reason
    db_session.commit()


def test_the_end_certificate_is_refused_while_the_supervision_runs(as_user, in_akhir, db_session):
    page = as_user("pk_a").post(f"/dokumen/{in_akhir.id}/surat-keterangan-akhir", follow_redirects=True)
    assert count(db_session, in_akhir, SKA) == 0
    assert "belum diakhiri" in page.get_data(as_text=True)


def test_the_end_certificate_states_the_recorded_end_date_and_how_it_ended(as_user, in_akhir, db_session):
    ended_on = TODAY - timedelta(days=3)
    end(db_session, in_akhir, "dicabut", ended_on)
    assert as_user("pk_a").post(f"/dokumen/{in_akhir.id}/surat-keterangan-akhir").status_code == 302
    document = latest(db_session, in_akhir)
    assert document.doc_type == SKA
    text = text_of(as_user, document)
    assert f"berakhir pada tanggal {tanggal(ended_on)}" in text, text
    assert "dicabut" in text.lower() and "W.11.PK.01.05-77" in text
    assert "telah selesai menjalani" not in text  # a revoked supervision was not completed
    assert f"pada tanggal {tanggal(in_akhir.supervision_expiry)}" not in text  # the expiry is not the end


def test_a_completed_supervision_is_certified_as_completed(as_user, in_akhir, db_session):
    end(db_session, in_akhir, "selesai", TODAY)
    as_user("pk_a").post(f"/dokumen/{in_akhir.id}/surat-keterangan-akhir")
    text = text_of(as_user, latest(db_session, in_akhir))
    assert f"berakhir pada tanggal {tanggal(TODAY)}" in text and "telah selesai menjalani" in text


def test_the_end_certificate_exists_once_per_supervision(as_user, in_akhir, db_session):
    end(db_session, in_akhir, "selesai", TODAY)
    pk = as_user("pk_a")
    pk.post(f"/dokumen/{in_akhir.id}/surat-keterangan-akhir")
    first = latest(db_session, in_akhir)
    again = pk.post(f"/dokumen/{in_akhir.id}/surat-keterangan-akhir", follow_redirects=True)
    pk.post(f"/dokumen/{in_akhir.id}/surat-keterangan-akhir")
    assert count(db_session, in_akhir, SKA) == 1
    assert f"sudah diterbitkan dengan Nomor {first.letter_number}" in again.get_data(as_text=True)


def test_letters_are_indonesian_for_a_user_with_an_english_screen(as_user, supervised, db_session):  # noqa: F811
    from tests.web.test_documents import MONTH

    pk = as_user("pk_a")
    pk.get("/lang/en")
    assert pk.post(f"/dokumen/{supervised.id}/laporan-bulanan", data={"bulan": f"{MONTH:%Y-%m}"}).status_code == 302
    document = latest(db_session, supervised)
    assert document is not None and document.doc_type == "laporan_perkembangan"
    text = text_of(as_user, document)
    assert "Attended" not in text and "Counselling" not in text and "Initial stage" not in text, text
    assert "Hadir" in text and "Konseling" in text
    # what the screen says stays in the reader's language
    refused = pk.post(f"/dokumen/{supervised.id}/surat-keterangan-akhir", follow_redirects=True)
    assert "has not been ended yet" in refused.get_data(as_text=True)
