"""Where the asset map is silent, infer a file's exposure and say why; find the route a finding is
reachable from.

Reads the repository through the review's ``Reader`` (the host's head contents or the scanned tree),
bounded: the files of the change, the files findings sit in, and a fixed list of well-known deployment
files, at most ``MAX_FILES`` files of ``MAX_FILE_BYTES`` each. Every pattern runs on lines cut to
``MAX_LINE`` characters and has no nested quantifier; Python routes come from the parser (ast).

    network-reachable (inferred internet-facing): web framework routes in the file; a Kubernetes
        Ingress or a Service of type LoadBalancer, EXPOSE in a Dockerfile, or a security group open
        to 0.0.0.0/0 in Terraform anywhere the reader saw (the repository serves the network)
    internal: tests, build and CI scripts, command-line tools (argparse/click/__main__ without routes)
"""

from __future__ import annotations

import ast
import logging
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from bot.config.assets import AssetMap
from bot.config.kev import exploited
from bot.core.models import Finding
from bot.core.pyparse import parse_module
from bot.core.risk import Asset, Exposure, RiskFactors
from bot.errors import RemediatorError

Reader = Callable[[str], "bytes | None"]
logger = logging.getLogger(__name__)

MAX_FILES = 64
MAX_FILE_BYTES = 256 * 1024
MAX_LINE = 400
MAX_ROUTE = 80
MAX_ROUTES = 1000
MAX_HANDLER_LINES = 400
WELL_KNOWN = (
    "Dockerfile",
    "docker/Dockerfile",
    "deploy/Dockerfile",
    "k8s/ingress.yaml",
    "k8s/service.yaml",
    "kubernetes/ingress.yaml",
    "kubernetes/service.yaml",
    "deploy/ingress.yaml",
    "deploy/service.yaml",
    "deploy/k8s.yaml",
    "chart/templates/ingress.yaml",
    "helm/templates/ingress.yaml",
    "main.tf",
    "terraform/main.tf",
    "infra/main.tf",
)
_TEST_DIRS = ("tests", "test", "testing", "spec", "__tests__", "e2e")
_BUILD_DIRS = ("scripts", "tools", "build", "ci", "bin", "hack", "devtools")
# CI workflows are not "internal": anyone who can open a pull request or an issue can trigger them
_BUILD_FILES = ("setup.py", "noxfile.py", "tasks.py", "fabfile.py", "Makefile", "build.gradle", "conftest.py")

_PY_ROUTE = re.compile(r"^\s*@[\w.]{1,100}\.(route|get|post|put|patch|delete|api_route|websocket)\(")
_DJANGO = re.compile(r"^\s*(urlpatterns\s*=|path\(\s*['\"]|re_path\(\s*['\"])")
_JS_ROUTE = re.compile(r"^\s*(\w{1,40})\.(get|post|put|patch|delete|all)\(\s*(['\"`])([^'\"`]{0,200})\3")
_JAVA_ROUTE = re.compile(r"^\s*@(Get|Post|Put|Patch|Delete|Request)Mapping\b")
_GO_ROUTE = re.compile(r"\.(HandleFunc|Handle|GET|POST|PUT|PATCH|DELETE)\(\s*\"/")
_CLI = re.compile(r"^\s*(import argparse|from argparse |import click|from click |if __name__ == .__main__.:)")
_EXPOSE = re.compile(r"^\s*EXPOSE\s+\S", re.IGNORECASE)
_KIND_INGRESS = re.compile(r"^\s*kind:\s*['\"]?Ingress['\"]?\s*$")
_LOAD_BALANCER = re.compile(r"^\s*type:\s*['\"]?LoadBalancer['\"]?\s*$")
_TF_RESOURCE = re.compile(r"^resource\s+\"([\w-]{1,80})\"")
_OPEN_CIDR = ("0.0.0.0/0", "::/0")
_ROUTE_DECORATORS = {"route", "get", "post", "put", "patch", "delete", "api_route", "websocket"}


