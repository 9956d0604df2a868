"""Insecure settings flipped back to their safe value, on the flagged line only (issue 12).

Each rule is a literal spelling of one insecure option in one language and the safe spelling that
replaces it, for one finding class: TLS verification turned off (Python ``ssl`` ``check_hostname``/
``CERT_NONE``, ``requests`` ``verify=False``, Ruby ``VERIFY_NONE``, Node ``rejectUnauthorized``), XML
external entities (lxml ``resolve_entities``/``no_network``, libxmljs ``noent``), js-yaml's full schema
and Ruby ``YAML.load``, and CORS that sends credentials to any origin (the credentials are dropped;
naming the allowed origins is left to the steps). Java XML parser factories get the feature that
refuses DOCTYPEs (or DTD support off) on the line after their creation.

The patterns are fixed strings with optional spaces (no nested quantifiers: linear on untrusted text).
Nothing else on the line changes, so indentation and behaviour beyond the flaw stay as they were; the
pipeline then verifies the result by re-scanning. Pure: text in, text out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.fixers.edits import Edit, indent_of, to_finding
from bot.analysis.fixers.rewrite import suggest
from bot.core.models import Finding, SourceFile

_PY = frozenset({"python"})
_JS = frozenset({"javascript", "typescript"})
_RB = frozenset({"ruby"})


@dataclass(frozen=True, slots=True)
class _Flip:
    languages: frozenset[str]
    category: str
    pattern: re.Pattern[str]
    safe: str
    step: str
    only_if: re.Pattern[str] | None = None  # the line must also match this (else the setting is fine)


def _flip(  # noqa: PLR0917 - one table row
    languages: frozenset[str], category: str, pattern: str, safe: str, step: str, only_if: str | None = None
) -> _Flip:
    return _Flip(
        languages, category, re.compile(pattern), safe, step, re.compile(only_if) if only_if else None
    )


# CORS credentials are only a flaw with any origin: '*', reflected (true), or none named (the default '*')
_ANY_ORIGIN_PY = r"\borigins *= *['\"]\*['\"]|^(?:[^o]|o(?!rigins))*$"
_ANY_ORIGIN_JS = r"\borigin *: *(?:true\b|['\"]\*['\"])"


_TLS_STEP = "If the peer uses a private CA, trust that CA explicitly instead of turning verification off."
_FLIPS = (
    _flip(_PY, "tls-verification", r"\bverify *= *False\b", "verify=True", _TLS_STEP),
    _flip(_PY, "tls-verification", r"(\.check_hostname *= *)False\b", r"\1True", _TLS_STEP),
    _flip(_PY, "tls-verification", r"\bssl\.CERT_NONE\b", "ssl.CERT_REQUIRED", _TLS_STEP),
    _flip(
        _PY,
        "tls-verification",
        r"\bssl\._create_unverified_context\(\)",
        "ssl.create_default_context()",
        _TLS_STEP,
    ),
    _flip(_RB, "tls-verification", r"\bOpenSSL::SSL::VERIFY_NONE\b", "OpenSSL::SSL::VERIFY_PEER", _TLS_STEP),
    _flip(_JS, "tls-verification", r"(\brejectUnauthorized *: *)false\b", r"\1true", _TLS_STEP),
    _flip(
        _PY,
        "xxe",
        r"(\bresolve_entities *= *)True\b",
        r"\1False",
        "Entities are no longer expanded; documents that relied on internal entities need them inlined.",
    ),
    _flip(_PY, "xxe", r"(\bno_network *= *)False\b", r"\1True", "The parser no longer fetches anything."),
    _flip(
        _JS,
        "xxe",
        r"(\bnoent *: *)true\b",
        r"\1false",
        "libxmljs no longer substitutes entities, so external ones cannot be read.",
    ),
    _flip(
        _JS,
        "deserialization",
        r"\.DEFAULT_FULL_SCHEMA\b",
        ".DEFAULT_SAFE_SCHEMA",
        "The safe schema refuses !!js/function and other tags that build code from the document.",
    ),
    _flip(
        _RB,
        "deserialization",
        r"\bYAML\.(?:unsafe_)?load\(",
        "YAML.safe_load(",
        "`YAML.safe_load` builds only plain data; pass `permitted_classes:` for any class it must allow.",
    ),
    _flip(
        _PY,
        "permissive-cors",
        r", *supports_credentials *= *True\b",
        "",
        "Credentials are no longer sent cross-origin; if they must be, name the allowed origins, not '*'.",
        _ANY_ORIGIN_PY,
    ),
    _flip(
        _JS,
        "permissive-cors",
        r", *credentials *: *true\b",
        "",
        "Credentials are no longer sent cross-origin; if they must be, list the allowed origins in `origin`.",
        _ANY_ORIGIN_JS,
    ),
)

_JAVA_FACTORY = re.compile(r"^[ \t]*(?:final +)?(DocumentBuilderFactory|XMLInputFactory) +(\w+) *= *\1\.new")
_JAVA_HARDEN = {
    "DocumentBuilderFactory": '{v}.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);',
    "XMLInputFactory": "{v}.setProperty(XMLInputFactory.SUPPORT_DTD, false);",
}


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.replacement is not None:
        return None
    if sf.language == "java" and finding.category == "xxe":
        return _java_factory(finding, sf)
    lines = sf.text.splitlines()
    for n in range(finding.start_line, min(finding.end_line, len(lines)) + 1):
        row = lines[n - 1]
        edits, steps = [], []
        for flip in _FLIPS:  # every insecure option of the class on the line (lxml: entities and network)
            if sf.language not in flip.languages or flip.category != finding.category:
                continue
            match = flip.pattern.search(row)
            if match is None or (flip.only_if is not None and flip.only_if.search(row) is None):
                continue
            edits.append(Edit(n, match.start(), match.end(), match.expand(flip.safe)))
            steps.append(flip.step)
        if edits:
            return to_finding(finding, sf, edits, steps)
    return None


def _java_factory(finding: Finding, sf: SourceFile) -> Finding | None:
    """The parser factory this finding uses (the one created above it, in the same method) hardened on the
    line after its creation, unless a feature or property is already set on it."""
    lines = sf.text.splitlines()
    created = None
    for n in range(min(finding.start_line, len(lines)), 0, -1):
        match = _JAVA_FACTORY.match(lines[n - 1])
        if match is not None:
            created = (n, match.group(1), match.group(2))
            break
        if lines[n - 1].strip().startswith(("public ", "private ", "protected ")):
            return None  # a method boundary: the factory comes from elsewhere
    if created is None:
        return None
    at, kind, var = created
    if any(f"{var}.setFeature(" in r or f"{var}.setProperty(" in r for r in lines):
        return None  # already configured somewhere: not a shape this fixer can reason about
    added = indent_of(lines[at - 1]) + _JAVA_HARDEN[kind].format(v=var)
    new = [*lines[:at], added, *lines[at:]]
    text = "\n".join(new) + ("\n" if sf.text.endswith("\n") else "")
    return suggest(
        finding, sf, text, ["The parser now refuses DOCTYPE declarations, so no external entity is resolved."]
    )
