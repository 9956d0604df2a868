"""Advice to patch: a finding on each manifest or lockfile line that pins a version with known
vulnerabilities, listing every advisory, the fixed versions, and a one-line bump where one is safe.

A bump is offered only when the new version is affected by none of the package's advisories (checked
against the same database) and the line names the old version once; a lockfile's transitive
dependency gets advice naming the direct dependency that pulls it in. Pure: values in, values out.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from bot.core.models import Confidence, Finding, Provenance, Severity, SourceFile
from bot.deps.manifests import (
    MAX_INCLUDE_DEPTH,
    MAX_INCLUDES,
    Dependency,
    ManifestError,
    dependencies,
    include_path,
    is_requirements_file,
    parser_for,
    requirement_includes,
    requirements_txt,
    unpinned_requirements,
)
from bot.deps.osv import Advisory, VulnDB, affects, normalise
from bot.deps.reach import ImportIndex
from bot.deps.versions import parse_version, same_major

ENGINE = "osv"
RULE_ID = "vulnerable-dependency"
CATEGORY = "vulnerable-dependency"
CWE = "CWE-1395"

Reader = Callable[[str], "bytes | None"]


@dataclass
class DepResult:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    manifests: int = 0
    checked: bool = False
    """A database was there and the manifests were read against it."""


def is_manifest(path: str) -> bool:
    return parser_for(path) is not None


def fixed_version(dep: Dependency, advisories: Sequence[Advisory]) -> tuple[str | None, bool]:
    """(lowest version above ``dep.version`` that no advisory affects, whether it keeps the major)."""
    current = parse_version(dep.ecosystem, dep.version)
    candidates = []
    for raw in {v for a in advisories for v in a.fixed}:
        parsed = parse_version(dep.ecosystem, raw)
        if parsed is None or (current is not None and not parsed > current):
            continue
        if any(affects(a, dep.ecosystem, raw) for a in advisories):
            continue
        # Go's records write SEMVER bounds without the v that go.mod needs
        shown = "v" + raw if dep.ecosystem == "Go" and not raw.startswith("v") else raw
        candidates.append((parsed, shown))
    if not candidates:
        return None, False
    candidates.sort()
    same = [raw for _, raw in candidates if same_major(dep.ecosystem, dep.version, raw)]
    return (same[0], True) if same else (candidates[0][1], False)


def _bump(line: str, old: str, new: str) -> str | None:
    return line.replace(old, new) if line.count(old) == 1 else None


def reached(advisories: Sequence[Advisory], code: Sequence[SourceFile]) -> list[tuple[str, int, str]]:
    """(path, line, package) where a line the change adds imports a package an advisory names."""
    wanted = sorted({imp for a in advisories for imp in a.imports})
    hits = []
    for sf in code:
        lines = sf.lines
        for n in sorted(sf.change.added_lines):
            text = lines[n - 1] if 1 <= n <= len(lines) else ""
            hits += [(sf.path, n, imp) for imp in wanted if f'"{imp}"' in text or f"'{imp}'" in text]
    return hits


def _reachability(
    advisories: Sequence[Advisory], code: Sequence[SourceFile], repository: ImportIndex | None = None
) -> tuple[str, int]:
    """A sentence on whether the change (or the repository) imports what the advisories name, and
    the rank it gives: +1 the change imports one, -1 the whole repository imports none, else 0."""
    named = sorted({imp for a in advisories for imp in a.imports})
    if not named:
        return "", 0
    hits = reached(advisories, code)
    if hits:
        path, line, imp = hits[0]
        more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
        return (
            f" This change imports {imp} at {path}:{line}{more}, a package the advisories name as "
            "vulnerable.",
            1,
        )
    shown = ", ".join(named[:5])
    if repository is not None:
        used = repository.importing(named)
        if used:
            path, line, imp = used[0]
            return f" The repository imports {imp} at {path}:{line}, a package the advisories name.", 0
        if repository.complete:
            return (
                f" The advisories name the vulnerable packages ({shown}) and the repository imports none "
                "of them: ranked one level lower (still upgrade: a later change may import them).",
                -1,
            )
    return (
        f" The advisories name the vulnerable packages ({shown}); this change imports none "
        "of them (check whether the rest of the repository does).",
        0,
    )


def _finding(
    dep: Dependency,
    advisories: list[Advisory],
    lines: list[str],
    db: VulnDB,
    code: Sequence[SourceFile] = (),
    *,
    repository: ImportIndex | None = None,
) -> Finding:
    target, keeps_major = fixed_version(dep, advisories)
    still = db.affecting(dep.ecosystem, dep.name, target) if target else []
    if still:
        target = None
    ids = ", ".join(" / ".join(a.ids) for a in advisories)
    listing = "; ".join(f"{a.id}: {a.summary.rstrip('.') or 'no summary'}" for a in advisories)
    fixes = sorted({v for a in advisories for v in a.fixed})
    where = "" if dep.direct or not dep.via else f" (pulled in by {dep.via})"
    if dep.pinned_by:
        where = f" (pinned by {dep.pinned_by})"
    message = (
        f"{dep.name} {dep.version}{where} has {len(advisories)} known "
        f"vulnerabilit{'y' if len(advisories) == 1 else 'ies'} ({ids}): {listing}. "
        f"Fixed in: {', '.join(fixes) if fixes else 'no fixed version is published'}."
    )
    reach, rank = _reachability(advisories, code, repository)
    worst = max(a.severity for a in advisories)
    message += reach
    steps = []
    replacement = None
    if target and dep.direct and 1 <= dep.line <= len(lines):
        replacement = _bump(lines[dep.line - 1], dep.version, target)
    if target:
        upgrade = "" if keeps_major else " (a new major version: read its changelog for breaking changes)"
        at = f" in {dep.pinned_by}" if dep.pinned_by else ""
        steps.append(f"Upgrade {dep.name} to {target}{at}{upgrade}, the lowest version none of these affect.")
    else:
        steps.append(
            f"No released version of {dep.name} fixes all of these: remove or replace it, or "
            "accept the risk with a reason."
        )
    if not dep.direct:
        steps.append(
            f"It is a transitive dependency{where}: upgrade "
            f"{dep.via or 'the direct dependency that pulls it in'} to a release that requires a fixed "
            "version, or pin it (npm overrides, pip constraints, go.mod require, Cargo [patch])."
        )
    steps.append("Regenerate the lockfile, run the tests, and check the advisories' notes for mitigations.")
    return Finding(
        rule_id=RULE_ID,
        engine=ENGINE,
        category=CATEGORY,
        cwe=CWE,
        title=f"Vulnerable dependency: {dep.name} {dep.version}",
        severity=_shifted(worst, rank),
        confidence=Confidence.HIGH,
        path=dep.path,
        start_line=max(dep.line, 1),
        end_line=max(dep.line, 1),
        message=message,
        remediation=tuple(steps),
        replacement=replacement,
        provenance=Provenance(engine=ENGINE),
    )


def _shifted(severity: Severity, rank: int) -> Severity:
    return Severity(max(Severity.LOW, min(severity + rank, Severity.CRITICAL)))


def _included(path: str, text: str, read: Reader, notes: list[str]) -> Iterator[tuple[str, str]]:
    """``(path, text)`` of every file ``path``'s ``-r``/``-c`` lines name, transitively (bounded)."""
    seen = {path}
    queue = deque([(path, text, 0)])
    while queue:
        here, body, depth = queue.popleft()
        outside: list[str] = []  # one note per file however many lines name such places
        for _kind, named in requirement_includes(body):
            target = include_path(here, named)
            if target is None:
                if not outside:
                    notes.append(
                        f"{here}: the include {named[:200]!r} is outside the repository and was not read."
                    )
                outside.append(named)
                continue
            if target in seen:
                continue
            if len(seen) > MAX_INCLUDES or depth >= MAX_INCLUDE_DEPTH:
                notes.append(
                    f"{here}: includes beyond {MAX_INCLUDES} files or {MAX_INCLUDE_DEPTH} levels not read."
                )
                return
            seen.add(target)
            data = read(target)
            if data is None:
                notes.append(f"{here}: the included file {target} could not be read.")
                continue
            decoded = data.decode("utf-8", errors="replace")
            yield target, decoded
            queue.append((target, decoded, depth + 1))
        if len(outside) > 1:
            notes.append(f"{here}: {len(outside) - 1} more include(s) outside the repository not read.")


