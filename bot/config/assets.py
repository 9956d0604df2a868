"""The organisation's profile and asset map (``profile:`` and ``assets:`` of the organisation file).

Parsed values in, problems out: every problem names its key and the allowed values, and all of them
are reported at once (nothing is silently dropped). Imports only bot.core.

    profile:
      sector: transport          # energy water transport health finance government telecom
                                 # manufacturing general
      size: large                # micro small medium large (moves an essential sector's default tier)
    assets:
      - repo: acme/payments      # owner/name, a glob (acme/*), or host:owner/name
        exposure: internet       # internet partner internal isolated
        data: [payment, personal]
        tier: 1                  # 1 (critical) .. 4 (low)
        paths:
          - glob: "scripts/**"
            exposure: internal
            tier: 3
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.globs import glob_match, glob_problem
from bot.core.risk import DEFAULT_TIER, Asset, DataKind, Exposure

SECTORS = (
    "energy",
    "water",
    "transport",
    "health",
    "finance",
    "government",
    "telecom",
    "manufacturing",
    "general",
)
SIZES = ("micro", "small", "medium", "large")
HOSTS = ("github", "gitlab")
SECTOR_TIER: Mapping[str, int] = {
    # essential services (NIS2 Annex I): a repository the map does not name is tier 2
    "energy": 2,
    "water": 2,
    "transport": 2,
    "health": 2,
    "finance": 2,
    "government": 2,
    "telecom": 2,
    "manufacturing": 3,
    "general": 3,
}
ESSENTIAL_SECTORS = frozenset(s for s, tier in SECTOR_TIER.items() if tier == 2)
SIZE_TIER_SHIFT: Mapping[str, int] = {"large": -1, "medium": 0, "small": 1, "micro": 1}
"""How the organisation's size moves the default tier in an essential sector, after NIS2's size rule:
a large entity of an Annex I sector is an *essential* entity (tier 1), a medium one an *important* one
(tier 2, the sector default), and small and micro ones fall below the size threshold (tier 3). Other
sectors keep their default whatever the size: nothing marks their large members as more critical."""
_SIZE_REASON: Mapping[str, str] = {
    "large": "large: essential entity under NIS2's size rule",
    "small": "small: below NIS2's size threshold",
    "micro": "micro: below NIS2's size threshold",
}
EXPOSURES = tuple(e.value for e in Exposure if e is not Exposure.UNKNOWN)
_EXPOSURE_ALIASES = {"ot": Exposure.ISOLATED}
DATA_KINDS = tuple(d.value for d in DataKind)
MAX_ASSETS = 5000
MAX_PATHS = 500
_PROFILE_KEYS = {"sector", "size", "default_tier"}
_ASSET_KEYS = {"repo", "exposure", "data", "tier", "paths"}
_PATH_KEYS = {"glob", "exposure", "data", "tier"}
_SHOWN = 40


def _short(value: Any) -> str:
    text = " ".join(str(value)[:200].split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _shown(value: Any) -> str:
    """A value from the file, cut short, on one line (text quoted)."""
    return repr(_short(value)) if isinstance(value, str) else _short(value)


@dataclass(frozen=True, slots=True)
class Profile:
    sector: str = "general"
    size: str = ""
    default_tier: int | None = None

    @property
    def tier(self) -> int:
        """The tier of what the asset map does not name: the profile's ``default_tier``, else the
        sector's default moved by the size (``SIZE_TIER_SHIFT``, essential sectors only)."""
        if self.default_tier is not None:
            return self.default_tier
        return SECTOR_TIER[self.sector] + self._size_shift

    @property
    def _size_shift(self) -> int:
        return SIZE_TIER_SHIFT.get(self.size, 0) if self.sector in ESSENTIAL_SECTORS else 0

    @property
    def tier_source(self) -> str:
        if self.default_tier is not None:
            return "the profile's default tier"
        if self._size_shift:
            return f"sector default ({self.sector}, {_SIZE_REASON[self.size]})"
        return f"sector default ({self.sector})"


