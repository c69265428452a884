"""Everything a user reads has an Indonesian translation."""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2] / "translations"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+(?::[^}]*)?\}")


def catalog(lang):
    with open(ROOT / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=lang)


def test_every_message_of_the_template_is_translated_into_indonesian():
    with open(ROOT / "messages.pot", "rb") as fh:
        template = read_po(fh)
    indonesian = catalog("id")
    missing = [m.id for m in template if m.id and not (m.id in indonesian and indonesian[m.id].string)]
    assert missing == []
    fuzzy = [m.id for m in indonesian if m.id and m.fuzzy]
    assert fuzzy == []


def test_placeholders_survive_translation():
    for message in catalog("id"):
        if message.id and message.string:
            assert sorted(PLACEHOLDER.findall(message.id)) == sorted(PLACEHOLDER.findall(message.string)), message.id


def test_the_template_is_up_to_date_with_the_code():
    """A string added in code but not extracted would show in English; update.sh extracts."""
    sources = Path(__file__).resolve().parents[2]
    # A whole literal as the first argument (concatenated literals are skipped).
    pattern = re.compile(r"""\b_\(\s*(?:"([^"\\]{3,})"|'([^'\\]{3,})')\s*[,)]""")
    with open(ROOT / "messages.pot", "rb") as fh:
        known = {m.id for m in read_po(fh)}
    found = set()
    for folder in ("app", "views", "models"):
        for path in (sources / folder).rglob("*.py"):
            found.update(a or b for a, b in pattern.findall(path.read_text()))
        for path in (sources / folder).rglob("*.html"):
            found.update(a or b for a, b in pattern.findall(path.read_text()))
    assert sorted(found - known) == []
