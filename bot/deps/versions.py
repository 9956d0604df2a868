"""Versions compared in each ecosystem's own ordering (PEP 440, SemVer, Go modules, Maven, RubyGems),
through ``univers``; never as strings. An unparseable version is ``None``: it matches no range.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from univers import versions as uv

# OSV ecosystem names -> univers version classes
_CLASSES: dict[str, Callable[[str], Any]] = {
    "PyPI": uv.PypiVersion,
    "npm": uv.SemverVersion,
    "crates.io": uv.SemverVersion,
    "Go": uv.GolangVersion,
    "Maven": uv.MavenVersion,
    "RubyGems": uv.RubygemsVersion,
}
ECOSYSTEMS = tuple(_CLASSES)
MAX_VERSION_LENGTH = 128


def parse_version(ecosystem: str, text: str) -> Any | None:
    """The comparable version, or None when ``text`` is not a version of that ecosystem."""
    make = _CLASSES.get(ecosystem)
    text = text.strip()
    if make is None or not text or len(text) > MAX_VERSION_LENGTH:
        return None
    if ecosystem == "Go" and not text.startswith("v"):
        text = "v" + text
    if ecosystem in ("npm", "crates.io"):
        text = text.removeprefix("v")
    try:
        return make(text)
    except (ValueError, TypeError, AttributeError, IndexError):
        return None


def same_major(ecosystem: str, a: str, b: str) -> bool:
    """Whether ``b`` is in ``a``'s major line (``1.x``; for ``0.x``, the same minor, as SemVer does)."""

    def head(text: str) -> tuple[str, ...]:
        parts = text.removeprefix("v").split(".")
        return tuple(parts[:2]) if parts[0] == "0" and len(parts) > 1 else tuple(parts[:1])

    return head(a) == head(b)
