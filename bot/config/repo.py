"""``.remediator.yml``: the per-repository configuration, read from the default branch only.

A change can never switch the bot off: the file is read at the default branch, not the PR head.
Invalid files produce ``RepoConfigError`` values naming the key and the problem; the review then
runs on defaults.

    version: 1
    paths:
      ignore: ["docs/**", "**/fixtures/**"]
    review:
      min_severity: low            # inline threshold: low | medium | high | critical
      min_confidence: medium       # low | medium | high
      max_inline_comments: 25
      drafts: false                # review draft pull requests too
    check:
      fail_on: high                # failing conclusion at/above this severity, or "never"
      partial: neutral             # conclusion of a partial review without failing findings
    llm:
      exclude: [denial-of-service, rate-limiting]   # noise classes the LLM review drops (default: all)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.core.models import Confidence, Severity
from bot.core.taxonomy import NOISE_CLASSES

FILE_NAME = ".remediator.yml"
_MAX_BYTES = 64 * 1024
MAX_NODES = 2_000
"""Keys, values and list items in the file, counted while parsing, before anything is built."""
MAX_TEXT = 500
"""Longest key or value (a glob pattern is far shorter)."""
MAX_PATTERNS = 200
MAX_DEPTH = 20
"""Deepest nesting of ``[``/``{`` collections (PyYAML scans in time quadratic in it: 10,000 ``[``: 12 s)."""
_SHOWN = 60
"""Characters of a key or value echoed in an error (the file is the repository's, shown in a comment)."""


def shown(value: Any) -> str:
    """At most ``_SHOWN`` characters of an untrusted key or value, on one line, without backticks."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text[: _SHOWN * 4].split()).replace("`", "'")
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def shown_value(value: Any) -> str:
    """``shown`` with quotes around text, as ``repr`` would write it."""
    return f"'{shown(value)}'" if isinstance(value, str) else shown(value)


@dataclass(frozen=True, slots=True)
class RepoConfigError:
    key: str
    problem: str

    def __str__(self) -> str:
        return f"`{shown(self.key)}`: {self.problem}"


@dataclass(frozen=True, slots=True)
class RepoConfig:
    ignore_paths: tuple[str, ...] = ()
    min_severity: Severity | None = None
    min_confidence: Confidence | None = None
    max_inline_comments: int | None = None
    review_drafts: bool = False
    fail_on: Severity | None = Severity.HIGH
    partial_conclusion: str = "neutral"
    llm_exclude: tuple[str, ...] | None = None
    """Noise classes the LLM review drops (``bot.core.taxonomy.NOISE_CLASSES``); None: all of them."""
    errors: tuple[RepoConfigError, ...] = field(default=())


_SCHEMA: dict[str, set[str]] = {
    "": {"version", "paths", "review", "check", "llm"},
    "llm": {"exclude"},
    "paths": {"ignore"},
    "review": {"min_severity", "min_confidence", "max_inline_comments", "drafts"},
    "check": {"fail_on", "partial"},
}


def parse_repo_config(data: bytes | None) -> RepoConfig:
    """The configuration in ``data`` (None: no file). Never raises for bad content."""
    doc = _load(data)
    if isinstance(doc, RepoConfig):
        return doc
    errors: list[RepoConfigError] = []
    _unknown_keys(doc, "", errors)
    version = doc.get("version", 1)
    if version != 1:
        errors.append(RepoConfigError("version", f"must be 1, not {shown_value(version)}"))
    values: dict[str, Any] = {}
    _read_paths(_section(doc, "paths", errors), values, errors)
    _read_review(_section(doc, "review", errors), values, errors)
    _read_check(_section(doc, "check", errors), values, errors)
    _read_llm(_section(doc, "llm", errors), values, errors)
    if errors:
        return RepoConfig(errors=tuple(errors))
    return RepoConfig(**values)


def _load(data: bytes | None) -> Mapping[str, Any] | RepoConfig:
    """The YAML mapping in ``data``, or the ``RepoConfig`` to answer when there is none to read."""
    if data is None:
        return RepoConfig()
    if len(data) > _MAX_BYTES:
        return RepoConfig(errors=(RepoConfigError(FILE_NAME, f"larger than {_MAX_BYTES} bytes"),))
    try:
        text = data.decode("utf-8")
        refused = refuse_shape(text)
        if refused is not None:
            return RepoConfig(errors=(RepoConfigError(FILE_NAME, refused),))
        doc = yaml.safe_load(text)
    except UnicodeDecodeError:
        return RepoConfig(errors=(RepoConfigError(FILE_NAME, "is not UTF-8 text"),))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        return RepoConfig(errors=(RepoConfigError(FILE_NAME, f"is not valid YAML{where}"),))
    if doc is None:
        return RepoConfig()
    if not isinstance(doc, Mapping):
        return RepoConfig(errors=(RepoConfigError(FILE_NAME, "must be a mapping of keys"),))
    return doc


def _read_paths(paths: Mapping[str, Any], values: dict[str, Any], errors: list[RepoConfigError]) -> None:
    ignore = paths.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(p, str) and p for p in ignore):
        errors.append(RepoConfigError("paths.ignore", "must be a list of glob patterns (strings)"))
    elif len(ignore) > MAX_PATTERNS:
        errors.append(RepoConfigError("paths.ignore", f"at most {MAX_PATTERNS} patterns"))
    else:
        values["ignore_paths"] = tuple(ignore)


def _read_review(review: Mapping[str, Any], values: dict[str, Any], errors: list[RepoConfigError]) -> None:
    if "min_severity" in review:
        values["min_severity"] = _level(review["min_severity"], Severity, "review.min_severity", errors)
    if "min_confidence" in review:
        values["min_confidence"] = _level(
            review["min_confidence"], Confidence, "review.min_confidence", errors
        )
    if "max_inline_comments" in review:
        cap = review["max_inline_comments"]
        if isinstance(cap, bool) or not isinstance(cap, int) or not 0 <= cap <= 200:
            errors.append(
                RepoConfigError("review.max_inline_comments", "must be a whole number from 0 to 200")
            )
        else:
            values["max_inline_comments"] = cap
    if "drafts" in review:
        if not isinstance(review["drafts"], bool):
            errors.append(RepoConfigError("review.drafts", "must be true or false"))
        else:
            values["review_drafts"] = review["drafts"]


def _read_check(check: Mapping[str, Any], values: dict[str, Any], errors: list[RepoConfigError]) -> None:
    if "fail_on" in check:
        raw = check["fail_on"]
        if raw == "never":
            values["fail_on"] = None
        else:
            level = _level(raw, Severity, "check.fail_on", errors, extra="or never")
            if level is not None:
                values["fail_on"] = level
    if "partial" in check:
        if check["partial"] not in {"neutral", "failure", "success"}:
            errors.append(RepoConfigError("check.partial", "must be neutral, failure or success"))
        else:
            values["partial_conclusion"] = check["partial"]


def _read_llm(llm: Mapping[str, Any], values: dict[str, Any], errors: list[RepoConfigError]) -> None:
    if "exclude" not in llm:
        return
    exclude = llm["exclude"]
    known = ", ".join(NOISE_CLASSES)
    if not isinstance(exclude, list) or not all(isinstance(c, str) for c in exclude):
        errors.append(RepoConfigError("llm.exclude", f"must be a list of class names ({known})"))
    elif unknown := [c for c in exclude if c not in NOISE_CLASSES]:
        errors.append(
            RepoConfigError("llm.exclude", f"unknown class {shown_value(unknown[0])} (known: {known})")
        )
    else:
        values["llm_exclude"] = tuple(exclude)


def refuse_shape(text: str, *, max_nodes: int = MAX_NODES) -> str | None:
    """Why the YAML's shape is refused before it is built, or None. Aliases (``*name``) are refused:
    expanding them is how a few hundred bytes become gigabytes; the number of nodes and the length
    of every key and value are capped. Reading the event stream is linear in the file's size."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    if deepest > MAX_DEPTH:
        return f"nests `[` or `{{` deeper than {MAX_DEPTH} levels"
    nodes = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            return "uses a YAML alias (`*name`); aliases are not allowed here"
        if isinstance(event, yaml.ScalarEvent | yaml.MappingStartEvent | yaml.SequenceStartEvent):
            nodes += 1
            if nodes > max_nodes:
                return f"has more than {max_nodes} keys and values"
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_TEXT:
            return f"has a key or value longer than {MAX_TEXT} characters"
    return None


def _unknown_keys(doc: Mapping[str, Any], prefix: str, errors: list[RepoConfigError]) -> None:
    allowed = _SCHEMA[prefix]
    for key in doc:
        name = f"{prefix}.{key}" if prefix else str(key)
        if key not in allowed:
            errors.append(RepoConfigError(name, f"unknown key (allowed: {', '.join(sorted(allowed))})"))


def _section(doc: Mapping[str, Any], name: str, errors: list[RepoConfigError]) -> Mapping[str, Any]:
    value = doc.get(name)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        errors.append(RepoConfigError(name, "must be a mapping"))
        return {}
    _unknown_keys(value, name, errors)
    return value


def _level(
    raw: Any,
    kind: type[Severity] | type[Confidence],
    key: str,
    errors: list[RepoConfigError],
    extra: str = "",
) -> Any:
    try:
        return kind.parse(str(raw))
    except ValueError:
        names = ", ".join(m.name.lower() for m in kind)
        errors.append(
            RepoConfigError(
                key, f"must be one of {names}{' ' + extra if extra else ''}, not {shown_value(raw)}"
            )
        )
        return None
