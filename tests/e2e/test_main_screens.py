"""Every main screen, as the role that works in it: a screenshot each, and no serious or critical axe-core
violation. The journeys check the screens they pass through; this covers the lists, books and reports."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import EXPIRY, START
from tests.e2e.journeys import in_tahap_awal

SCREENS = {
    None: {"masuk": "/login/", "pengaduan-publik": "/pengaduan/", "beranda-publik": "/?kantor=BPS-A"},
    "pk_a": {
        "jatuh-tempo": "/jatuh-tempo/", "buku-tahapan": "/register/buku/tahapan",
        "buku-ekspirasi": "/register/buku/ekspirasi", "buku-klaper": "/register/klaper",
        "catatan-apel": "/apellogview/list/", "laporan-bulanan": "/monthlyreportview/list/",
        "asesmen": "/assessmentview/list/", "program": "/programmeview/list/", "sidang-tpp": "/tppsessionview/list/",
        "agenda-tpp": "/tppitemview/list/", "buku-perkembangan": "/progressentryview/list/",
        "arsip-dokumen": "/generateddocumentview/list/", "tahapan-klien": "/bimbingan/{client}",
        "detail-klien": "/clientview/show/{client}", "edit-klien": "/clientview/edit/{client}",
        "dasar-hukum": "/dasar-hukum/",
    },
    "kepala": {"daftar-klien": "/clientview/list/", "pengaduan": "/complaintview/list/",
               "laporan-pengaduan": "/pengaduan-kerja/laporan", "log-audit": "/auditlogview/list/",
               "penugasan-pk": "/pkassignmentview/list/", "mitra": "/partnerview/list/",
               "pindah-wilayah": "/pindah/", "register-pindah": "/register/pindah",
               "usul-pindah": "/pindah/usul/{client}"},
    "admin": {"kantor": "/officeview/list/", "templat-dokumen": "/documenttemplateview/list/",
              "instrumen-asesmen": "/instrumentview/list/", "hari-libur": "/holidayview/list/"},
}


@pytest.fixture(scope="module")
def client_id(live):
    return in_tahap_awal(live, "Indra Wijaya", START, EXPIRY, approved=())


@pytest.mark.parametrize("role", list(SCREENS), ids=lambda r: r or "publik")
def test_main_screens_are_accessible(person, live, client_id, role):
    me = person(f"layar-{role or 'publik'}")
    if role:
        me.login(role)
    failures = []
    for name, url in SCREENS[role].items():
        response = me.page.goto(live.url + url.format(client=client_id))
        assert response.status == 200, (url, response.status)
        try:
            me.screen(name)
        except AssertionError as problem:
            failures.append(str(problem))
    assert not failures, "\n\n".join(failures)