def constrained(sf: SourceFile, read: Reader | None, notes: list[str]) -> list[Dependency]:
    """Requirements ``sf`` names without a pin, pinned by a file its ``-r``/``-c`` lines include: each
    on the requirement's own line, saying which file and line pins it."""
    if read is None or not is_requirements_file(sf.path):
        return []
    loose = unpinned_requirements(sf.text)
    if not loose or not requirement_includes(sf.text):
        return []
    pins: dict[str, Dependency] = {}
    for path, text in _included(sf.path, sf.text, read, notes):
        for dep in requirements_txt(path, text):
            pins.setdefault(normalise("PyPI", dep.name), dep)
    found = []
    for name, line in loose:
        pin = pins.get(normalise("PyPI", name))
        if pin is not None:
            found.append(replace(pin, name=name, path=sf.path, line=line, pinned_by=f"{pin.path}:{pin.line}"))
    return found


def dependency_findings(
    files: Sequence[SourceFile],
    db: VulnDB | None,
    code: Sequence[SourceFile] = (),
    read: Reader | None = None,
    repository: Callable[[], ImportIndex] | None = None,
) -> DepResult:
    """Findings for every pinned, vulnerable dependency the manifests among ``files`` declare;
    with ``read`` (head contents), a requirements file's ``-r``/``-c`` includes pin what it leaves
    unpinned; with ``repository`` (built only when an advisory names packages), an advisory whose
    packages the repository never imports ranks lower."""
    result = DepResult()
    manifests = [sf for sf in files if is_manifest(sf.path)]
    result.manifests = len(manifests)
    if not manifests:
        return result
    if db is None:
        result.notes.append(
            "Dependencies were not checked: no vulnerability database (run `remediator vulndb sync`)."
        )
        return result
    result.checked = True
    index: ImportIndex | None = None
    for sf in manifests:
        try:
            deps = dependencies(sf.path, sf.text) + constrained(sf, read, result.notes)
        except ManifestError as exc:
            result.notes.append(f"{sf.path}: dependencies not checked ({exc}).")
            continue
        lines = sf.text.splitlines()
        seen: set[tuple[str, str, int]] = set()
        for dep in deps:
            key = (dep.name, dep.version, dep.line)
            if key in seen:
                continue
            seen.add(key)
            advisories = db.affecting(dep.ecosystem, dep.name, dep.version)
            if advisories:
                if index is None and repository is not None and any(a.imports for a in advisories):
                    index = repository()
                result.findings.append(_finding(dep, advisories, lines, db, code, repository=index))
    if db.age_days is not None:
        result.notes.append(
            f"Dependencies checked against a vulnerability database {db.age_days:.0f} day(s) old."
        )
    return result


__all__ = ["DepResult", "dependency_findings", "fixed_version", "is_manifest"]
