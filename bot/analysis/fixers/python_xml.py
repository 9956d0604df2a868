"""Python lxml parsing with entity resolution -> a parser that resolves no entities and fetches nothing
(issue 12, XXE):

- ``etree.parse(doc)``, ``etree.fromstring(doc)``, ``etree.XML(doc)`` with lxml's default parser ->
  the same call with ``etree.XMLParser(resolve_entities=False, no_network=True)`` as its parser;
- ``etree.XMLParser(...)`` built without ``resolve_entities`` -> the same options plus
  ``resolve_entities=False`` (and ``no_network=True`` unless the call already says);
- ``etree.fromstring(doc, parser)`` (``parse``, ``XML``) where ``parser`` is a name of the function
  assigned once, before the call and on one line, from ``etree.XMLParser(...)`` with keyword options
  only: that parser's ``resolve_entities=True`` becomes ``False`` and ``no_network=False`` becomes
  ``True`` (each added when missing), the suggestion running from the parser's line to the call's,
  every line of it added by the change. A parser used by any other call is left to a person.

``etree`` is lxml's module however the file imports it (``from lxml import etree [as x]``,
``import lxml.etree as x``). A document given as a string literal (a file of the repository, a
constant) is the program's own and is left alone; so is a call with more arguments or ``**options``,
or one spread over several lines.
Internal entities (``&name;`` defined in the document's own DTD) are no longer expanded either; the
step says so. Pure: source text in, text out.
"""

from __future__ import annotations

import ast

from bot.analysis.fixers.rewrite import (
    Edit,
    PySource,
    apply_edits,
    enclosing_function,
    single_assignment,
    suggest,
)
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

_PARSES = {"parse", "fromstring", "XML"}
SAFE = "XMLParser(resolve_entities=False, no_network=True)"
STEP = (
    "The parser now resolves no entities and fetches nothing from the network: a document that "
    "relies on entities defined in its own DTD (rare) keeps them unexpanded."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "xxe" or finding.replacement is not None:
        return None
    src = PySource.parse(sf)
    if src is None:
        return None
    modules = _etree_names(src.tree)
    if not modules:
        return None
    for call in ast.walk(src.tree):
        if not (
            isinstance(call, ast.Call) and call.lineno in finding.lines and call.end_lineno == call.lineno
        ):
            continue
        module, _, name = dotted(call.func).rpartition(".")
        if module not in modules or any(k.arg is None for k in call.keywords):
            continue
        if name in _PARSES and len(call.args) == 2:
            fixed = _named_parser(finding, sf, src, call, modules)
            if fixed is not None:
                return fixed
            continue
        if name in _PARSES and len(call.args) == 1 and not call.keywords:
            doc = call.args[0]
            if isinstance(doc, ast.Constant | ast.JoinedStr | ast.Starred):
                continue  # the program's own document (or an unpacked list): not untrusted input
            end = src.span(call)[1] - 1  # the closing parenthesis
            if src.text[end] != ")":
                continue
            new = src.text[:end] + f", {module}.{SAFE}" + src.text[end:]
            return suggest(finding, sf, new, (STEP,))
        if name == "XMLParser" and not call.args:
            given = {k.arg for k in call.keywords}
            if "resolve_entities" in given:
                continue  # an explicit choice: settings_flip turns a True into False
            extra = "resolve_entities=False" + ("" if "no_network" in given else ", no_network=True")
            end = src.span(call)[1] - 1
            if src.text[end] != ")":
                continue
            inner = src.text[src.span(call.func)[1] : end].rstrip()
            sep = "" if inner == "(" else ("" if inner.endswith(",") else ",") + " "
            body = src.text[: src.span(call.func)[1]] + inner + sep + extra
            return suggest(finding, sf, body + src.text[end:], (STEP,))
    return None


def _named_parser(
    finding: Finding, sf: SourceFile, src: PySource, call: ast.Call, modules: set[str]
) -> Finding | None:
    """``parse(doc, parser)`` with ``parser`` a name assigned once in the function from
    ``etree.XMLParser(...)`` and used by ``call`` alone: that parser made safe, or None."""
    made = _parser_made(src, call, modules)
    if made is None:
        return None
    given = {k.arg: k.value for k in made.keywords}
    edits = []
    for key, bad, good in (("resolve_entities", True, "False"), ("no_network", False, "True")):
        value = given.get(key)
        if value is not None and not (isinstance(value, ast.Constant) and isinstance(value.value, bool)):
            return None  # a setting computed elsewhere: a person decides
        if value is not None and value.value is bad:
            edits.append(src.replace(value, good))
    missing = [
        f"{k}={v}" for k, v in (("resolve_entities", "False"), ("no_network", "True")) if k not in given
    ]
    end = src.span(made)[1] - 1
    if (not edits and not missing) or src.text[end] != ")":
        return None  # the parser is already safe: the finding is about something else
    if missing:
        inner = src.text[src.span(made.func)[1] : end].rstrip()
        sep = "" if inner == "(" else ("" if inner.endswith(",") else ",") + " "
        at = src.span(made.func)[1] + len(inner)
        edits.append(Edit(at, at, sep + ", ".join(missing)))
    new = apply_edits(src.text, edits)
    return None if new is None else suggest(finding, sf, new, (STEP,))


def _parser_made(src: PySource, call: ast.Call, modules: set[str]) -> ast.Call | None:
    """The one-line ``etree.XMLParser(keywords...)`` call the parser argument of ``call`` holds."""
    named = call.args[1]
    func = enclosing_function(src.tree, call.lineno)
    if call.keywords or not isinstance(named, ast.Name) or func is None:
        return None
    assign = single_assignment(func, named.id, call.lineno)
    uses = [n for n in ast.walk(func) if isinstance(n, ast.Name) and n.id == named.id]
    if assign is None or len(uses) != 2:  # the assignment and this call: used nowhere else
        return None
    made = assign.value
    if not (isinstance(made, ast.Call) and made.lineno == made.end_lineno and not made.args):
        return None
    module, _, ctor = dotted(made.func).rpartition(".")
    if module not in modules or ctor != "XMLParser" or any(k.arg is None for k in made.keywords):
        return None
    return made


def _etree_names(tree: ast.Module) -> set[str]:
    """The names lxml's ``etree`` module is bound to in the file."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "lxml" and not node.level:
            names |= {a.asname or a.name for a in node.names if a.name == "etree"}
        elif isinstance(node, ast.Import):
            names |= {a.asname or a.name for a in node.names if a.name == "lxml.etree"}
    return names
