"""What the fields of a Word template may say: the rule an uploaded template must
pass before it is stored (and every stored one again at start-up).

A field may print a documented variable of its document type (app.documents.samples,
the list the Admin sees on the variables page), walk into it by its documented
names (``klien.nama``, ``kegiatan[].tanggal``), loop over its lists, test it and
shape it with the filters of app.documents.sandbox. Anything else — a name that is
not a variable (``cycler``, ``self``, ``config``, ``range``, ``lipsum``...), an
attribute that is not documented (``__class__``, ``items``), a call, another filter,
``{% set %}``, ``{% macro %}``, ``{% autoescape %}``... — is refused with the field and
the paragraph it stands in. The sandbox stops such a field at render time as well;
this check makes the Admin hear of it at upload instead of a PK at issue.

The rule reads Jinja's syntax tree, not the text: ``{{ klien ['__cla' ~ 'ss__'] }}``
is a computed key and refused as such.
"""
from __future__ import annotations

from flask_babel import gettext as _
from jinja2 import TemplateSyntaxError, nodes

from app.documents import samples, sandbox
from app.documents.template_messages import closest, syntax_message
from app.documents.template_parts import FIELD, Part, excerpt, parts

SCALAR = ""  # the shape of a value that is neither a mapping nor a list
LOOP = {"index": 1, "index0": 0, "revindex": 1, "revindex0": 0, "first": True, "last": True, "length": 1,
        "depth": 1, "depth0": 0}
MAX_REPORTED = 10
# Each loop inside a loop multiplies the work by a list's length (a child's activities...).
MAX_LOOP_DEPTH = 2
TAGS = {"Assign": "{% set %}", "AssignBlock": "{% set %}", "Macro": "{% macro %}", "CallBlock": "{% call %}",
        "FilterBlock": "{% filter %}", "With": "{% with %}", "Include": "{% include %}", "Import": "{% import %}",
        "FromImport": "{% from … import %}", "Extends": "{% extends %}", "Block": "{% block %}",
        "ScopedEvalContextModifier": "{% autoescape %}", "EvalContextModifier": "{% autoescape %}",
        "ExprStmt": "{% do %}", "Dict": "{ … : … }", "Slice": "[ … : … ]", "Mul": "*", "Div": "/",
        "FloorDiv": "//", "Mod": "%", "Pow": "**"}


class Refusal(Exception):
    def __init__(self, node: nodes.Node, what: str, token: str = "", suggestion: str | None = None) -> None:
        super().__init__(what)
        self.lineno, self.what, self.token = getattr(node, "lineno", 1) or 1, what, token
        self.suggestion = suggestion  # the nearest documented name, for a misspelt one


