"""The layout's contracts, as the package READMEs write them: which package may import which, no
package cycles, a README per package, a docstring per module."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE = {"bot.core", "bot.config", "bot.errors", "bot.obs"}
# package -> the packages of ours it may import (besides itself)
ALLOWED: dict[str, set[str]] = {
    "bot": {"bot.errors"},
    "bot.errors": set(),
    "bot.core": {"bot"},  # `bot.__version__` only
    "bot.config": {"bot", "bot.core", "bot.errors"},
    "bot.obs": {"bot.core", "bot.config", "bot.errors"},  # logs, metrics, health: every process
    "bot.llm": BASE | {"bot.store"},  # the LLM budget and cache live in the shared database
    "bot.analysis": BASE | {"bot.llm", "bot.deps"},
    "bot.hosts": BASE,
    "bot.store": BASE | {"bot"},
    "bot.jobqueue": BASE,
    "bot.deps": BASE,
    "bot.jobs": BASE | {"bot.analysis", "bot.llm", "bot.hosts", "bot.store", "bot.deps"},
    "bot.cli": BASE
    | {"bot", "bot.analysis", "bot.llm", "bot.hosts", "bot.store", "bot.jobqueue", "bot.jobs", "bot.deps"}
    | {"webhooks", "webhooks.app"},
    "webhooks": BASE
    | {"bot", "bot.jobqueue", "bot.store", "webhooks.app", "webhooks.intake", "webhooks.dashboard"},
    "webhooks.app": BASE | {"bot", "bot.jobqueue", "bot.store", "webhooks.intake", "webhooks.dashboard"},
    "webhooks.intake": BASE | {"bot", "bot.jobqueue"},
    "webhooks.dashboard": BASE | {"bot", "bot.store", "bot.jobqueue"},  # admins queue baselines
}
NEVER_IN_WEB = {"openai", "github", "gitlab", "semgrep", "bandit", "tree_sitter", "tiktoken"}


def _package(module: str) -> str:
    """The role a module belongs to: ``bot.llm.client`` -> ``bot.llm``; ``bot.errors`` -> itself."""
    parts = module.split(".")
    if len(parts) == 1:
        return module
    return ".".join(parts[:2])


def _modules() -> dict[str, Path]:
    found = {}
    for top in ("bot", "webhooks"):
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in _modules().items():
        for name in _imports(path):
            if name.split(".")[0] in ("bot", "webhooks") and _package(name) != _package(module):
                graph[_package(module)].add(_package(name))
    return graph


def test_each_package_imports_only_what_its_readme_allows():
    graph = _graph()
    unknown = sorted(set(graph) - set(ALLOWED))
    assert unknown == [], f"new packages need a line in ALLOWED and a README: {unknown}"
    violations = {pkg: sorted(deps - ALLOWED[pkg]) for pkg, deps in graph.items() if deps - ALLOWED[pkg]}
    assert violations == {}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def test_the_package_graph_has_no_cycle():
    assert _cycles(_graph()) == []


def test_the_web_never_imports_heavy_or_host_libraries():
    for module, path in _modules().items():
        if module.startswith("webhooks"):
            tops = {name.split(".")[0] for name in _imports(path)}
            assert not tops & NEVER_IN_WEB, module


def test_every_package_has_a_readme_and_every_module_a_docstring():
    packages = {p.parent for p in (ROOT / "bot").glob("*/__init__.py")} | {ROOT / "webhooks"}
    assert sorted(str(p.relative_to(ROOT)) for p in packages if not (p / "README.md").is_file()) == []
    missing = [m for m, path in _modules().items() if not ast.get_docstring(ast.parse(path.read_text()))]
    assert missing == []


def test_the_checks_catch_a_forbidden_import_and_a_cycle():
    """The checkers themselves, on made-up graphs (so the tests above can fail)."""
    bad = {"bot.hosts": {"bot.analysis"}, "webhooks.dashboard": {"bot.llm"}, "bot.config": {"bot.llm"}}
    for pkg, deps in bad.items():
        assert deps - ALLOWED[pkg] == deps
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "d": {"a", "c"}}) == []
    assert _package("bot.llm.client") == "bot.llm" and _package("bot.errors") == "bot.errors"
