"""Directory and document query fixers (Java, Go, JavaScript): the value goes to the query as data.

- Java JNDI: ``ctx.search(base, <filter built with +>, controls)`` -> the filter-arguments overload
  ``ctx.search(base, "(uid={0})", new Object[] {uid}, controls)``: JNDI escapes each argument for the
  filter itself (RFC 4515). The filter may be a ``String`` local of the same method used only there, in
  a file that imports ``javax.naming``. A literal part holding ``{`` or ``}`` is left alone;
- Go go-ldap: the filter of ``ldap.NewSearchRequest`` built with ``fmt.Sprintf`` (``%s`` only) or ``+``:
  each value wrapped in ``ldap.EscapeFilter``;
- JavaScript MongoDB/Mongoose: a filter object of ``find``/``findOne``/``updateOne``... on the flagged
  lines whose field value is ``req.body.x``/``req.query.x`` (parsed JSON or query objects; route params
  are always strings) -> ``String(...)``, so an object such as ``{"$ne": null}`` cannot become an operator;
  a ``$where`` template literal whose values each stand where a number goes (``this.price < ${max}``)
  gets each wrapped in ``Number(...)``: the JavaScript the server runs is the same for a number, and text
  becomes ``NaN`` instead of code. A value in any other position leaves the ``$where`` as advice.
- Java XPath: ``xpath.evaluate("//u[@name='" + name + "']", doc)`` on an ``XPath`` declared in the same
  method -> ``"//u[@name=$name]"`` with a variable resolver set right after the declaration (the value is
  an XPath string, never syntax); only for values the lambda may capture (never reassigned). On the
  caller's ``XPath`` (a parameter) and in a ``return``: the resolver is set for that evaluation and the
  caller's restored in ``finally``;
- JavaScript XPath (the npm ``xpath`` package): ``xpath.select("//u[@name='" + name + "']", doc)`` (or
  ``select1``, or a template literal) whose expression is a location path (a node set either way) ->
  ``xpath.parse("//u[@name=$name]").select({ node: doc, variables: { name: String(name) } })``.
Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, indent_of, to_finding
from bot.analysis.fixers.javascript_markup import js_literal
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, js_required_name, parse, walk
from bot.core.models import Finding, SourceFile

MONGO = {"find", "findOne", "findOneAndUpdate", "findOneAndDelete", "updateOne", "updateMany", "deleteOne"}
MONGO |= {"deleteMany", "countDocuments", "exists", "findOneAndReplace"}
REQUEST = ("req.body.", "req.query.", "request.body.", "request.query.")  # route params are always strings
STEP = "The value is now passed to the query as data: it can no longer change the query's structure."


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.replacement is not None:
        return None
    handler = {
        ("ldap-injection", "java"): _jndi,
        ("ldap-injection", "go"): _go_ldap,
        ("xpath-injection", "java"): _xpath,
        ("xpath-injection", "javascript"): _js_xpath,
        ("xpath-injection", "typescript"): _js_xpath,
        ("nosql-injection", "javascript"): _mongo,
        ("nosql-injection", "typescript"): _mongo,
    }.get((finding.category, sf.language or ""))
    tree = parse(sf.text, sf.language, sf.path) if handler else None
    return handler(finding, sf, tree) if handler and tree else None


def _on(node: Node, finding: Finding) -> bool:
    return bool(node.start_point[0] + 1 <= finding.end_line and node.end_point[0] + 1 >= finding.start_line)


def _keep(finding: Finding, edits: list[Edit | None]) -> list[Edit] | None:
    if not edits or None in edits:
        return None
    return [
        *(e for e in edits if e is not None),
        Edit(finding.start_line, 0, 0, ""),
        Edit(finding.end_line, 0, 0, ""),
    ]


def _concat(tree: Tree, node: Node) -> list[Node] | None:
    """The operands of a ``+`` chain (None when one is a parenthesised or conditional expression)."""
    if node.type == "binary_expression" and tree.text(node.child_by_field_name("operator") or node) == "+":
        left = _concat(tree, node.child_by_field_name("left"))
        right = _concat(tree, node.child_by_field_name("right"))
        return left + right if left is not None and right is not None else None
    if node.type in {"parenthesized_expression", "ternary_expression", "assignment_expression"}:
        return None
    return [node]


# -- Java JNDI -------------------------------------------------------------------------------------


def _java_text(tree: Tree, node: Node) -> str | None:
    parts = [c for c in node.children if c.type != '"']
    if node.type != "string_literal" or any(c.type != "string_fragment" for c in parts):
        return None
    return "".join(tree.text(c) for c in parts)


def _local(tree: Tree, ident: Node) -> Node | None:
    """The declarator of ``String name = value;`` in the same method, the name used only in the call."""
    method = enclosing(ident, {"method_declaration", "constructor_declaration"})
    if method is None:
        return None
    name = tree.text(ident)
    uses = [n for n in walk(method) if n.type == "identifier" and tree.text(n) == name]
    decls = [
        d
        for d in walk(method)
        if d.type == "variable_declarator"
        and tree.text(d.child_by_field_name("name")) == name
        and d.parent is not None
        and tree.text(d.parent.child_by_field_name("type")) == "String"
    ]
    return decls[0] if len(decls) == 1 and len(uses) == 2 else None


def _jndi(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    if "import javax.naming" not in sf.text:
        return None
    for call in (c for c in walk(tree.root) if c.type == "method_invocation" and _on(c, finding)):
        args = call.child_by_field_name("arguments")
        items = list(args.named_children) if args is not None else []
        if tree.text(call.child_by_field_name("name")) != "search" or len(items) != 3:
            continue
        target, declarator = items[1], None
        if target.type == "identifier":
            declarator = _local(tree, target)
            target = declarator.child_by_field_name("value") if declarator is not None else None
        parts = _concat(tree, target) if target is not None else None
        if not parts or len(parts) < 2:
            return None
        template, values = "", list[str]()
        for part in parts:
            text = _java_text(tree, part) if part.type == "string_literal" else None
            if part.type == "string_literal" and (text is None or "{" in text or "}" in text):
                return None
            if text is not None:
                template += text
            else:
                template += "{" + str(len(values)) + "}"
                values.append(tree.text(part))
        if not values:
            return None
        arguments = f"new Object[] {{{', '.join(values)}}}"
        if declarator is None:
            edits = [tree.edit(items[1], f'"{template}", {arguments}')]
        else:
            edits = [tree.edit(target, f'"{template}"'), tree.insert_after(items[1], f", {arguments}")]
        kept = _keep(finding, edits)
        return to_finding(finding, sf, kept, (STEP,)) if kept else None
    return None


# -- Go go-ldap ------------------------------------------------------------------------------------


def _go_ldap(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    for call in (c for c in walk(tree.root) if c.type == "call_expression" and _on(c, finding)):
        if tree.text(call.child_by_field_name("function")) != "ldap.NewSearchRequest":
            continue
        args = call.child_by_field_name("arguments")
        items = list(args.named_children) if args is not None else []
        if len(items) < 7:
            return None
        values = _go_values(tree, items[6])
        if not values:
            return None
        edits = [tree.edit(v, f"ldap.EscapeFilter({tree.text(v)})") for v in values]
        kept = _keep(finding, edits)
        return to_finding(finding, sf, kept, (STEP,)) if kept else None
    return None


def _go_values(tree: Tree, node: Node) -> list[Node] | None:
    literal = {"interpreted_string_literal", "raw_string_literal"}
    if node.type == "call_expression" and tree.text(node.child_by_field_name("function")) == "fmt.Sprintf":
        args = node.child_by_field_name("arguments")
        items = list(args.named_children) if args is not None else []
        if not items or items[0].type not in literal:
            return None
        fmt = tree.text(items[0]).replace("%%", "")
        if fmt.count("%") != fmt.count("%s") or fmt.count("%s") != len(items) - 1:
            return None  # another verb (%d, %v, %q): by hand
        values = items[1:]
    else:
        parts = _concat(tree, node)
        if not parts or len(parts) < 2:
            return None
        values = [p for p in parts if p.type not in literal]
    if not values or any("EscapeFilter" in tree.text(v) or v.type in literal for v in values):
        return None
    return values


# -- MongoDB ---------------------------------------------------------------------------------------


def _mongo(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    edits: list[Edit | None] = []
    for call in (c for c in walk(tree.root) if c.type == "call_expression" and _on(c, finding)):
        func = call.child_by_field_name("function")
        prop = func.child_by_field_name("property") if func is not None else None
        args = call.child_by_field_name("arguments")
        items = list(args.named_children) if args is not None else []
        if prop is None or tree.text(prop) not in MONGO or not items or items[0].type != "object":
            continue
        for pair in (p for p in items[0].named_children if p.type == "pair"):
            key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
            if key is not None and value is not None and tree.text(key).strip("'\"") == "$where":
                edits += _where_numbers(tree, value)
                continue
            if key is None or value is None or tree.text(key).strip("'\"").startswith("$"):
                continue
            text = tree.text(value)
            if value.type == "member_expression" and text.startswith(REQUEST):
                edits.append(tree.edit(value, f"String({text})"))
        break
    kept = _keep(finding, edits)
    return to_finding(finding, sf, kept, (STEP,)) if kept else None


_NUMERIC_BEFORE = ("<", ">", "=", "*", "/", "%", "-")
_NUMERIC_AFTER = (" ", ")", ";", "&", "|", "\n", "\t")


def _where_numbers(tree: Tree, value: Node) -> list[Edit | None]:
    """Each value of a ``$where`` template literal placed as a number (after a comparison or arithmetic
    operator, before the end, a space or a closing bracket) wrapped in ``Number(...)``: it is
    interpolated as digits, ``NaN`` or ``Infinity``, never as code. A value anywhere else (in quotes,
    after ``+``, inside a name) makes the whole literal advice ([None])."""
    if value.type != "template_string":
        return [None]
    parts = [c for c in value.named_children]
    edits: list[Edit | None] = []
    for index, part in enumerate(parts):
        if part.type != "template_substitution":
            continue
        before = tree.text(parts[index - 1]).rstrip() if index > 0 else ""
        after = tree.text(parts[index + 1]) if index + 1 < len(parts) else ""
        inner = [c for c in part.named_children if c.type != "comment"]
        numeric = before.endswith(_NUMERIC_BEFORE) and not before.endswith(("=>", "++", "--"))
        if len(inner) != 1 or not numeric or (after and not after.startswith(_NUMERIC_AFTER)):
            return [None]
        if index + 1 < len(parts) and parts[index + 1].type != "string_fragment":
            return [None]  # an escape or another value right after: not a plain number position
        text = tree.text(inner[0])
        if text.startswith(("Number(", "parseInt(", "parseFloat(")):
            continue
        edits.append(tree.edit(inner[0], f"Number({text})"))
    return edits or [None]


# -- Java XPath ------------------------------------------------------------------------------------


def _xpath(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    for call in (c for c in walk(tree.root) if c.type == "method_invocation" and _on(c, finding)):
        obj = call.child_by_field_name("object")
        args = call.child_by_field_name("arguments")
        items = list(args.named_children) if args is not None else []
        if (
            tree.text(call.child_by_field_name("name")) not in {"evaluate", "compile"}
            or obj is None
            or not items
        ):
            continue
        method = enclosing(call, {"method_declaration", "constructor_declaration"})
        decls = (
            [
                d
                for d in walk(method)
                if method is not None
                and d.type == "local_variable_declaration"
                and tree.text(d.child_by_field_name("type")) == "XPath"
                and tree.text(d.child_by_field_name("declarator").child_by_field_name("name"))
                == tree.text(obj)
            ]
            if method is not None
            else []
        )
        parts = _concat(tree, items[0])
        if method is None or not parts or "setXPathVariableResolver" in tree.text(method):
            return None
        expression, values = _xpath_template(tree, parts)
        if expression is None or not values or any(_reassigned(tree, method, v) for v in values):
            return None
        choice = "null"
        for v in reversed(values):
            choice = f'"{v}".equals(variable.getLocalPart()) ? {v} : {choice}'
        if not decls:
            return _xpath_borrowed(finding, sf, tree, call, method, choice, expression)
        if len(decls) != 1:
            return None
        row = tree.lines[decls[0].start_point[0]]
        indent = row[: len(row) - len(row.lstrip())]
        resolver = f"\n{indent}{tree.text(obj)}.setXPathVariableResolver(variable -> {choice});"
        edits = [
            Edit(decls[0].start_point[0] + 1, len(row), len(row), resolver),
            tree.edit(items[0], f'"{expression}"'),
        ]
        kept = _keep(finding, edits)
        return to_finding(finding, sf, kept, (STEP,)) if kept else None
    return None


def _xpath_borrowed(  # noqa: PLR0917 - the parts _xpath has already checked
    finding: Finding, sf: SourceFile, tree: Tree, call: Node, method: Node, choice: str, expression: str
) -> Finding | None:
    """``return xp.evaluate(...)`` on the caller's ``XPath`` (a parameter): its resolver is set for this
    evaluation only and restored in ``finally``, so the caller's object is left as it was (an XPath is
    not thread-safe or reentrant anyway, JAXP says)."""
    obj = call.child_by_field_name("object")
    statement = call.parent
    params = method.child_by_field_name("parameters")
    borrowed = params is not None and any(
        p.type == "formal_parameter"
        and tree.text(p.child_by_field_name("type")) == "XPath"
        and tree.text(p.child_by_field_name("name")) == tree.text(obj)
        for p in params.named_children
    )
    body = method.child_by_field_name("body")
    if (
        not borrowed
        or statement is None
        or statement.type != "return_statement"
        or statement.parent is None
        or body is None
        or statement.parent.start_byte != body.start_byte
        or statement.start_point[0] != statement.end_point[0]
    ):
        return None
    words = {tree.text(n) for n in walk(method) if n.type == "identifier"}
    names = ("previousResolver", "savedResolver", "callersResolver")
    previous = next((n for n in names if n not in words), None)
    if previous is None:
        return None
    kind = (
        "XPathVariableResolver"
        if "import javax.xml.xpath.*;" in sf.text
        or "import javax.xml.xpath.XPathVariableResolver;" in sf.text
        else "javax.xml.xpath.XPathVariableResolver"
    )
    row = tree.lines[statement.start_point[0]]
    indent = indent_of(row)
    unit = indent[len(indent_of(tree.lines[method.start_point[0]])) :] or "    "
    xp = tree.text(obj)
    args = call.child_by_field_name("arguments").named_children
    evaluate = tree.text(statement).replace(tree.text(args[0]), f'"{expression}"', 1)
    lines = [
        f"{kind} {previous} = {xp}.getXPathVariableResolver();",
        f"{xp}.setXPathVariableResolver(variable -> {choice});",
        "try {",
        f"{unit}{evaluate}",
        "} finally {",
        f"{unit}{xp}.setXPathVariableResolver({previous});",
        "}",
    ]
    edit = tree.edit(statement, f"\n{indent}".join(lines))
    kept = _keep(finding, [edit])
    return to_finding(finding, sf, kept, (STEP,)) if kept else None


def _xpath_template(tree: Tree, parts: list[Node]) -> tuple[str | None, list[str]]:
    """The expression with ``$name`` for each quoted value, and the values (plain identifiers)."""
    texts: list[str | None] = [_java_text(tree, p) if p.type == "string_literal" else None for p in parts]
    out, values = "", []
    for i, part in enumerate(parts):
        text = texts[i]
        if text is not None:
            out += text
            continue
        name = tree.text(part)
        before, after = out[-1:], (texts[i + 1] or "")[:1] if i + 1 < len(parts) else ""
        if not name.isidentifier() or before not in ("'", '"') or after != before or name in values:
            return None, []
        out = out[:-1] + "$" + name
        texts[i + 1] = (texts[i + 1] or "")[1:]
        values.append(name)
    return out, values


def _reassigned(tree: Tree, method: Node, name: str) -> bool:
    """Whether ``name`` is assigned after its declaration (a lambda can only capture it if not)."""
    return any(
        n.type in {"assignment_expression", "update_expression"}
        and tree.text(n).split("=")[0].strip().strip("+-") == name
        for n in walk(method)
    )


# -- JavaScript XPath (npm xpath) --------------------------------------------------------------------

XPATH_MODULES = ('"xpath"', "'xpath'")
PATH_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./@*:|")
NODE_TESTS = ("text()", "node()", "comment()")
XPATH_STEP = (
    "The value is now an XPath variable ($name), bound with the parsed expression's `variables`: quotes "
    "in it can no longer change the query."
)


def _xpath_module(tree: Tree) -> str | None:
    """The name the file binds the npm ``xpath`` module to (``require`` or an import)."""
    for n in walk(tree.root):
        bound = js_required_name(n, tree, XPATH_MODULES)
        if bound is not None:
            return bound
        if n.type == "import_statement" and tree.text(n.child_by_field_name("source")) in XPATH_MODULES:
            for c in walk(n):
                if c.type in {"namespace_import", "import_clause"}:
                    idents = [i for i in c.named_children if i.type == "identifier"]
                    if idents:
                        return str(tree.text(idents[0]))
    return None


def _js_parts(tree: Tree, node: Node) -> list[str | Node] | None:
    """Literal text and value nodes of a template literal or a ``+`` chain starting with a string."""
    if node.type == "template_string":
        out: list[str | Node] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                out.append(tree.text(child))
            elif child.type == "template_substitution" and len(child.named_children) == 1:
                out.append(child.named_children[0])
            else:
                return None
        return out
    operands = _concat(tree, node)
    if not operands or operands[0].type != "string":
        return None
    parts: list[str | Node] = []
    for operand in operands:
        if operand.type == "string":
            if any(c.type != "string_fragment" for c in operand.named_children):
                return None  # an escape sequence
            parts.append("".join(tree.text(c) for c in operand.named_children))
        else:
            parts.append(operand)
    return parts


def _variable(tree: Tree, value: Node) -> str | None:
    """An XPath variable name for the value: its own name or its last property's."""
    if value.type == "member_expression":
        value = value.child_by_field_name("property")
    if value is None or value.type not in {"identifier", "property_identifier"}:
        return None
    name = str(tree.text(value))
    ok = name.isascii() and name.replace("_", "a").isalnum() and not name[0].isdigit()
    return name if ok else None


