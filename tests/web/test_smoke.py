"""Every main screen × every role: the exact answer each role gets (test_roles.py restates which roles may
open a screen; this says what everyone else gets instead, and that nobody gets a server error).

One letter per role, in the order of ROLES:
  O  200, the screen
  L  302 to /login/ (not logged in)
  H  302 to /beranda/ (the home page)
  R  302 to / (already logged in; or the public home, not logged in)
  M  302 to /mulai/ (the landing after a login: the dashboard)
  D  403, refused (the role has no permission for the screen)
  N  404 (the record does not exist, or lies outside the user's office or caseload)
{c} is a client of office A (PK pk_a); pk_b is a PK of office B.
"""
from __future__ import annotations

import pytest

ROLES = [None, "admin", "kepala", "pk_a", "registrasi", "tpp", "pengaduan", "pk_b"]
ANSWERS = {"O": (200, None), "L": (302, "/login/"), "H": (302, "/beranda/"), "R": (302, "/"), "M": (302, "/mulai/"), "D": (403, None),
           "N": (404, None)}

MATRIX = {
    "/clientview/list/":                 "LOOOOODO",
    "/handoverview/list/":               "LOOOODDO",
    "/pkassignmentview/list/":           "LOOOODDO",
    "/guardianview/list/":               "LOOOODDO",
    "/confidentialview/list/":           "LOOODDDO",
    "/partnerview/list/":                "LOOOOOOO",
    "/officeview/list/":                 "LOODDDDD",
    "/auditlogview/list/":               "LOODDDDD",
    "/retensi/":                         "LOODDDDD",
    "/users/list/":                      "LODDDDDD",
    "/supervisionkindview/list/":        "LOOOOOOO",
    "/complaintview/list/":              "LOOOOOOO",
    "/pengaduan-kerja/laporan":          "LOODDDOD",
    "/complaintcategoryview/list/":      "LOOOOOOO",
    "/holidayview/list/":                "LOOOOOOO",
    "/dasar-hukum/":                     "LOOOOOOO",
    "/jatuh-tempo/":                     "LOOODDDO",
    "/apellogview/list/":                "LOOOODDO",
    "/monthlyreportview/list/":          "LOOODDDO",
    "/revocationview/list/":             "LOOODDDO",
    "/register/buku/tahapan":            "LOOOODDO",
    "/register/buku/ekspirasi":          "LOOOODDO",
    "/register/klaper":                  "LOOOODDO",
    "/register/klien":                   "LOOOODDO",
    "/register/tpp":                     "LOOODODO",
    "/register/pengaduan":               "LOOOOOOO",
    "/generateddocumentview/list/":      "LOOODOOO",
    "/sdp/":                             "LOOODDDO",
    "/impor-klien/":                     "LOODODDD",
    "/pekerjaan/":                       "LOOOOOOO",
    "/pekerjaan/999999":                 "LNNNNNNN",
    "/cadangan/":                        "LODDDDDD",
    "/clientview/add":                   "LOOOODDO",
    "/handoverview/add":                 "LOODODDD",
    "/pkassignmentview/add":             "LOODDDDD",
    "/confidentialview/add":             "LOOODDDO",
    "/partnerview/add":                  "LOODODDD",
    "/officeview/add":                   "LODDDDDD",
    "/complaintview/add":                "LODDDDOD",
    "/holidayview/add":                  "LODDDDDD",
    "/apellogview/add":                  "LOOOODDO",
    "/monthlyreportview/add":            "LOOODDDO",
    "/revocationview/add":               "LOOODDDO",
    "/supervisionkindview/add":          "LODDDDDD",
    "/":                                 "OOOOOOOO",
    "/mulai/":                           "RHHHHHHH",
    "/beranda/":                         "LOOOOOOO",
    "/clientview/show/{c}":              "LOOOOODN",
    "/clientview/edit/{c}":              "LOOOODDN",
    "/bimbingan/{c}":                    "LOOOOODN",
    "/litmas/{c}":                       "LOOODNNN",
    "/klien/{c}/":                       "LOOOOODN",
    "/clientview/show/999999":           "LNNNNNDN",
    "/tidak-ada/":                       "NNNNNNNN",
    "/login/":                           "OMMMMMMM",
    "/pengaduan/":                       "OOOOOOOO",
    "/skm/":                             "LOODDDDD",
    "/skm/xlsx":                         "LOODDDDD",
    "/survei/":                          "OOOOOOOO",
    "/survei/BPS-A/":                    "OOOOOOOO",
    "/survei/hasil/BPS-A/":              "OOOOOOOO",
    "/standar-pelayanan/BPS-A/cetak":    "OOOOOOOO",
    "/standardcomponentview/list/":      "LODDDDDD",
}


def test_the_matrix_names_every_role_for_every_screen():
    assert all(len(row) == len(ROLES) and set(row) <= set(ANSWERS) for row in MATRIX.values())


@pytest.mark.parametrize("username", ROLES, ids=lambda r: r or "publik")
def test_each_role_gets_exactly_its_answer_on_every_main_screen(as_user, make_client, username):
    client = make_client(status="aktif", handover=True)
    browser = as_user(username)
    column = ROLES.index(username)
    wrong = []
    for screen, row in MATRIX.items():
        status, target = ANSWERS[row[column]]
        response = browser.get(screen.format(c=client.id))
        where = (response.headers.get("Location") or "").split("?")[0] or None
        if response.status_code != status or (target and where != target):
            wrong.append(f"{screen}: {response.status_code} {where or ''} (wanted {status} {target or ''})")
    assert not wrong, f"{username or 'publik'}:\n" + "\n".join(wrong)
