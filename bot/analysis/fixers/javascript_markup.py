"""JavaScript and TypeScript DOM XSS fixers for markup the code means to keep, on the tree-sitter tree.

- ``el.innerHTML = "<p>Hi <b>" + name + "</b></p>"`` (a ``+`` chain that starts with a literal, or a
  template literal) whose literal parts are plain, well-formed markup and whose values sit only where
  text goes -> the same elements built with ``document.createElement`` (literal attributes with
  ``setAttribute``), each value added as text with ``append(String(value))``, and
  ``el.replaceChildren(...)``: the page shows the same elements, a value is never parsed as HTML.
  Only a small set of tags whose parse is plain (no auto-closing, no ``<pre>`` newline, no table
  fostering) is rebuilt; an entity, a comment, a value inside a tag or any other markup stays advice;
- ``$(value)`` / ``jQuery(value)`` with a value read from an option or an attribute ->
  ``$(document).find(value)``: a selector lookup only, never HTML parsing (what Bootstrap shipped).
Pure: text in, text out. The markup scanner walks each literal once (no regular expressions).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from bot.analysis.fixers.edits import indent_of, to_finding
from bot.analysis.fixers.javascript_web import MARKUP
from bot.analysis.fixers.tsutil import Node, Tree, on_lines, parse, walk
from bot.core.models import Finding, SourceFile

PHRASING = {"b", "i", "em", "strong", "small", "code", "span", "mark", "u", "s", "sub", "sup", "abbr"}
PHRASING |= {"cite", "q", "kbd", "label", "time", "br"}
FLOW = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"}
FLOW |= {"header", "footer", "blockquote", "hr"}
VOID = {"br", "hr"}
ONLY_PHRASING = {"p", "h1", "h2", "h3", "h4", "h5", "h6"} | PHRASING
MAX_MARKUP = 2000
"""Literal markup longer than this (in one assignment) is not rebuilt: a template, not a snippet."""
TARGETS = {"getElementById", "querySelector"}
OPTIONS = {"options", "opts", "settings", "config"}
READS = {"attr", "getAttribute", "data"}
HTML_SINKS = (
    ".html(", ".append(", ".prepend(", ".after(", ".before(", ".replaceWith(", ".wrap", "innerHTML",
    "outerHTML", "insertAdjacentHTML", "document.write",
)  # fmt: skip
STEP = (
    "The markup is now built with createElement and each value is added as text (append): the browser "
    "shows it and never parses it as HTML. Check the elements still carry every attribute you need."
)
JQUERY_STEP = (
    "The value is now used only as a selector ($(document).find): a string that looks like HTML is no "
    "longer turned into elements, so its event handlers never run."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "xss" or finding.replacement is not None:
        return None
    if sf.language not in ("javascript", "typescript"):
        return None
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return None
    return _markup(finding, sf, tree) or _jquery(finding, sf, tree)


# -- markup scanner ----------------------------------------------------------------------------------


@dataclass
class _Element:
    tag: str
    attrs: list[tuple[str, str]] = field(default_factory=list)
    children: list[_Element | str | Node] = field(default_factory=list)  # text, element or value node


class _Refuse(Exception):
    """The markup is not plain enough to rebuild element by element."""


def _name(text: str, at: int) -> tuple[str, int]:
    end = at
    while end < len(text) and (text[end].isascii() and (text[end].isalnum() or text[end] == "-")):
        end += 1
    name = text[at:end]
    if not name or not name[0].isalpha() or name != name.lower():
        raise _Refuse
    return name, end


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\n":
        at += 1
    return at


def _tag(text: str, at: int) -> tuple[str, list[tuple[str, str]], bool, int]:
    """A tag starting at ``text[at] == "<"``: (name, attributes, closing, index after ``>``)."""
    closing = text.startswith("</", at)
    name, at = _name(text, at + (2 if closing else 1))
    attrs: list[tuple[str, str]] = []
    seen: set[str] = set()
    while True:
        spaced = _skip_space(text, at)
        if text.startswith(">", spaced):
            return name, attrs, closing, spaced + 1
        if text.startswith("/>", spaced) and name in VOID and not closing:
            return name, attrs, closing, spaced + 2
        if closing or spaced == at:
            raise _Refuse
        attr, at = _name(text, spaced)
        if not text.startswith("=", at) or at + 1 >= len(text) or text[at + 1] not in "\"'":
            raise _Refuse
        quote = text[at + 1]
        end = text.find(quote, at + 2)
        if end < 0:
            raise _Refuse
        value = text[at + 2 : end]
        if any(ch in value for ch in "&<\r\0") or attr in seen:
            raise _Refuse
        seen.add(attr)
        attrs.append((attr, value))
        at = end + 1


def _allowed(parent: _Element, tag: str) -> bool:
    if tag not in PHRASING | FLOW:
        return False
    if parent.tag in ONLY_PHRASING and tag not in PHRASING:
        return False
    if tag == "li":
        return parent.tag in {"ul", "ol"}
    return parent.tag not in {"ul", "ol"}


def build(parts: list[str | Node]) -> _Element | None:
    """The element tree of literal markup pieces with value nodes between them (a root element with
    tag ``""`` holds the top level), or None when it is not plain, well-formed markup."""
    root = _Element("")
    stack = [root]
    try:
        for part in parts:
            if not isinstance(part, str):
                stack[-1].children.append(part)  # a value: only ever between tags, as text
                continue
            at = 0
            while at < len(part):
                lt = part.find("<", at)
                text = part[at:] if lt < 0 else part[at:lt]
                if any(ch in text for ch in "&\r\0"):
                    raise _Refuse
                if text:
                    if stack[-1].tag in {"ul", "ol"} and text.strip():
                        raise _Refuse
                    stack[-1].children.append(text)
                if lt < 0:
                    break
                if lt + 1 >= len(part):
                    raise _Refuse  # a tag split by a value: the value would be inside it
                name, attrs, closing, at = _tag(part, lt)
                if closing:
                    if len(stack) == 1 or stack[-1].tag != name:
                        raise _Refuse
                    stack.pop()
                    continue
                if not _allowed(stack[-1], name):
                    raise _Refuse
                element = _Element(name, attrs)
                stack[-1].children.append(element)
                if name not in VOID:
                    stack.append(element)
    except _Refuse:
        return None
    return root if len(stack) == 1 else None


# -- innerHTML of markup -------------------------------------------------------------------------------


def literal_pieces(tree: Tree, node: Node) -> list[str | Node] | None:
    """Literal text and value nodes of a template literal or a ``+`` chain starting with a literal."""
    if node.type == "template_string":
        out: list[str | Node] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                out.append(tree.text(child))
            elif child.type == "template_substitution":
                inner = [c for c in child.named_children if c.type != "comment"]
                if len(inner) != 1:
                    return None
                out.append(inner[0])
            else:
                return None  # an escape sequence: not rebuilt
        return out
    operands = _chain(tree, node)
    if not operands or operands[0].type != "string":
        return None  # 1 + 2 + "<p>" adds numbers first: keep such code as it is
    out = []
    for operand in operands:
        if operand.type == "string":
            text = _string(tree, operand)
            if text is None:
                return None
            out.append(text)
        elif operand.type == "template_string":
            nested = literal_pieces(tree, operand)
            if nested is None:
                return None
            out += nested
        else:
            out.append(operand)
    return out


def _chain(tree: Tree, node: Node) -> list[Node]:
    """The operands of a left-nested ``a + b + c`` chain, in order."""
    operands: list[Node] = []
    while node.type == "binary_expression" and tree.text(node.child_by_field_name("operator")) == "+":
        operands.append(node.child_by_field_name("right"))
        node = node.child_by_field_name("left")
    operands.append(node)
    return operands[::-1]


def _string(tree: Tree, node: Node) -> str | None:
    parts = node.named_children
    if any(p.type != "string_fragment" for p in parts):
        return None  # an escape sequence
    return "".join(tree.text(p) for p in parts)


def js_literal(text: str, quote: str) -> str:
    """A JavaScript string literal for ``text`` in the file's quote style where it needs no escape."""
    for q in (quote, "'" if quote == '"' else '"'):
        if not any(ch in text for ch in (q, "\\", "\n", "\u2028", "\u2029")):
            return f"{q}{text}{q}"
    return json.dumps(text, ensure_ascii=False)


