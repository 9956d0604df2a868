"""The repository as the flow analysis sees it: parsed modules, imports resolved inside the
repository, and memoised function summaries across files, all within fixed bounds.

Files come from the change (full head text) or from a ``Reader`` (head contents: the CLI's
checkout, the host's file reader in jobs). Nothing is imported or executed. Imports the flow package.
"""

from __future__ import annotations

import ast
import posixpath
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.analysis.flow import catalog as cat
from bot.analysis.flow.interp import Budget, FunctionAnalyzer, Summary, dotted, route_decorated
from bot.analysis.flow.values import Val, shapeless, without_params
from bot.core.pyparse import parse_module
from bot.errors import RemediatorError

Reader = Callable[[str], "bytes | None"]


@dataclass(frozen=True, slots=True)
class Limits:
    function_steps: int = 20_000
    review_steps: int = 6_000_000
    imported_files: int = 200
    imported_bytes: int = 4_000_000
    probes: int = 300
    summary_depth: int = 12
    file_bytes: int = 1_000_000


@dataclass
class Cuts:
    """Where a bound cut the analysis short (written into the coverage report)."""

    files: dict[str, str] = field(default_factory=dict)
    review: list[str] = field(default_factory=list)

    def file(self, path: str, why: str) -> None:
        self.files.setdefault(path, why)

    def once(self, why: str) -> None:
        if why not in self.review:
            self.review.append(why)


def parse(text: str) -> ast.Module | None:
    """The module's tree, or None when it does not parse (any error, any depth); shared, read only."""
    return parse_module(text)


