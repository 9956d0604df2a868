"""Query-string filters shared by the dashboard pages, the JSON API and the exports: parsed into a
bot.store ``AdvisoryQuery``; a bad value raises ``BadParameter`` naming the parameter.

Pure (no Flask request access; takes a MultiDict). Must not import openai, PyGithub or python-gitlab.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.core.models import Severity
from bot.core.risk import Exposure
from bot.errors import InputError
from bot.store import AdvisoryQuery, Sort, State
from bot.store.query import MAX_LIMIT

PAGE_SIZE = 50
PARAMETERS = (
    "repo",
    "host",
    "severity",
    "min_severity",
    "state",
    "cwe",
    "category",
    "min_age",
    "max_age",
    "merged_while_open",
    "overdue",
    "exposure",
    "asset",
    "pr",
    "origin",
    "sort",
    "limit",
    "cursor",
    "start",
)
ACTIVE, ANY = "active", "any"
STATE_VALUES = (ACTIVE, ANY, *(s.value for s in State))
_CWE = re.compile(r"(?:CWE-)?(\d{1,5})", re.IGNORECASE)
_REPO = re.compile(r"[\w.\-]+(?:/[\w.\-]+)+")
EXPOSURE_VALUES = tuple(e.value for e in Exposure)
NO_ASSET = "none"
"""``asset=none``: advisories in no asset map entry."""
MAX_ASSET = 300
_BOOL = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


class BadParameter(InputError):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


class Args(Protocol):
    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class View:
    """The parsed query plus what the page needs to echo it back (form values, link building)."""

    query: AdvisoryQuery
    params: tuple[tuple[str, str], ...]
    """The normalised filter parameters (no cursor/start), for links that keep the view."""
    start: int


def _values(args: Args, name: str) -> list[str]:
    out: list[str] = []
    for raw in args.getlist(name):
        out.extend(v.strip() for v in raw.split(",") if v.strip())
    return out


def _one(args: Args, name: str) -> str | None:
    values = _values(args, name)
    if len(values) > 1:
        raise BadParameter(name, "give it once")
    return values[0] if values else None


MAX_AGE_DAYS = 36_500  # a century: anything larger is a typo, and would overflow date arithmetic


def _whole(args: Args, name: str, *, low: int = 0, high: int | None = None) -> int | None:
    text = _one(args, name)
    if text is None:
        return None
    if not re.fullmatch(r"[0-9]{1,12}", text):
        raise BadParameter(name, f"{text[:20]!r} is not a whole number")
    value = int(text)
    if value < low or (high is not None and value > high):
        raise BadParameter(name, f"must be between {low} and {high}" if high else f"must be {low} or more")
    return value


def _flag(args: Args, name: str) -> bool | None:
    text = _one(args, name)
    if text is None or text.lower() == ANY:
        return None
    if text.lower() not in _BOOL:
        raise BadParameter(name, f"{text[:20]!r} is not true or false")
    return _BOOL[text.lower()]


def _severities(args: Args, name: str) -> list[Severity]:
    try:
        return [Severity.parse(v) for v in _values(args, name)]
    except ValueError as exc:
        raise BadParameter(name, str(exc)) from None


def parse_view(args: Args, *, max_limit: int = MAX_LIMIT) -> View:
    """The filters in ``args`` (repeat a parameter or separate values with commas for OR)."""
    repos = _values(args, "repo")
    for repo in repos:
        if not _REPO.fullmatch(repo):
            raise BadParameter("repo", f"{repo[:60]!r} is not owner/name")
    host = _one(args, "host")
    if host not in (None, "github", "gitlab"):
        raise BadParameter("host", "must be github or gitlab")
    states = [s.lower() for s in _values(args, "state")] or [ACTIVE]
    for state in states:
        if state not in STATE_VALUES:
            raise BadParameter("state", f"{state[:20]!r} is not one of {', '.join(STATE_VALUES)}")
    cwes = []
    for cwe in _values(args, "cwe"):
        match = _CWE.fullmatch(cwe)
        if not match:
            raise BadParameter("cwe", f"{cwe[:20]!r} is not a CWE id such as CWE-89")
        cwes.append(f"CWE-{match.group(1)}")
    categories = _values(args, "category")
    min_sev = _severities(args, "min_severity")
    if len(min_sev) > 1:
        raise BadParameter("min_severity", "give it once")
    sort_text = _one(args, "sort") or Sort.RISK.value
    try:
        sort = Sort(sort_text)
    except ValueError:
        raise BadParameter("sort", f"must be one of {', '.join(s.value for s in Sort)}") from None
    limit = _whole(args, "limit", low=1, high=max_limit) or PAGE_SIZE
    min_age = _whole(args, "min_age", high=MAX_AGE_DAYS)
    max_age = _whole(args, "max_age", high=MAX_AGE_DAYS)
    if min_age is not None and max_age is not None and min_age > max_age:
        raise BadParameter("min_age", "must not be more than max_age")
    any_state = ANY in states
    origin = _one(args, "origin")
    if origin not in (None, "baseline", "review"):
        raise BadParameter("origin", "must be baseline or review")
    exposures, assets = _placement(args)
    query = AdvisoryQuery(
        repos=tuple(repos),
        host=host,
        severities=tuple(_severities(args, "severity")),
        min_severity=min_sev[0] if min_sev else None,
        states=() if any_state else tuple(State(s) for s in states if s != ACTIVE),
        open_only=not any_state and ACTIVE in states,
        cwes=tuple(cwes),
        categories=tuple(categories),
        min_age_days=min_age,
        max_age_days=max_age,
        merged_while_open=_flag(args, "merged_while_open"),
        overdue=_flag(args, "overdue"),
        exposures=exposures,
        assets=tuple("" if a == NO_ASSET else a for a in assets),
        pr=_whole(args, "pr", low=1, high=2**31 - 1),
        origin=origin,
        sort=sort,
        limit=limit,
        after=_one(args, "cursor"),
    )
    params: list[tuple[str, str]] = [("repo", r) for r in repos]
    params += [("host", host)] if host else []
    params += [("severity", s.label) for s in query.severities]
    params += [("min_severity", min_sev[0].label)] if min_sev else []
    params += [("state", s) for s in states]
    params += [("cwe", c) for c in cwes] + [("category", c) for c in categories]
    params += [(k, str(v)) for k, v in (("min_age", min_age), ("max_age", max_age)) if v is not None]
    for name in ("merged_while_open", "overdue"):
        flag = getattr(query, name)
        params += [(name, "true" if flag else "false")] if flag is not None else []
    params += [("exposure", e) for e in exposures] + [("asset", a) for a in assets]
    params += [("pr", str(query.pr))] if query.pr is not None else []
    params += [("origin", origin)] if origin else []
    params += [("sort", sort.value)] + ([("limit", str(limit))] if limit != PAGE_SIZE else [])
    return View(query, tuple(params), _whole(args, "start", high=10**9) or 0)


def _placement(args: Args) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``exposure`` and ``asset``: where the advisories sit (bot.core.risk, the asset map)."""
    exposures = tuple(e.lower() for e in _values(args, "exposure"))
    for exposure in exposures:
        if exposure not in EXPOSURE_VALUES:
            raise BadParameter("exposure", f"{exposure[:20]!r} is not one of {', '.join(EXPOSURE_VALUES)}")
    assets = tuple(_values(args, "asset"))
    for asset in assets:
        if len(asset) > MAX_ASSET or not asset.isprintable():
            raise BadParameter("asset", f"must be printable text of {MAX_ASSET} characters or less")
    return exposures, assets


def selected(params: Iterable[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in params if k == name]


def as_dict(params: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """For url_for(**...): repeated parameters become lists."""
    out: dict[str, Any] = {}
    for k, v in params:
        out.setdefault(k, []).append(v)
    return out
