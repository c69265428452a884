"""Fill Indonesian translations into translations/id/LC_MESSAGES/messages.po.

Usage:
    .venv/bin/python translations/fill.py < mapping.json      # {"msgid": "msgstr", ...}
    .venv/bin/python translations/fill.py --from OTHER.po ... # take msgstrs another catalogue already has
    .venv/bin/python translations/fill.py --missing           # list msgids still untranslated

Only empty entries are filled, so an existing translation is never overwritten
(merging branches: run update.sh, then --from each branch's catalogue).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent / "id" / "LC_MESSAGES" / "messages.po"


def _load(path: Path):
    with path.open("rb") as fh:
        return read_po(fh, locale="id")


def _key(message):
    return message.id if isinstance(message.id, str) else message.id[0]


def main(argv: list[str]) -> int:
    catalog = _load(PO)
    if argv[:1] == ["--missing"]:
        for message in catalog:
            if message.id and not (message.string if isinstance(message.string, str) else all(message.string)):
                print(_key(message))
        return 0
    mapping: dict = {}
    if argv[:1] == ["--from"]:
        for other in argv[1:]:
            for message in _load(Path(other)):
                if message.id and message.string and (isinstance(message.string, str) or all(message.string)):
                    mapping.setdefault(_key(message), message.string)
    else:
        mapping = json.load(sys.stdin)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        value = mapping.get(_key(message))
        empty = not message.string if isinstance(message.string, str) else not all(message.string)
        if value and empty:
            if isinstance(message.id, str):
                message.string = value if isinstance(value, str) else value[0]
            else:
                message.string = tuple(value) if not isinstance(value, str) else (value, value)
            filled += 1
    with PO.open("wb") as fh:
        write_po(fh, catalog, omit_header=False, width=120)
    print(f"filled {filled}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