def _lines(text: str) -> list[str]:
    return [line[:MAX_LINE] for line in text.splitlines()]


@dataclass(frozen=True, slots=True)
class Inferred:
    exposure: Exposure
    why: str


def path_exposure(path: str) -> Inferred | None:
    """Internal by its place alone: tests, build and CI scripts."""
    parts = path.split("/")
    name = parts[-1]
    dirs = parts[:-1]
    if (
        any(d in _TEST_DIRS for d in dirs)
        or name.startswith("test_")
        or name.endswith(
            ("_test.py", "_test.go", ".test.js", ".test.ts", ".spec.js", ".spec.ts", "Test.java")
        )
    ):
        return Inferred(Exposure.INTERNAL, f"test code ({path})")
    if any(d in _BUILD_DIRS for d in dirs) or name in _BUILD_FILES:
        return Inferred(Exposure.INTERNAL, f"build or CI script ({path})")
    return None


def _framework(path: str, lines: list[str]) -> str:
    """The web framework whose routes ``lines`` declare, or ""."""
    for line in lines:
        if _PY_ROUTE.match(line):
            return "Python web routes" if "fastapi" not in "".join(lines[:60]).lower() else "FastAPI routes"
        if _JS_ROUTE.match(line) and "req" in line:
            return "Express routes"
        if _JAVA_ROUTE.match(line):
            return "Spring request mappings"
        if _GO_ROUTE.search(line):
            return "Go HTTP handlers"
        if _DJANGO.match(line) and posixpath.basename(path) == "urls.py":
            return "Django URL patterns"
    return ""


def file_exposure(path: str, text: str) -> Inferred | None:
    """What the file itself shows: routes (internet-facing), or a command-line tool (internal)."""
    lines = _lines(text)
    framework = _framework(path, lines)
    if framework == "Python web routes" and "flask" in text[:20_000].lower():
        framework = "Flask routes"
    if framework:
        return Inferred(Exposure.INTERNET, f"{framework} in {path}")
    if path.startswith("app/controllers/") and path.endswith("_controller.rb"):
        return Inferred(Exposure.INTERNET, f"Rails controller {path}")
    if any(_CLI.match(line) for line in lines):
        return Inferred(Exposure.INTERNAL, f"command-line tool ({path})")
    return None


def deployment_signal(path: str, text: str) -> str:
    """What in a deployment file makes the repository network-reachable, or ""."""
    name = posixpath.basename(path)
    lines = _lines(text)
    if name == "Dockerfile" or name.endswith(".Dockerfile") or name.startswith("Dockerfile."):
        if any(_EXPOSE.match(line) for line in lines):
            return f"EXPOSE in {path}"
        return ""
    if name.endswith((".yaml", ".yml")):
        if any(_KIND_INGRESS.match(line) for line in lines):
            return f"Kubernetes Ingress in {path}"
        if any(_LOAD_BALANCER.match(line) for line in lines):
            return f"Kubernetes Service of type LoadBalancer in {path}"
        return ""
    if name.endswith(".tf"):
        return _terraform_signal(path, lines)
    return ""


def _terraform_signal(path: str, lines: list[str]) -> str:
    """A resource block open to the whole internet for ingress (a security group, a firewall)."""
    block: list[str] = []
    kind = ""
    for line in [*lines, 'resource "end"']:
        m = _TF_RESOURCE.match(line)
        if m:
            text = "\n".join(block)
            ingress = "ingress" in text or kind == "google_compute_firewall"
            if block and ingress and any(c in text for c in _OPEN_CIDR):
                return f"{kind} open to 0.0.0.0/0 in {path}"
            block, kind = [], m.group(1)
        else:
            block.append(line)
    return ""