@dataclass(frozen=True, slots=True)
class Traits:
    """What one entry sets; None where it says nothing (the repository's entry, or inference, decides)."""

    exposure: Exposure | None = None
    data: tuple[DataKind, ...] | None = None
    tier: int | None = None


@dataclass(frozen=True, slots=True)
class PathEntry:
    glob: str
    traits: Traits


@dataclass(frozen=True, slots=True)
class RepoEntry:
    pattern: str
    host: str | None
    traits: Traits
    paths: tuple[PathEntry, ...] = ()

    def matches(self, host: str, repo: str) -> bool:
        return (self.host is None or self.host == host.lower()) and glob_match(self.pattern, repo)


@dataclass(frozen=True, slots=True)
class AssetMap:
    """The organisation's repositories and paths; the first entry that matches wins (file order)."""

    profile: Profile = Profile()
    entries: tuple[RepoEntry, ...] = ()

    def asset(self, host: str, repo: str, path: str) -> Asset:
        """What the map says about ``path`` of ``repo``; ``exposure`` is UNKNOWN (and
        ``exposure_source`` empty) where the map is silent, for inference to fill in."""
        entry = next((e for e in self.entries if e.matches(host, repo)), None)
        if entry is None:
            return Asset(tier=self.profile.tier, tier_source=self.profile.tier_source)
        sub = next((p for p in entry.paths if glob_match(p.glob, path)), None)
        name = entry.pattern if sub is None else f"{entry.pattern}:{sub.glob}"
        traits = [t for t in (sub.traits if sub else None, entry.traits) if t is not None]
        exposure = next((t.exposure for t in traits if t.exposure is not None), None)
        data = next((t.data for t in traits if t.data is not None), ())
        tier = next((t.tier for t in traits if t.tier is not None), None)
        return Asset(
            exposure=exposure or Exposure.UNKNOWN,
            data=data,
            tier=tier if tier is not None else self.profile.tier,
            name=name,
            exposure_source=f"asset map: {name}" if exposure else "",
            tier_source=f"asset map: {name}" if tier is not None else self.profile.tier_source,
        )


def parse_profile(raw: Any, problems: list[str]) -> Profile:
    if raw is None:
        return Profile()
    if not isinstance(raw, dict):
        problems.append("profile: must be a mapping (sector, size, default_tier)")
        return Profile()
    for key in raw:
        if key not in _PROFILE_KEYS:
            problems.append(
                f"profile.{_short(key)}: unknown key (allowed: {', '.join(sorted(_PROFILE_KEYS))})"
            )
    sector = raw.get("sector", "general")
    if sector not in SECTORS:
        problems.append(f"profile.sector: {_shown(sector)} is not allowed (allowed: {', '.join(SECTORS)})")
        sector = "general"
    size = raw.get("size", "")
    if size != "" and size not in SIZES:
        problems.append(f"profile.size: {_shown(size)} is not allowed (allowed: {', '.join(SIZES)})")
        size = ""
    tier = _tier(raw["default_tier"], "profile.default_tier", problems) if "default_tier" in raw else None
    return Profile(str(sector), str(size), tier)


def parse_assets(raw: Any, profile: Profile, problems: list[str]) -> AssetMap:
    if raw is None:
        return AssetMap(profile)
    if not isinstance(raw, list):
        problems.append(
            "assets: must be a list of repositories, e.g. [{repo: acme/payments, exposure: internet}]"
        )
        return AssetMap(profile)
    if len(raw) > MAX_ASSETS:
        problems.append(f"assets: at most {MAX_ASSETS} repositories")
        return AssetMap(profile)
    entries = [_repo_entry(item, f"assets[{i}]", problems) for i, item in enumerate(raw)]
    return AssetMap(profile, tuple(e for e in entries if e is not None))


