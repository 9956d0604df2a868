"""XSS fixers that hand the value to the framework's own escaping (Go, Java, React, Rails).

- Go: a file that renders HTML with ``text/template`` (the flagged line executes a template) imports
  ``html/template`` instead: the same API, escaping by context. Only when the import is a plain,
  unnamed spec close above the flagged line and added by the change;
- Java: a servlet writer's ``print``/``println``/``write`` of a ``+`` concatenation: every value that is
  not a literal is wrapped in the HTML encoder the file already imports (OWASP ``Encode.forHtml``,
  Spring ``HtmlUtils.htmlEscape``, commons-text ``StringEscapeUtils.escapeHtml4``); none imported: advice;
- React: ``<tag ... dangerouslySetInnerHTML={{ __html: value }} />`` -> ``<tag ...>{value}</tag>``
  (React escapes text children), unless the value comes from a sanitiser, an escaper or a Markdown
  renderer (then it is meant to be markup);
- Rails: ``"<tag>#{value}</tag>".html_safe`` (one plain tag around one value) -> ``content_tag(:tag,
  value)`` (``helpers.content_tag`` in a controller), which escapes the value.
Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import MAX_WIDEN, Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, parse, walk
from bot.core.models import Finding, SourceFile

ENCODERS = {
    "org.owasp.encoder.Encode": "Encode.forHtml",
    "org.springframework.web.util.HtmlUtils": "HtmlUtils.htmlEscape",
    "org.apache.commons.text.StringEscapeUtils": "StringEscapeUtils.escapeHtml4",
}
WRITES = {"print", "println", "write", "append"}
CLEANERS = ("sanitiz", "purify", "escape", "marked", "markdown", "xss")
TEXT_STEP = "The value is now escaped for HTML where it is written; markup inside it is shown as text."


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "xss" or finding.replacement is not None:
        return None
    if sf.language == "ruby":
        return _rails(finding, sf)
    handler = {"go": _go, "java": _java, "typescript": _react, "javascript": _react}.get(sf.language or "")
    tree = parse(sf.text, sf.language, sf.path) if handler else None
    return handler(finding, sf, tree) if handler and tree else None


def _on(node: Node, finding: Finding) -> bool:
    return bool(node.start_point[0] + 1 <= finding.end_line and node.end_point[0] + 1 >= finding.start_line)


def _keep(finding: Finding, edits: list[Edit]) -> list[Edit]:
    """The edits plus empty ones on the flagged lines, so the suggestion covers the flaw's lines."""
    return [*edits, Edit(finding.start_line, 0, 0, ""), Edit(finding.end_line, 0, 0, "")]


# -- Go --------------------------------------------------------------------------------------------


