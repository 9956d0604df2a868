"""Dependencies declared by manifests and lockfiles, each with the line that declares it.

Parsers are the formats' own (``tomllib``, ``json``, PyYAML, ``packaging`` for PEP 508, ``defusedxml``
for pom.xml); the line-based formats (go.mod, yarn.lock v1, Gemfile.lock, requirements files) are read
a line at a time with fixed-shape splits. Manifest text is untrusted: sizes are capped, nothing is
fetched, and a file that does not parse yields no dependencies and a reason.
"""

from __future__ import annotations

import json
import posixpath
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import yaml
from defusedxml import ElementTree
from packaging.requirements import InvalidRequirement, Requirement

MAX_MANIFEST_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class Dependency:
    ecosystem: str  # OSV ecosystem name
    name: str
    version: str
    path: str
    line: int  # 1-based line declaring it (0: not found)
    direct: bool = True
    via: str = ""  # for a transitive dependency: the direct one that pulls it in, where known
    pinned_by: str = ""  # ``file:line`` of the constraint that pins an unpinned requirement


class ManifestError(ValueError):
    """The manifest could not be read; the message says why (shown in the coverage report)."""


def _line_of(lines: list[str], *needles: str, start: int = 0) -> int:
    for n in range(start, len(lines)):
        if all(needle in lines[n] for needle in needles):
            return n + 1
    return 0


def _pinned(spec: str) -> str | None:
    """The exact version of a PEP 440 specifier set that pins one (``==1.2``, ``===1.2``), else None."""
    spec = spec.strip()
    for op in ("===", "=="):
        if spec.startswith(op) and "," not in spec and "*" not in spec:
            return spec[len(op) :].strip()
    return None


def requirements_txt(path: str, text: str) -> Iterator[Dependency]:
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-", "--")) or "://" in line:
            continue  # options (-r/-c includes are read as their own files), URLs
        try:
            req = Requirement(line.split(";", 1)[0].strip() if "@" not in line else line)
        except InvalidRequirement:
            continue
        version = _pinned(str(req.specifier))
        if version:
            yield Dependency("PyPI", req.name, version, path, n)


_INCLUDE_OPTIONS = {"-r": "r", "--requirement": "r", "-c": "c", "--constraint": "c"}
MAX_INCLUDES = 20
MAX_INCLUDE_DEPTH = 5


def requirement_includes(text: str) -> list[tuple[str, str]]:
    """``(kind, file)`` for each ``-r``/``-c`` line (``r``: requirements, ``c``: constraints), the
    file as written (relative to the requirements file). Forms: ``-r f``, ``-rf``, ``--requirement f``,
    ``--requirement=f`` and the same for ``-c``/``--constraint``."""
    found = []
    for raw in text.splitlines():
        parts = raw.split(" #", 1)[0].split()
        if not parts or raw.lstrip().startswith("#"):
            continue
        head, rest = parts[0], parts[1:]
        option, _, value = head.partition("=")
        if option in _INCLUDE_OPTIONS and (value or len(rest) == 1):
            found.append((_INCLUDE_OPTIONS[option], value or rest[0]))
        elif head[:2] in ("-r", "-c") and len(head) > 2 and not rest:
            found.append((_INCLUDE_OPTIONS[head[:2]], head[2:]))
    return found


def unpinned_requirements(text: str) -> list[tuple[str, int]]:
    """``(name, line)`` of each requirement without an exact pin (a constraints file may pin it)."""
    found = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")) or "://" in line or "@" in line:
            continue
        try:
            req = Requirement(line.split(";", 1)[0].strip())
        except InvalidRequirement:
            continue
        if _pinned(str(req.specifier)) is None:
            found.append((req.name, n))
    return found


def include_path(including: str, named: str) -> str | None:
    """The repository path ``named`` refers to from the requirements file ``including``; None when it
    is absolute, a URL, or climbs out of the repository."""
    if not named or named.startswith("/") or "://" in named or "\\" in named:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(including), named))
    return None if joined == ".." or joined.startswith("../") or joined == "." else joined