def _repo_entry(item: Any, key: str, problems: list[str]) -> RepoEntry | None:
    if not isinstance(item, dict):
        problems.append(f"{key}: must be a mapping with at least `repo`")
        return None
    _unknown(item, _ASSET_KEYS, key, problems)
    repo = item.get("repo")
    host: str | None = None
    if not isinstance(repo, str):
        problems.append(
            f"{key}.repo: missing or not text (owner/name, a glob such as acme/*, or github:owner/name)"
        )
        return None
    prefix, sep, rest = repo.partition(":")
    if sep:
        if prefix.lower() not in HOSTS:
            problems.append(f"{key}.repo: {_shown(repo)}: the host before ':' must be github or gitlab")
            return None
        host, repo = prefix.lower(), rest
    why = glob_problem(repo)
    if why is not None:
        problems.append(f"{key}.repo: {_shown(repo)} is not a repository name or glob ({why})")
        return None
    traits = _traits(item, key, problems)
    paths_raw = item.get("paths", [])
    paths: list[PathEntry] = []
    if not isinstance(paths_raw, list):
        problems.append(f"{key}.paths: must be a list of {{glob: PATTERN, ...}} entries")
    elif len(paths_raw) > MAX_PATHS:
        problems.append(f"{key}.paths: at most {MAX_PATHS} entries")
    else:
        for j, sub in enumerate(paths_raw):
            entry = _path_entry(sub, f"{key}.paths[{j}]", problems)
            if entry is not None:
                paths.append(entry)
    return RepoEntry(repo, host, traits, tuple(paths))


def _path_entry(item: Any, key: str, problems: list[str]) -> PathEntry | None:
    if not isinstance(item, dict):
        problems.append(f"{key}: must be a mapping with at least `glob`")
        return None
    _unknown(item, _PATH_KEYS, key, problems)
    glob = item.get("glob")
    if not isinstance(glob, str):
        problems.append(f"{key}.glob: missing or not text (a path glob such as app/** or *.tf)")
        return None
    why = glob_problem(glob)
    if why is not None:
        problems.append(f"{key}.glob: {_shown(glob)} is not a path glob ({why})")
        return None
    return PathEntry(glob, _traits(item, key, problems))


def _traits(item: Mapping[str, Any], key: str, problems: list[str]) -> Traits:
    exposure = None
    if "exposure" in item:
        raw = item["exposure"]
        exposure = _EXPOSURE_ALIASES.get(str(raw).lower()) if isinstance(raw, str) else None
        if exposure is None and raw in EXPOSURES:
            exposure = Exposure(raw)
        if exposure is None:
            problems.append(
                f"{key}.exposure: {_shown(raw)} is not allowed "
                f"(allowed: {', '.join(EXPOSURES)}; ot = isolated)"
            )
    data = None
    if "data" in item:
        raw = item["data"]
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            problems.append(f"{key}.data: must be a list (allowed: {', '.join(DATA_KINDS)})")
        else:
            bad = [d for d in raw if d not in DATA_KINDS]
            for d in bad:
                problems.append(f"{key}.data: {_shown(d)} is not allowed (allowed: {', '.join(DATA_KINDS)})")
            if not bad:
                data = tuple(dict.fromkeys(DataKind(d) for d in raw))
    tier = _tier(item["tier"], f"{key}.tier", problems) if "tier" in item else None
    return Traits(exposure, data, tier)


def _tier(raw: Any, key: str, problems: list[str]) -> int | None:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 4:
        problems.append(f"{key}: {_shown(raw)} is not allowed (allowed: 1, 2, 3, 4; 1 is the most critical)")
        return None
    return raw


def _unknown(item: Mapping[Any, Any], allowed: set[str], key: str, problems: list[str]) -> None:
    for name in item:
        if name not in allowed:
            problems.append(f"{key}.{_short(name)}: unknown key (allowed: {', '.join(sorted(allowed))})")


__all__ = ["DEFAULT_TIER", "AssetMap", "Profile", "parse_assets", "parse_profile"]