class Module:
    """One parsed file: its imports, constants, functions, classes; the ``Context`` of its functions."""

    def __init__(self, path: str, tree: ast.Module, project: Project) -> None:
        self.path = path
        self.tree = tree
        self.project = project
        self.imports: dict[str, str] = {}
        self.constants: dict[str, Val] = {}
        self.class_attrs: dict[tuple[str, str], Val] = {}
        self.enum_classes: set[str] = set()
        self.literals: dict[str, object] = {}
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.owner: dict[str, str | None] = {}
        self.class_bases: dict[str, list[str]] = {}
        self._index()

    def _index(self) -> None:
        self._index_imports()
        self._implicit_imports()
        self._index_definitions()
        self._constants()

    def _index_imports(self) -> None:
        """Local name -> dotted module path, for every import (relative ones resolved from this file)."""
        package = posixpath.dirname(self.path)
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.imports[alias.asname] = alias.name
                    else:
                        head = alias.name.split(".")[0]
                        self.imports[head] = head
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package
                    for _ in range(node.level - 1):
                        anchor = posixpath.dirname(anchor)
                    prefix = anchor.replace("/", ".")
                    base = ".".join(p for p in (prefix, base) if p)
                for alias in node.names:
                    if alias.name != "*":
                        self.imports[alias.asname or alias.name] = (
                            f"{base}.{alias.name}" if base else alias.name
                        )

    def _implicit_imports(self) -> None:
        """Well-known names used but never bound in the module (``cat.IMPLICIT_IMPORTS``): the import
        lies outside what was given (one function under review, ``from x import *``)."""
        used: set[str] = set()
        bound: set[str] = set(self.imports)
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name):
                (used if isinstance(node.ctx, ast.Load) else bound).add(node.id)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                bound.add(node.name)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                bound.add(node.name)
            elif isinstance(node, ast.Global | ast.Nonlocal):
                bound.update(node.names)
        for name in sorted(used - bound):
            qual = cat.IMPLICIT_IMPORTS.get(name)
            if qual is not None:
                self.imports[name] = qual

    def _index_definitions(self) -> None:
        """Top-level functions, classes (their bases, whether they are enums) and their methods."""
        for node in self.tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions[node.name] = node
                self.owner[node.name] = None
            elif isinstance(node, ast.ClassDef):
                bases = [dotted(b) for b in node.bases]
                self.class_bases[node.name] = bases
                if any(b in cat.ENUM_BASES or b.endswith("Enum") for b in bases):
                    self.enum_classes.add(node.name)
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        key = f"{node.name}.{item.name}"
                        self.functions[key] = item
                        self.owner[key] = node.name

    def _constants(self) -> None:
        seen: dict[str, list[Val]] = {}
        budget = min(5_000, max(self.project.steps_left, 0))
        probe = FunctionAnalyzer(self, None, budget)
        for node in self.tree.body:
            if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
                try:
                    value = probe.expr(node.value, {})
                except (Budget, RecursionError):
                    break
                for t in node.targets:
                    seen.setdefault(t.id, []).append(value)  # type: ignore[attr-defined]
        self.project.steps_left -= budget - max(probe.steps_left, 0)
        counts: dict[str, int] = {}
        for sub in ast.walk(self.tree):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                counts[sub.id] = counts.get(sub.id, 0) + 1
        for node in self.tree.body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant)
                and counts.get(node.targets[0].id) == 1
            ):
                self.literals[node.targets[0].id] = node.value.value
        for name, values in seen.items():
            if all(not v.tainted for v in values):
                value = values[-1] if len(values) == 1 else values[0]
                # a name bound more than once has no single concrete value to fold with
                self.constants[name] = value if counts.get(name) == 1 else shapeless(value)

    # ------------------------------------------------------------------ Context
    def summary(self, name: str, class_name: str | None, via_self: bool) -> Summary | None:
        if via_self:
            for cls in [class_name, *self.class_bases.get(class_name or "", [])]:
                if cls and f"{cls}.{name}" in self.functions:
                    return self.project.summary(self, f"{cls}.{name}")
            return None
        if name in self.functions and self.owner.get(name) is None:
            return self.project.summary(self, name)
        head, _, rest = name.partition(".")
        if head in self.functions:
            return None
        if head not in self.imports:
            return None
        qual = self.imports[head] + (f".{rest}" if rest else "")
        return self.project.imported_summary(qual, self.path)

    def methods_named(self, name: str) -> list[Summary]:
        return self.project.methods_named(name)

    def is_handler(self, key: str, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        if route_decorated(fn):
            return True
        params = [a.arg for a in fn.args.args]
        owner = self.owner.get(key)
        if owner is None:
            return bool(params) and params[0] in {"request", "req"}
        if fn.name in {"get", "post", "put", "patch", "delete"}:
            bases = " ".join(self.class_bases.get(owner, []))
            return "request" in params or "Handler" in bases or "View" in bases
        return False


class Project:
    """Parsed modules by path, import resolution inside the repository, summaries by function."""

    def __init__(self, texts: dict[str, str], read: Reader | None, limits: Limits) -> None:
        self.texts = texts
        self.read = read
        self.limits = limits
        self.cuts = Cuts()
        self.modules: dict[str, Module | None] = {}
        self.summaries: dict[tuple[str, str], Summary | None] = {}
        self.steps_left = limits.review_steps
        self._stack: list[tuple[str, str]] = []
        self._fetched_files = 0
        self._fetched_bytes = 0
        self._probes = 0
        self._found: dict[str, bool] = {}
        self._methods: dict[str, list[tuple[Module, str]]] = {}
        self.probes: dict[str, set[str]] = {}
        """Importer path -> every repository path whose presence or contents decided how its imports
        resolved (found or not): what a cached result of that file depends on (bot.analysis.tree_scan)."""

    # ------------------------------------------------------------------ files
    def module(self, path: str) -> Module | None:
        if path in self.modules:
            return self.modules[path]
        text = self.texts.get(path)
        if text is None:
            text = self._fetch(path)
        mod = None
        if text is not None:
            tree = parse(text)
            if tree is None:
                self.cuts.file(path, "does not parse as Python")
            else:
                mod = Module(path, tree, self)
                for key, owner in mod.owner.items():
                    if owner is not None:
                        self._methods.setdefault(key.rsplit(".", 1)[1], []).append((mod, key))
        self.modules[path] = mod
        return mod

    def _fetch(self, path: str) -> str | None:
        if self.read is None:
            return None
        if self._probes >= self.limits.probes or self._fetched_files >= self.limits.imported_files:
            self.cuts.once(f"stopped following imports after {self._fetched_files} files (bound)")
            return None
        self._probes += 1
        try:
            data = self.read(path)
        except (RemediatorError, OSError, UnicodeError):
            # a host error, a file too large to serve, an unreadable checkout file: not followed
            self.cuts.once("an imported file could not be read and was not followed")
            return None
        if data is None:
            return None
        if len(data) > self.limits.file_bytes or self._fetched_bytes + len(data) > self.limits.imported_bytes:
            self.cuts.once("an imported file was not followed: byte bound reached")
            return None
        self._fetched_files += 1
        self._fetched_bytes += len(data)
        return data.decode("utf-8", errors="replace")

    def find_module(self, dotted_name: str, importer: str) -> Module | None:
        """The repository module ``dotted_name`` as seen from file ``importer``.

        Candidate roots are the importer's directories, the repository root first (a ``src/``
        layout or a monorepo package then the nearer ones); a root where the top-level package is
        absent is not probed again, so misses cost at most two reads per root and package."""
        top = dotted_name.split(".", 1)[0]
        if not dotted_name or top in sys.stdlib_module_names:
            return None
        if top in cat.WELL_KNOWN_PACKAGES and not any(f"/{top}/" in f"/{p}" for p in self.texts):
            return None
        rel = dotted_name.replace(".", "/")
        directory = posixpath.dirname(importer)
        bases = [""]
        parts = directory.split("/") if directory else []
        bases += ["/".join(parts[: i + 1]) for i in range(len(parts))][:8]
        probed = self.probes.setdefault(importer, set())
        for base in bases:
            key = f"{base}/{top}" if base else top
            probed.update((f"{key}.py", f"{key}/__init__.py"))
            if not self._has_package(base, top):
                continue
            for candidate in (f"{rel}.py", f"{rel}/__init__.py"):
                path = posixpath.join(base, candidate) if base else candidate
                probed.add(path)
                mod = self.module(path)
                if mod is not None:
                    return mod
        return None

    def _has_package(self, base: str, top: str) -> bool:
        key = f"{base}/{top}" if base else top
        known = self._found.get(key)
        if known is None:
            known = any(p == f"{key}.py" or p.startswith(f"{key}/") for p in self.texts) or any(
                self.module(f"{key}{suffix}") is not None for suffix in (".py", "/__init__.py")
            )
            self._found[key] = known
        return known

    # ------------------------------------------------------------------ summaries
    def methods_named(self, name: str) -> list[Summary]:
        """The summaries of methods called ``name`` in the parsed files, when there are at most three
        (a call on an object whose class the analysis cannot see is resolved by the method's name)."""
        found = self._methods.get(name, [])
        if not found or len(found) > 3 or name.startswith("__"):
            return []
        out = [self.summary(mod, key) for mod, key in found]
        return [s for s in out if s is not None and s.is_method]

    def imported_summary(self, qual: str, importer: str) -> Summary | None:
        parts = qual.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            rest = ".".join(parts[cut:])
            if rest.count(".") > 1:
                continue
            mod = self.find_module(".".join(parts[:cut]), importer)
            if mod is None:
                continue
            if rest in mod.functions:
                return self.summary(mod, rest)
            if rest in mod.imports and mod.path != importer and len(self._stack) < self.limits.summary_depth:
                return self.imported_summary(mod.imports[rest], mod.path)
            return None
        return None

    def summary(self, mod: Module, key: str) -> Summary | None:
        slot = (mod.path, key)
        if slot in self.summaries:
            return self.summaries[slot]
        if slot in self._stack:
            return None
        if len(self._stack) >= self.limits.summary_depth:
            self.cuts.once("a call chain deeper than the summary bound was not followed")
            return None
        self._stack.append(slot)
        try:
            _, result = self.analyse_function(mod, key)
        finally:
            self._stack.pop()
        summary = result
        if summary is not None:
            summary.ret = (
                summary.ret if summary.ret.sources or summary.ret.params else without_params(summary.ret)
            )
        self.summaries[slot] = summary
        return summary

    def analyse_function(self, mod: Module, key: str) -> tuple[FunctionAnalyzer, Summary | None]:
        fn = mod.functions[key]
        steps = min(self.limits.function_steps, max(self.steps_left, 0))
        analyzer = FunctionAnalyzer(mod, mod.owner.get(key), steps, handler=mod.is_handler(key, fn))
        if steps <= 0:
            self.cuts.once("review step bound reached: remaining functions not analysed")
            self.cuts.file(mod.path, "the review's step bound was reached before its functions were analysed")
            return analyzer, None
        try:
            summary: Summary | None = analyzer.run_function(fn)
        except Budget:
            self.cuts.file(mod.path, f"`{key}` exceeded the per-function step bound")
            summary = None
        except RecursionError:
            self.cuts.file(mod.path, f"`{key}` is nested too deeply to analyse")
            summary = None
        self.steps_left -= steps - max(analyzer.steps_left, 0)
        return analyzer, summary
