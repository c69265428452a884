"""Every scope is built in app/access.py (architecture.md: "a view never queries a model
directly for client-linked data; it asks app/access.py"). Read the source: a module
elsewhere that builds a FAB filter, opens a record by id through a clause of its own,
or compares with the user's office or caseload itself fails here."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACCESS = Path("app/access.py")

# The scope builder, called or re-implemented, or the access layer's private helpers borrowed.
BUILDS_A_SCOPE = re.compile(r"\b_?scope\(\s*[\"']|\bBaseFilter\b|\baccess\._\w+")
# "Find by id through a clause, else 404", written out: access.get does it.
LOOKUP_BY_ID = re.compile(r"\.id\s*==\s*[\w.]+\s*,\s*(?:access\.)?\w*(?:_clause|visible_client_ids)\(")
# The user's office or caseload compared by hand, and office filters on clients.
OWN_FILTER = re.compile(r"office_id\s*==\s*who\.office_id|current_pk_id\s*==\s*who\.user_id|\bClient\.office_id\s*==")

# Justified exceptions: (path, pattern source) -> why.
ALLOWED = {
    # A registration number is unique within an office: a uniqueness check on write, not a scope.
    ("app/clients/rules.py", OWN_FILTER.pattern): "registration number taken in the office",
    ("app/clients/next_number.py", OWN_FILTER.pattern): "registration number taken in the office",
    ("app/imports/validate.py", OWN_FILTER.pattern): "registration numbers of the import's office",
    # Only the Kepala Bapas decides, and only their own office's proposals even when also Admin
    # (office_clause would let an Admin-and-Kepala approve every office's).
    ("app/clients/retention.py", OWN_FILTER.pattern): "a Kepala Bapas decides their own office's proposals",
}


def _sources():
    for folder in ("app", "views"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT), path.read_text(encoding="utf-8")


def _offences(pattern):
    found = []
    for path, text in _sources():
        if path == ACCESS or (str(path), pattern.pattern) in ALLOWED:
            continue
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path}:{line}: {match.group(0)}")
    return found


def test_no_scope_is_built_outside_the_access_layer():
    assert _offences(BUILDS_A_SCOPE) == []


def test_no_record_is_looked_up_by_id_through_a_clause_of_its_own():
    assert _offences(LOOKUP_BY_ID) == []


def test_no_office_or_caseload_filter_is_written_outside_the_access_layer():
    assert _offences(OWN_FILTER) == []


def test_the_allowed_exceptions_are_still_needed():
    # An exception whose reason went away is removed, not kept as a hole.
    for path, pattern in ALLOWED:
        assert re.search(pattern, (ROOT / path).read_text(encoding="utf-8")), path