def pyproject_toml(path: str, text: str) -> Iterator[Dependency]:
    data = tomllib.loads(text)
    lines = text.splitlines()
    project = data.get("project") or {}
    specs = list(project.get("dependencies") or [])
    for extra in (project.get("optional-dependencies") or {}).values():
        specs += list(extra or [])
    for spec in specs:
        try:
            req = Requirement(str(spec))
        except InvalidRequirement:
            continue
        version = _pinned(str(req.specifier))
        if version:
            yield Dependency("PyPI", req.name, version, path, _line_of(lines, str(spec)))
    poetry = (data.get("tool") or {}).get("poetry") or {}
    groups = [poetry.get("dependencies") or {}, poetry.get("dev-dependencies") or {}]
    groups += [(g or {}).get("dependencies") or {} for g in (poetry.get("group") or {}).values()]
    for group in groups:
        for name, value in group.items():
            raw = value.get("version") if isinstance(value, dict) else value
            if not isinstance(raw, str) or name == "python":
                continue
            version = raw.strip().removeprefix("==")
            if version and version[0].isdigit() and not any(c in version for c in "<>^~*,| "):
                yield Dependency("PyPI", name, version, path, _line_of(lines, name, raw))


def toml_lock(ecosystem: str) -> Callable[[str, str], Iterator[Dependency]]:
    """poetry.lock, uv.lock, Cargo.lock: ``[[package]]`` tables with ``name`` and ``version``."""

    def parse(path: str, text: str) -> Iterator[Dependency]:
        lines = text.splitlines()
        for pkg in tomllib.loads(text).get("package") or []:
            name, version = pkg.get("name"), pkg.get("version")
            if isinstance(name, str) and isinstance(version, str):
                at = _line_of(lines, f'name = "{name}"')
                yield Dependency(
                    ecosystem,
                    name,
                    version,
                    path,
                    _line_of(lines, f'"{version}"', start=at) or at,
                    direct=False,
                )

    return parse


def pipfile_lock(path: str, text: str) -> Iterator[Dependency]:
    data = json.loads(text)
    lines = text.splitlines()
    for section in ("default", "develop"):
        for name, info in (data.get(section) or {}).items():
            version = _pinned(str((info or {}).get("version") or ""))
            if version:
                yield Dependency("PyPI", name, version, path, _line_of(lines, f'"{name}"'))


def package_json(path: str, text: str) -> Iterator[Dependency]:
    data = json.loads(text)
    lines = text.splitlines()
    for section in ("dependencies", "devDependencies", "optionalDependencies"):
        for name, raw in (data.get(section) or {}).items():
            version = str(raw).strip().removeprefix("=").removeprefix("v")
            if version[:1].isdigit() and not any(c in version for c in "<>^~*| xX"):
                yield Dependency("npm", name, version, path, _line_of(lines, f'"{name}"', f'"{raw}"'))


def package_lock(path: str, text: str) -> Iterator[Dependency]:
    data = json.loads(text)
    lines = text.splitlines()
    packages = data.get("packages")
    if isinstance(packages, dict):  # lockfile v2 and v3
        root = packages.get("") or {}
        direct = {*(root.get("dependencies") or {}), *(root.get("devDependencies") or {})}
        for key, info in packages.items():
            if not key or not isinstance(info, dict) or "version" not in info:
                continue
            name = str(info.get("name") or key.rsplit("node_modules/", 1)[-1])
            chain = [p for p in key.split("node_modules/") if p]
            via = chain[0].rstrip("/") if len(chain) > 1 else _pulled_by(packages, name, direct)
            yield Dependency(
                "npm",
                name,
                str(info["version"]),
                path,
                _line_of(lines, f'"{key}"'),
                direct=key == f"node_modules/{name}" and name in direct,
                via=via,
            )
        return
    for name, info in (data.get("dependencies") or {}).items():  # lockfile v1
        if isinstance(info, dict) and "version" in info:
            yield Dependency(
                "npm",
                name,
                str(info["version"]),
                path,
                _line_of(lines, f'"{name}"'),
                direct=not info.get("dev"),
            )


def _pulled_by(packages: dict[str, object], name: str, direct: set[str]) -> str:
    for key, info in packages.items():
        if (
            key.startswith("node_modules/")
            and isinstance(info, dict)
            and name in (info.get("dependencies") or {})
        ):
            parent = key.rsplit("node_modules/", 1)[-1]
            if parent in direct:
                return parent
    return ""


def yarn_lock(path: str, text: str) -> Iterator[Dependency]:
    """yarn.lock v1: ``"name@range", "name@range2":`` then an indented ``version "x"`` line."""
    name = ""
    for n, raw in enumerate(text.splitlines(), 1):
        if raw and not raw[0].isspace() and raw.rstrip().endswith(":") and not raw.startswith("#"):
            first = raw.rstrip(":").split(",")[0].strip().strip('"')
            name = first[: first.rfind("@")] if first.rfind("@") > 0 else first
        elif name and raw.strip().startswith("version "):
            yield Dependency(
                "npm", name, raw.strip()[len("version ") :].strip().strip('"'), path, n, direct=False
            )
            name = ""


