"""Java fixers that insert a guard right after the declaration the flaw comes from (tree-sitter tree).

- archive entries (zip slip) and request names joined under a directory: after ``File f = new File(dir,
  name);`` in a method that declares ``throws IOException`` (or ``Exception``), ``if
  (!f.getCanonicalPath().startsWith(dir.getCanonicalPath() + File.separator)) { throw new
  IOException(...); }``, when ``dir`` is a plain name declared as a File (or a String: ``new
  File(dir).getCanonicalPath()``) or a ``toFile()`` call (evaluated twice, so no other call); a
  name whose type the file does not show gets no fix;
- deserialization: after ``ObjectInputStream in = new ObjectInputStream(...);`` whose object is read
  and cast to one class, ``in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("<that class>;
  java.base/*;!*"))`` (Java 9+): only that class and the JDK's own are accepted, anything else is refused
  before it is built. The class is named as the file imports it.
The guard takes the declaration's indentation. Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, indent_of, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, enclosing, parse, walk
from bot.core.models import Finding, SourceFile

PATH_STEP = (
    "A name that leaves the directory (`../`, an absolute path, a link) is now refused with an "
    "IOException; add a test with such a name."
)
FILTER_STEP = (
    "Only {cls} and JDK classes are deserialised now; if {cls} holds fields of other application "
    "classes, add them to the filter (or move to JSON)."
)
METHODS = {"method_declaration", "constructor_declaration"}


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "java" or finding.replacement is not None:
        return None
    if finding.category not in {"path-traversal", "deserialization"}:
        return None
    tree = parse(sf.text, "java", sf.path)
    if tree is None:
        return None
    if finding.category == "path-traversal":
        return _path(finding, sf, tree)
    return _filter(finding, sf, tree)


def _declaration(tree: Tree, finding: Finding, type_name: str) -> list[Node]:
    """``type_name x = new type_name(...);`` local declarations on or up to 4 lines above the finding."""
    return [
        d
        for d in walk(tree.root)
        if d.type == "local_variable_declaration"
        and tree.text(d.child_by_field_name("type")) == type_name
        and finding.start_line - 4 <= d.start_point[0] + 1 <= finding.end_line
        and d.start_point[0] == d.end_point[0]
    ]


def _throws(tree: Tree, node: Node, names: set[str]) -> bool:
    method = enclosing(node, METHODS)
    throws = [c for c in (method.children if method is not None else []) if c.type == "throws"]
    return bool(throws) and any(tree.text(t) in names for t in throws[0].named_children)


def _insert_after(tree: Tree, decl: Node, body: list[str]) -> Edit:
    row = tree.lines[decl.start_point[0]]
    indent = indent_of(row)
    unit = "\t" if indent.startswith("\t") else "    "
    text = f"\n{indent}" + f"\n{indent}".join(b.replace("\t", unit) for b in body)
    return Edit(decl.start_point[0] + 1, len(row), len(row), text)


def _path(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    for decl in _declaration(tree, finding, "File"):
        declarator = decl.child_by_field_name("declarator")
        value = declarator.child_by_field_name("value") if declarator is not None else None
        args = (
            value.child_by_field_name("arguments")
            if value is not None and value.type == "object_creation_expression"
            else None
        )
        items = list(args.named_children) if args is not None else []
        if len(items) != 2 or not _throws(tree, decl, {"IOException", "Exception"}):
            continue
        base = tree.text(items[0])
        plain = base.isidentifier() or (
            base.endswith(".toFile()") and base[: -len(".toFile()")].isidentifier()
        )
        kind = "File" if base.endswith(".toFile()") else _declared_type(tree, base)
        if kind not in {"File", "String"}:
            return None  # `new File(dir, name)` takes a File or a String: unknown, no fix
        canonical = f"{base}.getCanonicalPath()" if kind == "File" else f"new File({base}).getCanonicalPath()"
        name = tree.text(declarator.child_by_field_name("name"))
        method = tree.text(enclosing(decl, METHODS))
        if not plain or any(
            check in method for check in ("getCanonical", "normalize()", "startsWith(", "toRealPath")
        ):
            return None  # the method checks its paths already
        body = [
            f"if (!{name}.getCanonicalPath().startsWith({canonical} + File.separator)) {{",
            f'\tthrow new IOException("path outside {_java_words(base)}: " + {tree.text(items[1])});',
            "}",
        ]
        if "import java.io.IOException;" not in sf.text and "import java.io.*;" not in sf.text:
            body[1] = body[1].replace("new IOException", "new java.io.IOException")
        edits = [_insert_after(tree, decl, body), Edit(finding.end_line, 0, 0, "")]
        return to_finding(finding, sf, edits, (PATH_STEP,))
    return None


def _declared_type(tree: Tree, name: str) -> str:
    """The type a parameter, field or local called ``name`` is declared with in the file ("" when
    none is, or when declarations disagree)."""
    kinds = set()
    for node in walk(tree.root):
        if node.type == "formal_parameter":
            if tree.text(node.child_by_field_name("name")) == name:
                kinds.add(tree.text(node.child_by_field_name("type")))
        elif node.type in {"field_declaration", "local_variable_declaration"}:
            for declarator in node.named_children:
                if declarator.type == "variable_declarator" and (
                    tree.text(declarator.child_by_field_name("name")) == name
                ):
                    kinds.add(tree.text(node.child_by_field_name("type")))
    return kinds.pop() if len(kinds) == 1 else ""


def _java_words(base: str) -> str:
    return base.removesuffix(".toFile()").replace('"', "")


def _filter(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    for decl in _declaration(tree, finding, "ObjectInputStream"):
        declarator = decl.child_by_field_name("declarator")
        name = tree.text(declarator.child_by_field_name("name")) if declarator is not None else ""
        method = enclosing(decl, METHODS)
        if not name or method is None or "setObjectInputFilter" in tree.text(method):
            return None
        casts = [
            c
            for c in walk(method)
            if c.type == "cast_expression"
            and tree.text(c.child_by_field_name("value")) == f"{name}.readObject()"
        ]
        reads = tree.text(method).count(f"{name}.readObject()")
        if len(casts) != 1 or reads != 1:
            return None  # several objects, or one used without a cast: the classes are not known
        cls = tree.text(casts[0].child_by_field_name("type"))
        qualified = next(
            (
                line.strip()[len("import ") : -1]
                for line in tree.lines
                if line.strip().startswith("import ") and line.strip().endswith(f".{cls};")
            ),
            None,
        )
        if qualified is None or not all(p.isidentifier() for p in qualified.split(".")):
            return None  # the class's package is not in sight (same package, or a wildcard import)
        config = (
            "ObjectInputFilter"
            if "import java.io.ObjectInputFilter;" in sf.text
            else "java.io.ObjectInputFilter"
        )
        body = [f'{name}.setObjectInputFilter({config}.Config.createFilter("{qualified};java.base/*;!*"));']
        edits = [_insert_after(tree, decl, body), Edit(finding.end_line, 0, 0, "")]
        return to_finding(finding, sf, edits, (FILTER_STEP.format(cls=cls),))
    return None
