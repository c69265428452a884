"""The client's file (/klien/<id>/) as each role opens it (issue 17): the PK and the Kepala Bapas read all of it
(the Kepala and Admin with *Riwayat*, the file's audit), registration and the TPP the parts that are not
sensitive, the complaints unit is refused. A screenshot of what each sees is saved (docs/screenshots/
berkas-klien-<role>.png are copies of these)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.e2e.conftest import EXPIRY, START
from tests.e2e.journeys import in_tahap_awal

NAME = "Rangga Pratama"
# role key (the screenshot's name) -> login, and whether the role reads the file, its sensitive parts, its history
ROLES = {
    "pk": ("pk_a", True, True, False),
    "kepala": ("kepala", True, True, True),
    "admin": ("admin", True, True, True),
    "registrasi": ("registrasi", True, False, False),
    "tpp": ("tpp", True, False, False),
    "pengaduan": ("pengaduan", False, False, False),
}
EDITS_THE_CLIENT = {"pk", "kepala", "admin", "registrasi"}  # the TPP reads the client, never edits it
MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")


def _a_month_of_work(live, client_id: int) -> None:
    """What a PK's first weeks leave in the file: an initial assessment, an approved programme, a consent, guidance
    activities and a TPP agenda item."""

    def make(session, world):
        from app.guidance.assessment import store
        from models import (Assessment, Consent, Partner, Programme, ProgrammeItem, ProgressEntry, TppItem,
                            TppSession)

        today = date.today()
        instrument = store.ensure_demo(session)
        partner = Partner(office_id=world.office_a, name="LKP Karya Mandiri", kind="pelatihan")
        programme = Programme(client_id=client_id, stage="awal", status="disetujui", interests_talents="Otomotif")
        programme.items = [
            ProgrammeItem(client_id=client_id, kind="kemandirian", activity_kind="kegiatan_mitra",
                          activity="Kursus montir sepeda motor", partner=partner, frequency="Dua kali seminggu"),
            ProgrammeItem(client_id=client_id, kind="kepribadian", activity_kind="konseling",
                          activity="Konseling pengendalian emosi", frequency="Setiap minggu")]
        session_ = TppSession(office_id=world.office_a, held_on=START + timedelta(days=10), place="Ruang Sidang TPP",
                              members_total=3)
        session.add_all([partner, programme, session_])
        session.flush()
        session.add_all([
            Assessment(client_id=client_id, instrument_id=instrument.id, kind="awal", assessed_on=START + timedelta(days=3),
                       assessor_id=world.users["pk_a"], consent=True, status="final", category="sedang", total_score=9),
            TppItem(session_id=session_.id, client_id=client_id, matter="rencana_awal", programme_id=programme.id,
                    decision="setuju", consensus=True),
            Consent(client_id=client_id, given=True, by_client=True, by_guardian=True,
                    recorded_on=today - timedelta(days=20)),
            ProgressEntry(client_id=client_id, office_id=world.office_a, happened_on=today - timedelta(days=12),
                          kind="konseling", programme_item_id=programme.items[1].id, place="Kantor Bapas",
                          what_happened="Konseling pertama: pemicu amarah di rumah", written_by_id=world.users["pk_a"]),
            ProgressEntry(client_id=client_id, office_id=world.office_a, happened_on=today - timedelta(days=5),
                          kind="kunjungan_rumah", place="Rumah orang tua",
                          what_happened="Orang tua mendukung kursus; kamar belajar sudah disiapkan", written_by_id=world.users["pk_a"]),
        ])
        session.commit()

    live.seed(make)


@pytest.fixture(scope="module")
def client_id(live):
    found = in_tahap_awal(live, NAME, START, EXPIRY, approved=("awal",))
    _a_month_of_work(live, found)
    return found


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_sees_the_file_it_may_read_or_is_refused(person, client_id, role):
    username, reads, sensitive, history = ROLES[role]
    screen = person(f"berkas-{role}")
    page = screen.login(username)
    response = page.goto(screen.live.url + f"/klien/{client_id}/")
    if not reads:
        assert page.locator(".berkas-header").count() == 0 and NAME not in page.content()
        screen.screen(f"berkas-klien-{role}")
        return
    assert response.status == 200
    header = page.locator(".berkas-header").inner_text()
    assert NAME in header
    text = page.locator("main").inner_text() if page.locator("main").count() else page.content()
    assert ("pemicu amarah" in text) == sensitive, role  # the progress book is the supervisors'
    assert (page.locator("#riwayat").count() > 0) == history, role
    assert (page.locator("#identitas a", has_text="Ubah Data Klien").count() > 0) == (role in EDITS_THE_CLIENT)
    assert "system" not in page.locator("main").inner_text()
    if sensitive and role != "admin":  # the monthly report's month by its Indonesian name, whatever the browser
        month = page.locator("#bulan option").first.inner_text()
        assert month.split()[0] in MONTHS_ID, month
    assert "Tindak pidana tanggal" in page.locator("#ringkasan").inner_text()
    screen.screen(f"berkas-klien-{role}")
