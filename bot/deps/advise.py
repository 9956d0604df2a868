"""Advice to patch: a finding on each manifest or lockfile line that pins a version with known
vulnerabilities, listing every advisory, the fixed versions, and a one-line bump where one is safe.

A bump is offered only when the new version is affected by none of the package's advisories (checked
against the same database) and the line names the old version once; a lockfile's transitive
dependency gets advice naming the direct dependency that pulls it in. Pure: values in, values out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.models import Confidence, Finding, Provenance, Severity, SourceFile
from bot.deps.manifests import Dependency, ManifestError, dependencies, parser_for
from bot.deps.osv import Advisory, VulnDB, affects
from bot.deps.versions import parse_version, same_major

ENGINE = "osv"
RULE_ID = "vulnerable-dependency"
CATEGORY = "vulnerable-dependency"
CWE = "CWE-1395"


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


def _reachability(advisories: Sequence[Advisory], code: Sequence[SourceFile]) -> tuple[str, bool]:
    """A sentence on whether the change imports what the advisories name, and whether it does."""
    named = sorted({imp for a in advisories for imp in a.imports})
    if not named:
        return "", False
    hits = reached(advisories, code)
    if hits:
        path, line, imp = hits[0]
        more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
        return (
            f" This change imports {imp} at {path}:{line}{more}, a package the advisories name as "
            "vulnerable.",
            True,
        )
    return (
        f" The advisories name the vulnerable packages ({', '.join(named[:5])}); this change imports none "
        "of them (check whether the rest of the repository does).",
        False,
    )


def _finding(
    dep: Dependency, advisories: list[Advisory], lines: list[str], db: VulnDB, code: Sequence[SourceFile] = ()
) -> Finding:
    target, keeps_major = fixed_version(dep, advisories)
    still = db.affecting(dep.ecosystem, dep.name, target) if target else []
    if still:
        target = None
    ids = ", ".join(" / ".join(a.ids) for a in advisories)
    listing = "; ".join(f"{a.id}: {a.summary or 'no summary'}" for a in advisories)
    fixes = sorted({v for a in advisories for v in a.fixed})
    where = "" if dep.direct or not dep.via else f" (pulled in by {dep.via})"
    message = (
        f"{dep.name} {dep.version}{where} has {len(advisories)} known "
        f"vulnerabilit{'y' if len(advisories) == 1 else 'ies'} ({ids}): {listing}. "
        f"Fixed in: {', '.join(fixes) if fixes else 'no fixed version is published'}."
    )
    reach, imported = _reachability(advisories, code)
    worst = max(a.severity for a in advisories)
    message += reach
    steps = []
    replacement = None
    if target and dep.direct and 1 <= dep.line <= len(lines):
        replacement = _bump(lines[dep.line - 1], dep.version, target)
    if target:
        upgrade = "" if keeps_major else " (a new major version: read its changelog for breaking changes)"
        steps.append(f"Upgrade {dep.name} to {target}{upgrade}, the lowest version none of these affect.")
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
        severity=_raised(worst) if imported else worst,
        confidence=Confidence.HIGH,
        path=dep.path,
        start_line=max(dep.line, 1),
        end_line=max(dep.line, 1),
        message=message,
        remediation=tuple(steps),
        replacement=replacement,
        provenance=Provenance(engine=ENGINE),
    )


def _raised(severity: Severity) -> Severity:
    return Severity(min(severity + 1, Severity.CRITICAL))


def dependency_findings(
    files: Sequence[SourceFile], db: VulnDB | None, code: Sequence[SourceFile] = ()
) -> DepResult:
    """Findings for every pinned, vulnerable dependency the manifests among ``files`` declare."""
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
    for sf in manifests:
        try:
            deps = dependencies(sf.path, sf.text)
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
                result.findings.append(_finding(dep, advisories, lines, db, code))
    if db.age_days is not None:
        result.notes.append(
            f"Dependencies checked against a vulnerability database {db.age_days:.0f} day(s) old."
        )
    return result


__all__ = ["DepResult", "dependency_findings", "fixed_version", "is_manifest"]