def _target_ok(tree: Tree, node: Node) -> bool:
    """The element is a name, a property path or ``document.getElementById/querySelector(literal)``:
    reading it after the values are computed reads the same element."""
    if node.type in {"identifier", "this"}:
        return True
    if node.type == "member_expression":
        return _target_ok(tree, node.child_by_field_name("object"))
    if node.type == "call_expression":
        fn = node.child_by_field_name("function")
        args = [a for a in node.child_by_field_name("arguments").named_children if a.type != "comment"]
        return (
            tree.text(fn) in {f"document.{t}" for t in TARGETS}
            and len(args) == 1
            and args[0].type == "string"
        )
    if node.type in {"parenthesized_expression", "non_null_expression", "as_expression"}:
        inner = node.named_children[0] if node.named_children else None
        return inner is not None and _target_ok(tree, inner)
    return False


def _markup(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:  # noqa: PLR0911
    assigns = [
        n
        for n in walk(tree.root)
        if n.type == "assignment_expression"
        and on_lines(n, finding.lines)
        and _prop(tree, n.child_by_field_name("left")) == "innerHTML"
    ]
    if len(assigns) != 1:
        return None
    node = assigns[0]
    statement = node.parent
    if statement is None or statement.type != "expression_statement":
        return None
    block = statement.parent
    if block is None or block.type not in {"statement_block", "program"}:
        return None  # a declaration needs a block of its own (not an unbraced if body)
    siblings = [
        n
        for n in walk(block)
        if n.type == "assignment_expression"
        and n.start_byte != node.start_byte
        and _prop(tree, n.child_by_field_name("left")) in {"innerHTML", "outerHTML"}
    ]
    if siblings:
        return None  # another rewrite in the same block could declare the same names
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    target = left.child_by_field_name("object")
    if not _target_ok(tree, target):
        return None
    parts = literal_pieces(tree, right)
    if parts is None or not any(not isinstance(p, str) for p in parts):
        return None
    if any(_meant_as_markup(tree, p) for p in parts if not isinstance(p, str)):
        return None  # a rendered or sanitised fragment is markup on purpose: advice
    if sum(len(p) for p in parts if isinstance(p, str)) > MAX_MARKUP:
        return None
    root = build(parts)
    if root is None or not any(isinstance(c, _Element) for c in _all(root)):
        return None  # no element at all: textContent (javascript_web) is the fix
    taken = {
        tree.text(n) for n in walk(tree.root) if n.type in {"identifier", "shorthand_property_identifier"}
    }
    quote = _quote(tree, right, sf.text)
    semi = ";" if tree.text(statement).rstrip().endswith(";") else ""
    lines = _statements(tree, root, tree.text(target), taken, quote=quote, semi=semi)
    indent = indent_of(tree.lines[statement.start_point[0]])
    edit = tree.edit(statement, f"\n{indent}".join(lines))
    return to_finding(finding, sf, [edit], (STEP,)) if edit else None


def _meant_as_markup(tree: Tree, value: Node) -> bool:
    return any(
        n.type in ("identifier", "property_identifier") and MARKUP.search(tree.text(n)) for n in walk(value)
    )


def _prop(tree: Tree, node: Node | None) -> str:
    if node is None or node.type != "member_expression":
        return ""
    prop = node.child_by_field_name("property")
    return "" if prop is None else tree.text(prop)


def _all(element: _Element) -> list[_Element | str | Node]:
    out: list[_Element | str | Node] = []
    stack: list[_Element | str | Node] = list(element.children)
    while stack:
        item = stack.pop()
        out.append(item)
        if isinstance(item, _Element):
            stack.extend(item.children)
    return out


def _quote(tree: Tree, right: Node, text: str) -> str:
    for n in walk(right):
        if n.type == "string":
            return tree.text(n)[0]
    return "'" if text.count("'") >= text.count('"') else '"'


def _statements(
    tree: Tree, root: _Element, target: str, taken: set[str], *, quote: str, semi: str
) -> list[str]:
    """createElement / setAttribute / append lines building ``root``'s children, then
    ``target.replaceChildren(...)``."""
    names: dict[int, str] = {}
    created: list[str] = []
    appends: list[str] = []

    def var(element: _Element) -> str:
        base = f"{element.tag}El"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}{n}", n + 1
        taken.add(name)
        names[id(element)] = name
        return name

    def arg(item: _Element | str | Node) -> str:
        if isinstance(item, _Element):
            return names[id(item)]
        if isinstance(item, str):
            return js_literal(item, quote)
        return f"String({tree.text(item)})"

    def visit(element: _Element) -> None:
        name = var(element)
        created.append(f"const {name} = document.createElement({js_literal(element.tag, quote)}){semi}")
        created.extend(
            f"{name}.setAttribute({js_literal(a, quote)}, {js_literal(v, quote)}){semi}"
            for a, v in element.attrs
        )
        for child in element.children:
            if isinstance(child, _Element):
                visit(child)
        if element.children:
            appends.append(f"{name}.append({', '.join(arg(c) for c in element.children)}){semi}")

    for child in root.children:
        if isinstance(child, _Element):
            visit(child)
    # appends come innermost first (visit adds an element's after its children's): each element is
    # complete when it is placed
    ordered = created + appends
    top = ", ".join(arg(c) for c in root.children)
    return [*ordered, f"{target}.replaceChildren({top}){semi}"]