class Inference:
    """Exposure inferred per file and for the repository, worked out only where it is asked for (a
    path the asset map is silent about), each file and the deployment files read at most once."""

    def __init__(self, text_of: Callable[[str], str | None], deployment: Iterable[str]) -> None:
        self._text_of = text_of
        self._deployment = deployment
        self._files: dict[str, Inferred | None] = {}
        self._repo_signal: str | None = None

    def file(self, path: str) -> Inferred | None:
        """What the path or the file itself shows (tests, build scripts, routes, a CLI)."""
        here = path_exposure(path)
        if here is not None:
            return here
        if path not in self._files:
            text = self._text_of(path)
            self._files[path] = file_exposure(path, text) if text is not None else None
        return self._files[path]

    @property
    def repo_signal(self) -> str:
        """The first deployment file that makes the repository network-reachable, or ""."""
        if self._repo_signal is None:
            self._repo_signal = ""
            for path in self._deployment:
                if path_exposure(path) is not None:
                    continue
                text = self._text_of(path)
                signal = deployment_signal(path, text) if text is not None else ""
                if signal:
                    self._repo_signal = signal
                    break
        return self._repo_signal

    def exposure(self, path: str) -> Inferred | None:
        here = self.file(path)
        if here is not None:
            return here
        if self.repo_signal:
            return Inferred(Exposure.INTERNET, self.repo_signal)
        return None


def infer(
    read: Reader | None,
    texts: Mapping[str, str],
    *,
    listed: Iterable[str] = (),
) -> Inference:
    """Exposure inference over ``texts`` (files already at hand: the change's, or a tree's files
    with findings) and, through ``read``, other files and the deployment files among ``listed`` and
    ``WELL_KNOWN``: at most ``MAX_FILES`` reads, only when a path the map is silent about needs them."""
    budget = [MAX_FILES]

    def text_of(path: str) -> str | None:
        if path in texts:
            return texts.get(path)
        if read is None or budget[0] <= 0:
            return None
        budget[0] -= 1
        try:
            data = read(path)
        except (RemediatorError, OSError) as exc:
            # a host error or a file too large to serve: inference goes without it (the review does not)
            logger.info("exposure inference: %s not read (%s)", path, type(exc).__name__)
            return None
        if data is None or len(data) > MAX_FILE_BYTES:
            return None
        return data.decode("utf-8", errors="replace")

    deployment = [p for p in dict.fromkeys([*texts, *listed, *WELL_KNOWN]) if _deployment_name(p)]
    return Inference(text_of, deployment)


def _deployment_name(path: str) -> bool:
    name = posixpath.basename(path)
    if "Dockerfile" in name:
        return True
    return name.endswith((".tf", ".yaml", ".yml")) and not path.startswith(".github/")


class LazyTexts(Mapping[str, str]):
    """The texts of ``paths``, read through ``read`` when asked for and never kept: a whole tree's
    files with findings, without holding them in memory."""

    def __init__(self, read: Reader, paths: Iterable[str], max_bytes: int = MAX_FILE_BYTES) -> None:
        self._read = read
        self._paths = dict.fromkeys(paths)
        self._max = max_bytes

    def __contains__(self, path: object) -> bool:
        return path in self._paths

    def __getitem__(self, path: str) -> str:
        if path not in self._paths:
            raise KeyError(path)
        try:
            data = self._read(path)
        except (RemediatorError, OSError):
            raise KeyError(path) from None
        if data is None or len(data) > self._max:
            raise KeyError(path)
        return data.decode("utf-8", errors="replace")

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


# ---------------------------------------------------------------------------------- entry points
@dataclass(frozen=True, slots=True)
class Route:
    label: str
    first: int
    last: int


def _clean(text: str) -> str:
    kept = "".join(c for c in text if c.isprintable() and c != "`")
    return kept[:MAX_ROUTE]