def _go(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    specs = [
        s
        for s in walk(tree.root)
        if s.type == "import_spec" and tree.text(s.child_by_field_name("path")) == '"text/template"'
    ]
    if len(specs) != 1 or specs[0].child_by_field_name("name") is not None:
        return None
    if any(
        tree.text(s.child_by_field_name("path")) == '"html/template"'
        for s in walk(tree.root)
        if s.type == "import_spec"
    ):
        return None
    executes = [
        c
        for c in walk(tree.root)
        if c.type == "call_expression"
        and _on(c, finding)
        and tree.text(c.child_by_field_name("function")).rsplit(".", 1)[-1] in {"Execute", "ExecuteTemplate"}
    ]
    row = specs[0].start_point[0] + 1
    if not executes or not 0 <= finding.start_line - row <= MAX_WIDEN:
        return None
    edit = tree.edit(specs[0].child_by_field_name("path"), '"html/template"')
    if edit is None:
        return None
    step = (
        "html/template has the same API and escapes each value for where it lands (text, attribute, URL, "
        "script); a value that must stay markup needs template.HTML, given only for trusted text."
    )
    return to_finding(finding, sf, _keep(finding, [edit]), (step,))


# -- Java ------------------------------------------------------------------------------------------


def _java_encoder(tree: Tree) -> str | None:
    imported = {
        tree.text(n).removeprefix("import").removesuffix(";").strip()
        for n in walk(tree.root)
        if n.type == "import_declaration"
    }
    found = [call for name, call in ENCODERS.items() if name in imported]
    return found[0] if len(found) == 1 else None


def _operands(tree: Tree, node: Node) -> list[Node] | None:
    if node.type == "binary_expression" and tree.text(node.child_by_field_name("operator") or node) == "+":
        left = _operands(tree, node.child_by_field_name("left"))
        right = _operands(tree, node.child_by_field_name("right"))
        return left + right if left is not None and right is not None else None
    if node.type in {"parenthesized_expression", "ternary_expression", "assignment_expression"}:
        return None
    return [node]


def _java(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    encoder = _java_encoder(tree)
    if encoder is None:
        return None
    edits: list[Edit] = []
    for call in (c for c in walk(tree.root) if c.type == "method_invocation" and _on(c, finding)):
        args = call.child_by_field_name("arguments")
        if (
            tree.text(call.child_by_field_name("name")) not in WRITES
            or args is None
            or len(args.named_children) != 1
        ):
            continue
        parts = _operands(tree, args.named_children[0])
        if parts is None or not any(p.type == "string_literal" and "<" in tree.text(p) for p in parts):
            return None
        for part in parts:
            text = tree.text(part)
            if part.type in {"string_literal", "decimal_integer_literal", "character_literal"}:
                continue
            if text.startswith(encoder.split(".")[0] + "."):
                continue
            edit = tree.edit(part, f"{encoder}({text})")
            if edit is None:
                return None
            edits.append(edit)
    if not edits:
        return None
    return to_finding(finding, sf, _keep(finding, edits), (TEXT_STEP,))


# -- React -----------------------------------------------------------------------------------------


def _react(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    for element in (n for n in walk(tree.root) if n.type == "jsx_self_closing_element" and _on(n, finding)):
        attrs = [a for a in element.named_children if a.type == "jsx_attribute"]
        danger = [a for a in attrs if tree.text(a).startswith("dangerouslySetInnerHTML")]
        name = element.child_by_field_name("name")
        if len(danger) != 1 or name is None or not tree.text(name).islower():
            continue  # a component (Capitalised) may treat children differently: by hand
        value = _html_value(tree, danger[0])
        if value is None or element.start_point[0] != element.end_point[0] or _cleaned(tree, value):
            return None
        others = [a for a in element.named_children if a.type in {"jsx_attribute", "jsx_expression"}]
        rest = " ".join(tree.text(a) for a in others if a.start_byte != danger[0].start_byte)
        tag = tree.text(name)
        opening = f"<{tag} {rest}>" if rest else f"<{tag}>"
        edit = tree.edit(element, f"{opening}{{{value}}}</{tag}>")
        if edit is None:
            return None
        step = (
            "React now renders the value as text and escapes it. If it really is HTML, sanitise it "
            "(DOMPurify.sanitize) before dangerouslySetInnerHTML instead."
        )
        return to_finding(finding, sf, _keep(finding, [edit]), (step,))
    return None


def _cleaned(tree: Tree, value: str) -> bool:
    """Whether ``value`` (or the variable it names) already goes through a sanitiser or an escaper."""
    texts = [value] + [
        tree.text(d)
        for d in walk(tree.root)
        if d.type == "variable_declarator" and tree.text(d.child_by_field_name("name")) == value
    ]
    return any(word in t.lower() for t in texts for word in CLEANERS)


def _html_value(tree: Tree, attribute: Node) -> str | None:
    """``value`` of ``dangerouslySetInnerHTML={{ __html: value }}``."""
    objects = [n for n in walk(attribute) if n.type == "object"]
    if len(objects) != 1:
        return None
    pairs = [p for p in objects[0].named_children if p.type == "pair"]
    if len(pairs) != 1 or tree.text(pairs[0].child_by_field_name("key")) != "__html":
        return None
    value = pairs[0].child_by_field_name("value")
    return tree.text(value) if value is not None and "\n" not in tree.text(value) else None


# -- Rails -----------------------------------------------------------------------------------------


def _rails(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.start_line != finding.end_line or not 1 <= finding.start_line <= len(sf.lines):
        return None
    row = sf.lines[finding.start_line - 1]
    if "/controllers/" in f"/{sf.path}":
        helper = "helpers.content_tag"
    elif "/helpers/" in f"/{sf.path}":
        helper = "content_tag"
    else:
        return None
    start = row.find('"<')
    end = row.find('".html_safe', start + 1)
    if start < 0 or end < 0 or row.count('"') != 2 or row.count(".html_safe") != 1:
        return None
    inner = row[start + 1 : end]  # <tag>#{value}</tag>
    close = inner.rfind("</")
    open_end = inner.find(">")
    tag = inner[1:open_end] if open_end > 1 else ""
    if not tag.isalnum() or not inner.endswith(f"</{tag}>") or close < 0:
        return None
    middle = inner[open_end + 1 : close]
    if not (middle.startswith("#{") and middle.endswith("}")) or middle.count("#{") != 1:
        return None
    value = middle[2:-1].strip()
    if not value or any(c in value for c in "{}\"'#"):
        return None
    edit = Edit(finding.start_line, start, end + len('".html_safe'), f"{helper}(:{tag}, {value})")
    step = "content_tag escapes the value and marks only the tag it builds as safe."
    return to_finding(finding, sf, [edit], (step,))