def describe(node: nodes.Node) -> str:
    """A dotted name for what an expression reaches, as the Admin wrote it."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{describe(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        key = repr(node.arg.value) if isinstance(node.arg, nodes.Const) else "…"
        return f"{describe(node.node)}[{key}]"
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Call):
        return f"{describe(node.node)}(…)"
    return "…"


def _unknown(node: nodes.Node, token: str, known=()) -> Refusal:
    near = closest(token, known)
    if near and isinstance(node, (nodes.Getattr, nodes.Getitem)):
        near = f"{describe(node.node)}.{near}"
    return Refusal(node, _("“%(name)s”, which is not a variable of this document type", name=describe(node)), token,
                   near)


def _construct(node: nodes.Node) -> Refusal:
    if isinstance(node, nodes.Scope) and node.body:  # {% autoescape %} comes wrapped in a scope
        return _construct(node.body[0])
    kind = type(node).__name__
    tag = TAGS.get(kind, kind)
    return Refusal(node, _("the construct %(tag)s", tag=tag), tag.strip("{%} ").split(" ")[0])


class _Walk:
    """Follows each expression through the sample values: a name or attribute exists
    only if the documented variables have it."""

    def __init__(self) -> None:
        self.refusals: list[Refusal] = []
        self.depth = 0

    def _guard(self, check, *args) -> None:
        try:
            check(*args)
        except Refusal as refusal:
            self.refusals.append(refusal)

    def statements(self, body: list[nodes.Node], scope: dict) -> None:
        for node in body:
            self._guard(self.statement, node, scope)

    def statement(self, node: nodes.Node, scope: dict) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    self._guard(self.value, child, scope)
        elif isinstance(node, nodes.If):
            self.value(node.test, scope)
            self.statements(node.body, scope)
            self.statements(node.elif_, scope)
            self.statements(node.else_, scope)
        elif isinstance(node, nodes.For):
            self._loop(node, scope)
        else:
            raise _construct(node)

    def _loop(self, node: nodes.For, scope: dict) -> None:
        items = self.value(node.iter, scope)
        if node.recursive or not isinstance(node.target, nodes.Name):
            raise _construct(node)
        if not isinstance(items, list):
            raise Refusal(node, _("a loop over “%(name)s”, which is not a list", name=describe(node.iter)))
        if self.depth >= MAX_LOOP_DEPTH:
            raise Refusal(node, _("a loop inside more than %(n)s loops", n=MAX_LOOP_DEPTH - 1), "for")
        inner = {**scope, node.target.name: items[0] if items else SCALAR, "loop": LOOP}
        if node.test is not None:
            self.value(node.test, inner)
        self.depth += 1
        try:
            self.statements(node.body, inner)
        finally:
            self.depth -= 1
        self.statements(node.else_, scope)

    def _member(self, node: nodes.Node, base, key: str, token: str):
        if isinstance(base, dict) and key in base:
            return base[key]
        raise _unknown(node, token, base if isinstance(base, dict) else ())

    def value(self, node: nodes.Node, scope: dict):  # noqa: C901 - one branch per kind of expression
        if isinstance(node, nodes.Name):
            if node.ctx != "load" or node.name not in scope:
                raise _unknown(node, node.name, [k for k in scope if k not in samples.IMAGES])
            return scope[node.name]
        if isinstance(node, nodes.Getattr):
            return self._member(node, self.value(node.node, scope), node.attr, node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.value(node.node, scope)
            key = node.arg.value if isinstance(node.arg, nodes.Const) else None
            if isinstance(base, list) and isinstance(key, int) and not isinstance(key, bool):
                return base[0] if base else SCALAR
            if isinstance(key, str):
                return self._member(node, base, key, key)
            raise _unknown(node, "[")
        if isinstance(node, nodes.Const):
            return SCALAR
        if isinstance(node, (nodes.List, nodes.Tuple)):
            shapes = [self.value(item, scope) for item in node.items]
            return shapes[:1]
        if isinstance(node, nodes.Filter):
            return self._filter(node, scope)
        if isinstance(node, nodes.Test):
            if node.name not in sandbox.ALLOWED_TESTS or node.kwargs or node.dyn_args or node.dyn_kwargs:
                raise Refusal(node, _("the test “%(name)s”", name=node.name), node.name)
            self.value(node.node, scope)
            for arg in node.args:
                self.value(arg, scope)
            return SCALAR
        if isinstance(node, nodes.Call):
            self.value(node.node, scope)  # an unknown name inside says more than "a call"
            raise Refusal(node, _("a function or method call"), "(")
        if isinstance(node, nodes.CondExpr):
            self.value(node.test, scope)
            if node.expr2 is not None:
                self.value(node.expr2, scope)
            return self.value(node.expr1, scope)
        if isinstance(node, (nodes.And, nodes.Or, nodes.Add, nodes.Sub)):
            self.value(node.left, scope)
            self.value(node.right, scope)
            return SCALAR
        if isinstance(node, (nodes.Not, nodes.Neg, nodes.Pos)):
            self.value(node.node, scope)
            return SCALAR
        if isinstance(node, nodes.Compare):
            self.value(node.expr, scope)
            for operand in node.ops:
                self.value(operand.expr, scope)
            return SCALAR
        if isinstance(node, nodes.Concat):
            for item in node.nodes:
                self.value(item, scope)
            return SCALAR
        raise _construct(node)

    def _filter(self, node: nodes.Filter, scope: dict):
        if node.name not in sandbox.ALLOWED_FILTERS or node.kwargs or node.dyn_args or node.dyn_kwargs:
            raise Refusal(node, _("the filter “%(name)s”", name=node.name), node.name,
                          closest(node.name, sandbox.ALLOWED_FILTERS))
        base = self.value(node.node, scope) if node.node is not None else SCALAR
        for arg in node.args:
            self.value(arg, scope)
        if node.name in ("first", "last") and isinstance(base, list):
            return base[0] if base else SCALAR
        return base if node.name in ("default", "d") else SCALAR


def _field(part: Part, refusal: Refusal) -> str:
    """The field a refusal is about, as written in the document."""
    line = part.line_text(refusal.lineno)
    fields = FIELD.findall(line)
    chosen = next((f for f in fields if refusal.token and refusal.token in f), fields[0] if fields else line)
    return excerpt(chosen, 100)


def context_shape(doc_type: str) -> dict:
    """The documented variables of a document type with their example values."""
    return {**samples.SAMPLES[doc_type], **{name: SCALAR for name in samples.IMAGES}}


def refusals(template, doc_type: str) -> list[str]:
    """Every field of a DocxTemplate that goes beyond its document type's variables (empty: none)."""
    env = sandbox.environment()
    found: list[str] = []
    for part in parts(template):
        try:
            tree = env.parse(part.source)
        except TemplateSyntaxError as exc:
            found.append(syntax_message(part, exc))
            continue
        walk = _Walk()
        walk.statements(tree.body, context_shape(doc_type))
        for refusal in walk.refusals:
            if refusal.suggestion:
                found.append(_("The field %(field)s in %(where)s: “%(name)s” is not known (did you mean: "
                               "%(suggestion)s?).", field=_field(part, refusal), where=part.where(refusal.lineno),
                               name=refusal.token, suggestion=refusal.suggestion))
                continue
            found.append(_("The field %(field)s in %(where)s (“%(excerpt)s”) uses %(what)s. A template may use "
                           "only the variables listed for its document type, without function calls.",
                           field=_field(part, refusal), where=part.where(refusal.lineno),
                           excerpt=excerpt(part.line_text(refusal.lineno)), what=refusal.what))
    return found[:MAX_REPORTED]