def python_routes(text: str) -> list[Route]:
    """Route handlers of a Python module (Flask, FastAPI, Starlette...): method, path, line span."""
    tree = parse_module(text)
    if tree is None:
        return []
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for deco in node.decorator_list:
            if not isinstance(deco, ast.Call) or not isinstance(deco.func, ast.Attribute):
                continue
            verb = deco.func.attr
            if verb not in _ROUTE_DECORATORS:
                continue
            path = "?"
            if deco.args and isinstance(deco.args[0], ast.Constant) and isinstance(deco.args[0].value, str):
                path = deco.args[0].value
            methods = [verb.upper()] if verb not in ("route", "api_route", "websocket") else ["GET"]
            for kw in deco.keywords:
                if kw.arg == "methods" and isinstance(kw.value, ast.List | ast.Tuple):
                    named = [
                        e.value.upper()
                        for e in kw.value.elts
                        if isinstance(e, ast.Constant) and isinstance(e.value, str)
                    ]
                    methods = named or methods
            if verb == "websocket":
                methods = ["WEBSOCKET"]
            label = _clean(f"{'|'.join(methods)} {path}")
            out.append(Route(label, node.lineno, node.end_lineno or node.lineno))
            break
    return out


def js_routes(text: str) -> list[Route]:
    """Express-style handlers: ``app.post('/x', (req, res) => { ... })`` and its brace span (at most
    ``MAX_ROUTES`` handlers of ``MAX_HANDLER_LINES`` lines: each line's braces are counted once)."""
    lines = _lines(text)
    delta = [line.count("{") - line.count("}") for line in lines]
    out: list[Route] = []
    for i, line in enumerate(lines):
        m = _JS_ROUTE.match(line)
        if not m:
            continue
        if len(out) >= MAX_ROUTES:
            break
        depth, opened, last = 0, False, i
        for j in range(i, min(len(lines), i + MAX_HANDLER_LINES)):
            depth += delta[j]
            opened = opened or "{" in lines[j]
            last = j
            if opened and depth <= 0:
                break
        out.append(Route(_clean(f"{m.group(2).upper()} {m.group(4)}"), i + 1, last + 1))
    return out


def routes_of(text: str | None, language: str | None) -> list[Route]:
    if text is None:
        return []
    if language == "python":
        return python_routes(text)
    if language in ("javascript", "typescript"):
        return js_routes(text)
    return []


def entry_point(finding: Finding, routes: Iterable[Route]) -> str:
    """The innermost route whose handler holds the finding's first line, or ""."""
    inside = [r for r in routes if r.first <= finding.start_line <= r.last]
    if not inside:
        return ""
    return min(inside, key=lambda r: r.last - r.first).label


# --------------------------------------------------------------------------------- risk factors
@dataclass(frozen=True, slots=True)
class Site:
    """The repository a review is of and the organisation's asset map (empty: nothing mapped)."""

    host: str = ""
    repo: str = ""
    assets: AssetMap = field(default_factory=AssetMap)


class RiskContext:
    """Builds each finding's ``RiskFactors``: the asset map first, inference where it is silent."""

    def __init__(
        self,
        site: Site,
        inference: Inference,
        texts: Mapping[str, str],
        languages: Mapping[str, str | None],
    ) -> None:
        self._site = site
        self._inference = inference
        self._texts = texts
        self._languages = languages
        self._routes: dict[str, list[Route]] = {}

    def asset(self, path: str) -> Asset:
        asset = self._site.assets.asset(self._site.host, self._site.repo, path)
        if asset.exposure_source:
            return asset
        guess = self._inference.exposure(path)
        if guess is None:
            return asset
        return Asset(
            exposure=guess.exposure,
            data=asset.data,
            tier=asset.tier,
            name=asset.name,
            exposure_source=f"inferred: {guess.why}",
            tier_source=asset.tier_source,
        )

    def factors(self, finding: Finding) -> RiskFactors:
        path = finding.path
        if path not in self._routes:
            self._routes[path] = routes_of(self._texts.get(path), self._languages.get(path))
        return RiskFactors(
            finding.severity,
            finding.confidence,
            self.asset(path),
            entry_point(finding, self._routes[path]),
            exploited(finding.cwe),
        )
