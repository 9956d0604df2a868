"""Data-flow analysis of Python across functions and files, with the standard library's ``ast``.

How it works: every changed Python file is parsed (never imported or run). Each function is interpreted
abstractly (``interp``): names map to values (``values.Val``) that record whether they hold attacker data
(request objects of Flask/Django/FastAPI/aiohttp/Tornado/Starlette, route parameters, forms and serializers
bound to request data, ``sys.argv``, ``input()``, the environment), parameters of the function, or something
non-constant of unknown origin, and whether text was assembled from such parts. Branches are joined,
constant tests folded. Checks and escapes make a value safe for the sink kinds they protect and no other
(``Val.cleared``/``pbits``, one bit a kind): ``int()``, ``isdigit()`` and allow-list membership for all;
``shlex.quote`` for a shell, ``html.escape`` for HTML, ``basename``/``secure_filename`` and a containment
check (``startswith``/``is_relative_to`` on a ``realpath``/``resolve()`` result, ``commonpath``, refusing
``..``, ``quote(name, safe="")``) for paths (``commonprefix`` compares characters: it guards the sink but is
itself reported as a weak containment check, CWE-22), a host check for redirects and URLs; an anchored
regular expression for the kinds none of whose special characters it admits. A check counts on the branch
where it holds, and after the ``if`` only when the other branch raises or returns. A function of the file
that raises unless its parameter passes a check (``Summary.validates``), or returns true only when it does
(``Summary.checks``), checks its callers' arguments the same way. A value reaching a sink (``catalog``: SQL,
shell, eval and templates, deserialisation, LDAP, XPath, file paths, outgoing URLs, redirects, HTML) is a
finding: high confidence from attacker data, medium for unsafe construction with no visible source, low for
a non-constant command handed whole to a shell (``os.system(cmd)``, ``shell=True``). The SQL an ORM
expression method returns (``as_sql``/``as_<vendor>``, the ``template=`` it passes on, ``get_sql``;
``sqlexpr``) is a sink too: compiled fragments and the class's own syntax (``self.operator``) are safe
there, a value it holds (``self.key_name``, ``self.extra["tolerance"]``) assembled into the text is not.
A whole command line of git, hg, ssh, curl... handed to an unresolved helper (``execute_cmd(["git",
"clone", url, dest])``) is judged like an argument list run directly; what ``yield``/``yield from``
hand on is interpreted, and a list that a branch extended keeps the elements both ways start with.
Command text assembled from a program's name and non-constant parts and handed to a helper named as a
command runner (``self.run_command("git log " + rev)``) is unsafe construction at low confidence.
Web-application state is judged the same way: attacker data stored into the session (trust boundary); a
value of the ``random`` module (``Val.rand``, kept through ``int()``/``str()``/hashing) reaching a
cookie, the session, a header, a redirect or link, or a name such as ``token``/``otp``; MD5/SHA-1 given
non-constant data (not named as a checksum, not ``usedforsecurity=False``); ``set_cookie`` whose
``secure``/``httponly`` fold to false or are missing; documents parsed by an entity-resolving XML parser
(lxml ``resolve_entities=True``, a SAX external-entity feature, lxml's default) or request data by the
standard library's parsers.
API misuse (``misuse``): template source that is not a constant compiled by an
engine that is not sandboxed (CWE-1336: medium for a parameter, low for a value of unknown origin;
request data stays a code-injection finding; a bare ``Template(...)`` whose import is out of view, in
a module that renders templates and never calls ``string.Template``'s ``substitute``, is taken for an
engine's), a value marked ``|safe`` in a constant template rendered in the same call
(``render_template_string``) while it is neither constant nor escaped (XSS), a module imported or an
attribute looked up by a name request data chose (``import_module``, ``import_string``, ``getattr``:
CWE-470, reported as code injection), a secret (an HMAC digest, a name saying signature,
API key, password hash...) compared with ``==``/``!=`` against another non-constant value (CWE-208:
medium where the file handles cryptography or one side is request data, low otherwise and for
``in``), a predictable path under ``/tmp`` or ``tempfile.gettempdir()`` opened for writing, created,
copied onto or made world-writable outside tests (CWE-377). Shapes that need no values (``leaks``):
exception text or a traceback from an ``except`` block sent in a response (CWE-209), a secret passed
to a logging call (CWE-532), the current directory put on ``sys.path`` (CWE-427), a user-like object
copied whole into a response (``jsonify(user.__dict__)``, CWE-200). Missing
resource limits (``limits``): compressed data inflated with no bound on the output (CWE-409: low for
a parameter, medium for request data; quiet once the input's size was compared with a bound or the
call names ``max_length``), a ``while`` loop reading a stream whose tests never see its end (CWE-835, low).
An object of a class defined in the file keeps the fields its constructor
set from that call's arguments, and its methods are interpreted with them (bounded); a ``match`` on a
constant takes its live case; a name bound to a lambda is called as the lambda's body. Web shapes:
request data reaching a response or email header (CWE-113; CR/LF stripped clears that sink only), text
escaped for HTML placed in a URL attribute (``href="%s" % escape(url)``: ``javascript:`` survives),
markup returned by ``__html__`` or a route, HTML written by a Tornado handler's ``self.write`` or
given to a bare ``Response(..., mimetype="text/html")`` (imports out of view), request text in Twisted's
``NoResource``/``ErrorPage``, markup a function assembles from its own arguments and returns unescaped
(low: its caller may have escaped them); and, read from syntax
alone (``urlchecks``), redirect checks browsers walk around (a ``startswith("/")`` that lets ``//``
and ``/\\`` through, hosts compared as text, an empty netloc accepted without backslash handling). (Regular
expressions that backtrack, CWE-1333, are judged by bot.analysis.redos, which compares them with what
they replace.)
A well-known library name a module uses but never binds (``Popen``, ``ET``, ``md5``, ``text``: one function
reviewed without its file's imports, or ``from x import *``) keeps its library meaning
(``catalog.IMPLICIT_IMPORTS``); a name the module defines, assigns or imports keeps the module's.
Calls resolve to summaries (``project``): a parameter reaching a sink makes the function a sink for
its callers, a returned source makes it a source. Callees in other files are found by resolving
imports inside the repository (nearest directory first), read from the change or through the
review's ``Reader``. Steps, files and bytes are bounded; a cut is written to the coverage report.
Constants are folded (arithmetic, comparisons, string indexing: dead branches are skipped) and lists
and dicts of known shape keep their elements, so a constant index or key picks one. In a file it
analysed whole, the flow analysis supersedes the rule pack's Python taint rules (``superseded``), and
records every sink it decided, flaw or proven safe (``FlowResult.judged``; a non-constant value that
is neither stays undecided), so bandit's results of those classes stand alone only where it had no
verdict.
Imports bot.core, the pure regex parser bot.analysis.redos_regex (validating patterns) and the standard
library only (no host, no LLM).
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass

from bot.analysis.flow import leaks, urlchecks
from bot.analysis.flow.interp import Budget, FunctionAnalyzer
from bot.analysis.flow.project import Cuts, Limits, Module, Project, Reader
from bot.analysis.flow.report import ENGINE, category_of, to_finding, weak_check_finding
from bot.core.models import Finding

__all__ = ["ENGINE", "SUPERSEDED_RULES", "FlowResult", "Limits", "analyse_python", "superseded"]

SUPERSEDED_RULES = frozenset(
    {
        "py-sqli-untrusted-query", "py-ldapi-search-filter", "py-xpathi-query", "py-cmdi-shell-command",
        "py-code-injection-eval", "py-code-injection-template", "py-path-traversal-request-path",
        "py-deserialization-untrusted-pickle", "py-ssrf-request-url", "py-open-redirect-request-url",
        "py-xss-unescaped-html", "py-yaml-unsafe-load", "py-yaml-unsafe-load-all",
        "py-weak-random-to-client-state", "py-trust-boundary-session", "py-cookie-missing-secure",
        "py-cookie-flag-disabled", "py-weak-hash-algorithm", "py-xxe-lxml-entities",
        "py-xxe-lxml-default-parser", "py-weak-hash-for-secret", "py-insecure-random-choice-for-secret",
        "py-insecure-random-for-secret",
    }
)  # fmt: skip
"""Rule-pack taint rules whose classes the flow analysis decides itself in a Python file it analysed
whole: it folds constants and dead branches, picks constant elements out of containers and honours
guards, which the rules cannot, so their matches there would only add false positives."""


@dataclass
class FlowResult:
    findings: list[Finding] = field(default_factory=list)
    analysed: set[str] = field(default_factory=set)
    cuts: Cuts = field(default_factory=Cuts)
    steps: int = 0
    """Interpretation steps spent (bounded by ``Limits.review_steps`` plus one function's bound)."""
    probes: dict[str, set[str]] = field(default_factory=dict)
    """Importer path -> the repository paths its import resolution looked at (``Project.probes``)."""
    interfaces: dict[str, str] = field(default_factory=dict)
    """Analysed path -> digest of what an importer can see of it (``interface``)."""
    judged: dict[str, set[tuple[str, int]]] = field(default_factory=dict)
    """Analysed path -> (category, line) of every sink it decided in the functions it analysed, a flaw
    or proven safe (constant, escaped, a fixed host): where another engine's match of a class it
    decides meets no verdict of it (or only undecided non-constant values), it had none."""


def analyse_python(
    files: Mapping[str, tuple[str, frozenset[int]]],
    read: Reader | None,
    limits: Limits | None = None,
) -> FlowResult:
    """Findings for the changed Python files ``files`` (path -> (head text, added lines))."""
    limits = limits or Limits()
    project = Project({p: text for p, (text, _) in files.items()}, read, limits)
    result = FlowResult(cuts=project.cuts, probes=project.probes)
    for path, (_, added) in sorted(files.items()):
        mod = project.module(path)
        if mod is None:
            continue
        result.analysed.add(path)
        seen: set[tuple[str, int, int]] = set()
        judged = result.judged.setdefault(path, set())
        for finding in _module_findings(project, mod, added, judged):
            key = (finding.category, finding.start_line, finding.end_line)
            if key not in seen:
                seen.add(key)
                result.findings.append(finding)
    result.steps = limits.review_steps - project.steps_left
    for path in sorted(result.analysed):
        mod = project.modules.get(path)
        if mod is not None and path not in project.cuts.files:
            result.interfaces[path] = interface(project, mod)
    return result


def interface(project: Project, mod: Module) -> str:
    """A digest of what another file's analysis can see of ``mod``: its imports (re-exports), its
    classes and their bases, and every function's summary (parameters, whether it returns attacker
    data or a parameter, which parameters reach which sinks, the lines involved). Two versions of a
    module with the same digest give an importer the same flow result, so a cached result of the
    importer stays valid (bot.analysis.tree_scan). A module cut short by a bound gets none."""
    summaries = {key: project.summaries.get((mod.path, key)) for key in sorted(mod.functions)}
    view = (
        sorted(mod.imports.items()),
        sorted((name, tuple(bases)) for name, bases in mod.class_bases.items()),
        sorted(mod.enum_classes),
        sorted((key, mod.owner.get(key) or "") for key in mod.functions),
        [(key, _canonical(s)) for key, s in summaries.items()],
    )
    return hashlib.sha256(repr(view).encode("utf-8", "surrogatepass")).hexdigest()


def _canonical(value: object) -> object:
    """``value`` as nested tuples whose repr does not depend on set order or hash seeds."""
    if is_dataclass(value) and not isinstance(value, type):
        named = tuple((f.name, _canonical(getattr(value, f.name))) for f in fields(value))
        return (type(value).__name__, named)
    if isinstance(value, dict):
        items = ((repr(_canonical(k)), _canonical(v)) for k, v in value.items())
        return ("dict", tuple(sorted(items, key=repr)))
    if isinstance(value, set | frozenset):
        return ("set", tuple(sorted((_canonical(v) for v in value), key=repr)))
    if isinstance(value, list | tuple):
        return tuple(_canonical(v) for v in value)
    return (type(value).__name__, repr(value))


def superseded(finding: Finding, result: FlowResult) -> bool:
    """Whether ``finding`` (from the rule pack) is one the flow analysis ``result`` decides instead."""
    return (
        finding.rule_id in SUPERSEDED_RULES
        and finding.path in result.analysed
        and finding.path not in result.cuts.files
    )


def _outside_functions(body: list[ast.stmt]) -> list[ast.stmt]:
    """Module and class-body statements (class attributes, formatters in lambdas), not function bodies."""
    out: list[ast.stmt] = []
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            out += _outside_functions(stmt.body)
        elif not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            out.append(stmt)
    return out


def _spans(fn: ast.AST) -> range:
    start = min([getattr(fn, "lineno", 1), *(d.lineno for d in getattr(fn, "decorator_list", []))])
    return range(start, (getattr(fn, "end_lineno", None) or start) + 1)


def _module_findings(
    project: Project, mod: Module, added: frozenset[int], judged: set[tuple[str, int]]
) -> Iterable[Finding]:
    keys = list(mod.functions)
    # first pass: attributes assigned in any method (self.x) and summaries of every function
    for key in keys:
        project.summary(mod, key)
    for key in keys:
        fn = mod.functions[key]
        if not any(n in added for n in _spans(fn)):
            continue
        analyzer, _ = project.analyse_function(mod, key)
        judged |= {(category_of(kind), line) for kind, line in analyzer.judged}
        for hit in analyzer.hits:
            yield to_finding(hit, mod.path, added)
        for weak in urlchecks.weaknesses(fn):
            line = urlchecks.anchor(fn, weak, added)
            if line is not None:
                yield weak_check_finding(mod.path, line, weak.what)
    for hit in leaks.module_hits(mod.tree, mod.imports, mod.path):
        if any(n in added for n in range(hit.line, hit.end_line + 1)):
            yield to_finding(hit, mod.path, added)
    covered = {n for fn in mod.functions.values() for n in _spans(fn)}
    if any(n not in covered for n in added):
        budget = min(project.limits.function_steps, max(project.steps_left, 0))
        top = FunctionAnalyzer(mod, None, budget)
        body = _outside_functions(mod.tree.body)
        try:
            top.run_module(body)
        except (Budget, RecursionError):
            project.cuts.file(mod.path, "module-level code exceeded the step bound")
        project.steps_left -= budget - max(top.steps_left, 0)
        judged |= {(category_of(kind), line) for kind, line in top.judged}
        for hit in top.hits:
            yield to_finding(hit, mod.path, added)
