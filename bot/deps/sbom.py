"""A CycloneDX SBOM (cyclonedx-python-lib) of what a tree's manifests and lockfiles declare, with the
known vulnerabilities of each component from the offline OSV database.

Components are de-duplicated by package URL; each vulnerability names the components it affects, its
severity and the upgrade that fixes it.
"""

from __future__ import annotations

from collections.abc import Mapping

from cyclonedx.model.bom import Bom
from cyclonedx.model.component import Component, ComponentType
from cyclonedx.model.vulnerability import (
    BomTarget,
    Vulnerability,
    VulnerabilityRating,
    VulnerabilitySeverity,
    VulnerabilitySource,
)
from cyclonedx.output.json import JsonV1Dot5
from packageurl import PackageURL

from bot.core.models import Severity
from bot.deps.advise import fixed_version
from bot.deps.manifests import Dependency, ManifestError, dependencies
from bot.deps.osv import Advisory, VulnDB

_PURL_TYPES = {
    "PyPI": "pypi",
    "npm": "npm",
    "Go": "golang",
    "Maven": "maven",
    "RubyGems": "gem",
    "crates.io": "cargo",
}
_SEVERITY = {
    Severity.LOW: VulnerabilitySeverity.LOW,
    Severity.MEDIUM: VulnerabilitySeverity.MEDIUM,
    Severity.HIGH: VulnerabilitySeverity.HIGH,
    Severity.CRITICAL: VulnerabilitySeverity.CRITICAL,
}


def purl(dep: Dependency) -> PackageURL:
    kind = _PURL_TYPES[dep.ecosystem]
    namespace, _, name = dep.name.rpartition(":" if dep.ecosystem == "Maven" else "/")
    if dep.ecosystem == "npm" and not dep.name.startswith("@"):
        namespace, name = "", dep.name
    return PackageURL(kind, namespace or None, name, dep.version)


def build_sbom(manifests: Mapping[str, str], db: VulnDB | None) -> tuple[str, list[str]]:
    """(CycloneDX 1.5 JSON, notes on manifests that could not be read)."""
    bom = Bom()
    notes: list[str] = []
    components: dict[str, Component] = {}
    affected: dict[str, tuple[Advisory, list[str], set[str]]] = {}
    for path in sorted(manifests):
        try:
            deps = dependencies(path, manifests[path])
        except ManifestError as exc:
            notes.append(f"{path}: {exc}")
            continue
        for dep in deps:
            ref = str(purl(dep))
            if ref not in components:
                components[ref] = Component(
                    name=dep.name,
                    version=dep.version,
                    type=ComponentType.LIBRARY,
                    purl=purl(dep),
                    bom_ref=ref,
                )
            for adv in db.affecting(dep.ecosystem, dep.name, dep.version) if db else []:
                entry = affected.setdefault(adv.id, (adv, [], set()))
                entry[2].add(ref)
                target, _ = fixed_version(dep, [adv])
                if target:
                    entry[1].append(f"{dep.name} {target}")
    for component in components.values():
        bom.components.add(component)
    for adv_id, (adv, upgrades, refs) in sorted(affected.items()):
        bom.vulnerabilities.add(
            Vulnerability(
                id=adv_id,
                source=VulnerabilitySource(name="OSV"),
                description=adv.summary or None,
                recommendation=("Upgrade to " + ", ".join(sorted(set(upgrades)))) if upgrades else None,
                ratings=[VulnerabilityRating(severity=_SEVERITY[adv.severity])],
                affects=[BomTarget(ref=r) for r in sorted(refs)],
            )
        )
    return JsonV1Dot5(bom).output_as_string(indent=2), notes