# -- jQuery $(value) -----------------------------------------------------------------------------------


def _jquery(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    flagged = "\n".join(tree.lines[finding.start_line - 1 : finding.end_line])
    if any(sink in flagged for sink in HTML_SINKS):
        return None  # the flaw may be that sink, which a selector lookup does not fix
    calls = []
    for call in walk(tree.root):
        if call.type != "call_expression" or not on_lines(call, finding.lines):
            continue
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if fn is None or fn.type != "identifier" or tree.text(fn) not in {"$", "jQuery"} or args is None:
            continue
        items = [a for a in args.named_children if a.type != "comment"]
        if len(items) != 1:
            continue
        value = items[0]
        if not _from_option_or_attribute(tree, value):
            continue  # an element, markup, a ready handler or a selector written in the code
        calls.append((call, fn, value))
    if len(calls) != 1:
        return None
    call, fn, value = calls[0]
    edit = tree.edit(call, f"{tree.text(fn)}(document).find({tree.text(value)})")
    return to_finding(finding, sf, [edit], (JQUERY_STEP,)) if edit else None


def _from_option_or_attribute(tree: Tree, value: Node) -> bool:
    """``this.options.x`` / ``opts.x`` or ``el.attr(...)`` / ``el.getAttribute(...)`` / ``el.data(...)``:
    a string a plugin's caller or the page's markup sets (an element passed in is left alone)."""
    if value.type == "member_expression":
        obj = value.child_by_field_name("object")
        return obj is not None and tree.text(obj).removeprefix("this.") in OPTIONS
    if value.type == "call_expression":
        fn = value.child_by_field_name("function")
        return fn is not None and fn.type == "member_expression" and _prop(tree, fn) in READS
    return False
