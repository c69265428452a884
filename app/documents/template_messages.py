"""What a template author reads when a field is wrong: in the reader's language, naming the
field, the paragraph it stands in and, for a misspelt name, the nearest known one. Jinja's own
messages are English and name no place ("unexpected '}'"): they are turned into sentences here."""
from __future__ import annotations

import difflib
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from jinja2 import TemplateSyntaxError

from app.documents.template_parts import Part, excerpt

# What Jinja calls the tokens that end a field, as the author types them.
TOKEN_NAMES = {"end of print statement": "}}", "end of statement block": "%}", "name": _l("a name"),
               "end of template": _l("the end of the document")}
CLOSING = ("endif", "endfor")
AROUND = 40  # characters of text shown on each side of the place a syntax error points at


def closest(name: str, known) -> str | None:
    """The known name nearest to a misspelt one (difflib), or None when nothing is near."""
    found = difflib.get_close_matches(name, [k for k in known if isinstance(k, str)], n=1, cutoff=0.6)
    return found[0] if found else None


def _token(raw: str) -> str:
    return str(TOKEN_NAMES.get(raw, raw))


def _quoted(raw: str) -> str:
    return ", ".join(f"{{% {tag} %}}" for tag in re.findall(r"'(\w+)'", raw))


def syntax_problem(message: str) -> str:
    """Jinja's syntax message as a sentence of the reader's language."""
    text = message or ""
    if m := re.match(r"unexpected char '(.+?)' at \d+", text):
        return _("the character “%(char)s” does not belong in a field", char=m.group(1))
    if m := re.match(r"expected token '(.+?)', got '(.+?)'", text):
        return _("“%(expected)s” was expected where “%(got)s” stands", expected=_token(m.group(1)),
                 got=_token(m.group(2)))
    if m := re.match(r"unexpected end of template, expected '(.+?)'", text):
        return _("the field is not closed: “%(expected)s” is missing", expected=_token(m.group(1)))
    if m := re.match(r"Unexpected end of template\. Jinja was looking for the following tags: (.+?)\. "
                     r"The innermost block that needs to be closed is '(\w+)'", text):
        return _("the block {%% %(block)s %%} is not closed: %(tags)s is missing", block=m.group(2),
                 tags=_quoted(m.group(1)).split(", ")[-1])
    if m := re.match(r"Encountered unknown tag '(\w+)'\. Jinja was looking for the following tags: (.+?)\.", text):
        return _("{%% %(tag)s %%} stands where %(tags)s was expected", tag=m.group(1), tags=_quoted(m.group(2)))
    if (m := re.match(r"Encountered unknown tag '(end\w+)'", text)) and m.group(1) in CLOSING:
        return _("{%% %(tag)s %%} closes a block that was not opened", tag=m.group(1))
    if m := re.match(r"Encountered unknown tag '(\w+)'", text):
        return _("{%% %(tag)s %%} is not a known tag here (a tag is if, elif, else, endif, for or endfor; "
                 "a value is printed with {{ … }})", tag=m.group(1))
    if m := re.match(r"unexpected '(.+?)'", text):
        return _("“%(token)s” stands where it does not belong (a brace missing or too many?)",
                 token=_token(m.group(1)))
    if text.startswith("expected name or number"):
        return _("a name is missing after a dot")
    if text.startswith("tag name expected"):
        return _("a tag name is missing after {%")
    return _("the field cannot be read")


def _around(line: str) -> str:
    """The text around the first brace of a paragraph, where a syntax error sits."""
    starts = [i for i in (line.find("{{"), line.find("{%"), line.find("}"), line.find("{")) if i >= 0]
    if not starts or len(line) <= 2 * AROUND:
        return excerpt(line, 2 * AROUND)
    at = min(starts)
    before, after = max(at - AROUND, 0), at + AROUND
    return ("…" if before else "") + line[before:after].strip() + ("…" if after < len(line) else "")


def _block_start(part: Part, exc: TemplateSyntaxError) -> int:
    """An unclosed block is reported at the end of the document; point at where it was opened."""
    m = re.search(r"innermost block that needs to be closed is '(\w+)'", exc.message or "")
    lineno = exc.lineno or 1
    if not m:
        return lineno
    lines = part.source.splitlines()
    block = m.group(1)
    # Walking back from the end, a closed pair (if … endif) is skipped: the opener wanted is the first one
    # met while no closer is waiting for it.
    tag = re.compile(r"\{%-?\s*(?:tr |tc |p |r )?(end)?" + block + r"\b")
    waiting = 0
    for number in range(min(lineno, len(lines)), 0, -1):
        for found in reversed(list(tag.finditer(lines[number - 1]))):
            if found.group(1):
                waiting += 1
            elif waiting:
                waiting -= 1
            else:
                return number
    return lineno


def syntax_message(part: Part, exc: TemplateSyntaxError) -> str:
    lineno = _block_start(part, exc)
    return _("A field in %(where)s is written wrongly: %(problem)s. The text around it: “%(text)s”.",
             where=part.where(lineno), problem=syntax_problem(exc.message or ""),
             text=_around(part.line_text(lineno)))


def undefined_detail(message: str) -> str:
    """The name in Jinja's "'dict object' has no attribute 'namaa'" / "'x' is undefined"."""
    m = re.search(r"has no attribute '(.+?)'", message) or re.search(r"'(.+?)' is undefined", message)
    return m.group(1) if m else message