def location_path(expression: str) -> bool:
    """Whether ``expression`` is a plain location path: steps and ``|`` outside predicates, no operator
    or function there (it evaluates to a node set, as ``select`` returns). One pass, no backtracking."""
    if not expression.startswith(("/", "./", ".//")):
        return False
    depth, quote, at = 0, "", 0
    while at < len(expression):
        ch = expression[at]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            if depth == 0:
                return False
            quote = ch
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth < 0:
                return False
        elif depth == 0:
            test = next((t for t in NODE_TESTS if expression.startswith(t, at)), None)
            if test is not None:
                at += len(test)
                continue
            if ch not in PATH_CHARS or (ch == "*" and expression[at - 1 : at] not in {"/", "@", ":"}):
                return False
        at += 1
    return depth == 0 and not quote


def _js_xpath(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    module = _xpath_module(tree)
    if module is None:
        return None  # another XPath library: its variable API differs
    calls = []
    for call in (c for c in walk(tree.root) if c.type == "call_expression" and _on(c, finding)):
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        items = [a for a in args.named_children if a.type != "comment"] if args is not None else []
        if tree.text(fn) in {f"{module}.select", f"{module}.select1"} and len(items) == 2:
            calls.append((call, fn, items))
    if len(calls) != 1:
        return None
    call, fn, (expr, context) = calls[0]
    parts = _js_parts(tree, expr)
    if parts is None:
        return None
    template, bound = "", dict[str, str]()
    for i, part in enumerate(parts):
        if isinstance(part, str):
            template += part
            continue
        name = _variable(tree, part)
        following = parts[i + 1] if i + 1 < len(parts) else None
        quote = template[-1:]
        if name is None or name in bound or quote not in {"'", '"'} or not isinstance(following, str):
            return None
        if not following.startswith(quote):
            return None
        template = template[:-1] + "$" + name
        parts[i + 1] = following[1:]
        bound[name] = tree.text(part)
    if not bound or not location_path(template):
        return None
    first = next((n for n in walk(expr) if n.type == "string"), None)
    quote = tree.text(first)[0] if first is not None else '"'
    variables = ", ".join(f"{k}: String({v})" for k, v in bound.items())
    method = tree.text(fn).rsplit(".", 1)[1]
    new = (
        f"{module}.parse({js_literal(template, quote)}).{method}"
        f"({{ node: {tree.text(context)}, variables: {{ {variables} }} }})"
    )
    kept = _keep(finding, [tree.edit(call, new)])
    return to_finding(finding, sf, kept, (XPATH_STEP,)) if kept else None
