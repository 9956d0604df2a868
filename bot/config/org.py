"""The organisation file: who the security team is, the SLA (days) per severity, and the profile
and asset map that ranking reads (bot.config.assets).

Read once from the YAML file named by REMEDIATOR_ORG_CONFIG; every problem is reported with the
key that causes it (ConfigError). Imports only the standard library, PyYAML and bot.core/bot.errors.

    security_team: [github:alice, gitlab:bob]   # host:login pairs allowed to accept risks
    sla_days: {critical: 7, high: 30, medium: 90, low: 180}
    profile: {sector: transport, size: large}
    assets: [{repo: acme/payments, exposure: internet, data: [payment], tier: 1}]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.config.assets import AssetMap, parse_assets, parse_profile
from bot.config.repo import refuse_shape
from bot.core.models import DEFAULT_SLA_DAYS, Severity
from bot.errors import ConfigError

_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98})(?:\[bot\])?")
_KEYS = {"version", "security_team", "sla_days", "profile", "assets"}
MAX_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
HOSTS = ("github", "gitlab")


@dataclass(frozen=True, slots=True)
class OrgConfig:
    security_team: frozenset[tuple[str, str]] = frozenset()
    """(host, lower-cased login) pairs: GitLab's ``alice`` is not GitHub's ``alice``."""
    sla_days: Mapping[Severity, int] = field(default_factory=lambda: dict(DEFAULT_SLA_DAYS))
    assets: AssetMap = field(default_factory=AssetMap)
    """The profile (sector, size) and the asset map: where each repository and path is exposed."""

    def in_security_team(self, host: str, login: str) -> bool:
        return (host.lower(), login.lower()) in self.security_team


def parse_org_config(text: str, source: str = "org config") -> OrgConfig:
    """Validate ``text``; raises ConfigError listing every problem with its key."""
    if len(text) > MAX_BYTES:
        raise ConfigError(f"{source}: larger than {MAX_BYTES} bytes")
    try:
        refused = refuse_shape(text, max_nodes=MAX_NODES)
        if refused is not None:
            raise ConfigError(f"{source}: {refused}")
        data: Any = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the top level must be a mapping of keys")
    problems = [
        f"{key}: unknown key (expected one of {', '.join(sorted(_KEYS))})" for key in data if key not in _KEYS
    ]
    if data.get("version", 1) != 1:
        problems.append("version: must be 1")
    team = _team(data.get("security_team", []), problems)
    sla = _sla(data.get("sla_days", {}), problems)
    assets = parse_assets(data.get("assets"), parse_profile(data.get("profile"), problems), problems)
    if problems:
        raise ConfigError(f"{source}: " + "; ".join(str(p) for p in problems))
    return OrgConfig(team, sla, assets)


def _team(raw: Any, problems: list[str]) -> frozenset[tuple[str, str]]:
    if not isinstance(raw, list):
        problems.append("security_team: must be a list of host:login pairs, e.g. [github:alice, gitlab:bob]")
        return frozenset()
    out = set()
    for i, item in enumerate(raw):
        host, sep, login = str(item).strip().partition(":")
        login = login.strip().lstrip("@")
        if not isinstance(item, str) or not sep or host.lower() not in HOSTS or not _LOGIN.fullmatch(login):
            problems.append(
                f"security_team[{i}]: {str(item)[:40]!r} is not a host:login pair "
                "(github:alice or gitlab:alice; a login means nothing without its host)"
            )
        else:
            out.add((host.lower(), login.lower()))
    return frozenset(out)


def _sla(raw: Any, problems: list[str]) -> dict[Severity, int]:
    sla = dict(DEFAULT_SLA_DAYS)
    if not isinstance(raw, dict):
        problems.append("sla_days: must be a mapping of severity to days, e.g. {critical: 7}")
        return sla
    for key, value in raw.items():
        try:
            severity = Severity.parse(str(key))
        except ValueError:
            problems.append(f"sla_days.{key}: unknown severity (expected low, medium, high or critical)")
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3650:
            problems.append(f"sla_days.{key}: must be a whole number of days between 1 and 3650")
            continue
        sla[severity] = value
    return sla


def load_org_config(path: str) -> OrgConfig:
    """The org config at ``path``, or the defaults when ``path`` is empty."""
    if not path:
        return OrgConfig()
    file = Path(path).expanduser()
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"REMEDIATOR_ORG_CONFIG={path}: cannot read it ({exc.strerror})") from None
    return parse_org_config(text, f"REMEDIATOR_ORG_CONFIG={path}")