def pnpm_lock(path: str, text: str) -> Iterator[Dependency]:
    data = yaml.safe_load(text) or {}
    lines = text.splitlines()
    for key in (data.get("packages") or {}) if isinstance(data, dict) else {}:
        spec = str(key).lstrip("/").split("(")[0]
        at = spec.rfind("@") if "@" in spec[1:] else -1
        if at > 0:
            name, version = spec[:at], spec[at + 1 :]
            yield Dependency("npm", name, version, path, _line_of(lines, str(key)), direct=False)


def go_mod(path: str, text: str) -> Iterator[Dependency]:
    in_block = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("//", 1)[0].strip()
        if line.startswith("require ("):
            in_block = True
            continue
        if in_block and line == ")":
            in_block = False
            continue
        parts = line.split()
        if parts[:1] == ["require"] and len(parts) >= 3:
            parts = parts[1:]
        elif not in_block:
            continue
        if len(parts) >= 2 and parts[1].startswith("v"):
            yield Dependency("Go", parts[0], parts[1], path, n, direct="indirect" not in raw)


def gemfile_lock(path: str, text: str) -> Iterator[Dependency]:
    in_specs = False
    for n, raw in enumerate(text.splitlines(), 1):
        if raw.strip() == "specs:":
            in_specs = True
            continue
        if in_specs and raw and not raw.startswith(" "):
            in_specs = False
        if (
            in_specs
            and raw.startswith("    ")
            and not raw.startswith("      ")
            and raw.rstrip().endswith(")")
        ):
            name, _, version = raw.strip().partition(" (")
            yield Dependency("RubyGems", name, version.rstrip(")").split("-")[0], path, n, direct=False)


def pom_xml(path: str, text: str) -> Iterator[Dependency]:
    root = ElementTree.fromstring(text.encode("utf-8"), forbid_dtd=True)
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    props = {p.tag.removeprefix(ns): (p.text or "").strip() for p in root.findall(f"{ns}properties/*")}
    lines = text.splitlines()
    for dep in root.iter(f"{ns}dependency"):
        group, artifact = dep.findtext(f"{ns}groupId"), dep.findtext(f"{ns}artifactId")
        version = (dep.findtext(f"{ns}version") or "").strip()
        if version.startswith("${") and version.endswith("}"):
            version = props.get(version[2:-1], "")
        if group and artifact and version and version[0].isdigit():
            yield Dependency(
                "Maven",
                f"{group}:{artifact}",
                version,
                path,
                _line_of(lines, f"<artifactId>{artifact}</artifactId>"),
            )


PARSERS: dict[str, Callable[[str, str], Iterator[Dependency]]] = {
    "pyproject.toml": pyproject_toml,
    "poetry.lock": toml_lock("PyPI"),
    "uv.lock": toml_lock("PyPI"),
    "Cargo.lock": toml_lock("crates.io"),
    "Pipfile.lock": pipfile_lock,
    "package.json": package_json,
    "package-lock.json": package_lock,
    "npm-shrinkwrap.json": package_lock,
    "yarn.lock": yarn_lock,
    "pnpm-lock.yaml": pnpm_lock,
    "go.mod": go_mod,
    "Gemfile.lock": gemfile_lock,
    "pom.xml": pom_xml,
}


def is_requirements_file(path: str) -> bool:
    """pip's naming conventions: ``requirements*.txt``/``.in``, ``constraints*.txt``, and the text
    files of a ``requirements/`` folder."""
    base = posixpath.basename(path)
    if not base.endswith((".txt", ".in")):
        return False
    parent = posixpath.basename(posixpath.dirname(path))
    return base.startswith(("requirements", "constraints")) or parent == "requirements"


def parser_for(path: str) -> Callable[[str, str], Iterator[Dependency]] | None:
    if is_requirements_file(path):
        return requirements_txt
    return PARSERS.get(posixpath.basename(path))


def dependencies(path: str, text: str) -> list[Dependency]:
    """Every pinned dependency ``path`` declares; ``ManifestError`` when it cannot be read."""
    parse = parser_for(path)
    if parse is None:
        return []
    if len(text) > MAX_MANIFEST_BYTES:
        raise ManifestError(f"larger than {MAX_MANIFEST_BYTES} bytes")
    try:
        return list(parse(path, text))
    except (
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
        RecursionError,
        yaml.YAMLError,
        ElementTree.ParseError,
    ) as exc:
        raise ManifestError(f"not a valid {posixpath.basename(path)}: {type(exc).__name__}") from None
