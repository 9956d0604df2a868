"""The categories of security flaw Remediator knows, with their default CWE and title.

Pure data: imports only the standard library. Rules, the LLM schema and the corpus all name
categories from this table, so that metrics and filters speak one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    """One class of flaw: a stable id, a human title and the CWE it maps to by default."""

    id: str
    title: str
    cwe: str


_CATEGORIES = (
    Category("sql-injection", "SQL injection", "CWE-89"),
    Category("nosql-injection", "NoSQL injection", "CWE-943"),
    Category("ldap-injection", "LDAP injection", "CWE-90"),
    Category("xpath-injection", "XPath injection", "CWE-643"),
    Category("command-injection", "OS command injection", "CWE-78"),
    Category("code-injection", "Code or template injection", "CWE-94"),
    Category("template-injection", "Server-side template injection", "CWE-1336"),
    Category("path-traversal", "Path traversal", "CWE-22"),
    Category("deserialization", "Unsafe deserialization", "CWE-502"),
    Category("xxe", "XML external entity expansion", "CWE-611"),
    Category("ssrf", "Server-side request forgery", "CWE-918"),
    Category("open-redirect", "Open redirect", "CWE-601"),
    Category("xss", "Cross-site scripting", "CWE-79"),
    Category("weak-crypto", "Weak hashing or cipher", "CWE-327"),
    Category("insecure-randomness", "Insecure randomness for secrets", "CWE-338"),
    Category("tls-verification", "TLS verification disabled", "CWE-295"),
    Category("hardcoded-secret", "Hard-coded secret", "CWE-798"),
    Category("debug-mode", "Debug mode in production", "CWE-489"),
    Category("permissive-cors", "Permissive CORS policy", "CWE-942"),
    Category("jwt-verification", "JWT accepted without verification", "CWE-347"),
    Category("insecure-cookie", "Insecure cookie", "CWE-614"),
    Category("workflow-injection", "Untrusted input in a CI workflow script", "CWE-78"),
    Category("workflow-untrusted-checkout", "Privileged workflow runs untrusted code", "CWE-829"),
    Category("container-privilege", "Container runs with excess privilege", "CWE-250"),
    Category("infrastructure-exposure", "Infrastructure exposed or unprotected", "CWE-284"),
    Category("prompt-injection", "Instructions aimed at automated reviewers", "CWE-1427"),
    # access control and request integrity
    Category("missing-authorization", "Missing authorization", "CWE-862"),
    Category("missing-authentication", "Missing authentication for a critical function", "CWE-306"),
    Category("incorrect-authorization", "Incorrect authorization", "CWE-863"),
    Category("improper-authentication", "Improper authentication", "CWE-287"),
    Category("csrf", "Cross-site request forgery", "CWE-352"),
    Category("mass-assignment", "Mass assignment", "CWE-915"),
    Category("trust-boundary", "Untrusted data stored as trusted state", "CWE-501"),
    Category("input-validation", "Improper input validation", "CWE-20"),
    Category("prototype-pollution", "Prototype pollution", "CWE-1321"),
    Category("unrestricted-upload", "Unrestricted upload of a dangerous file type", "CWE-434"),
    Category("information-exposure", "Exposure of sensitive information", "CWE-200"),
    Category("timing-attack", "Secret compared in non-constant time", "CWE-208"),
    Category("crlf-injection", "CRLF injection into headers or protocol lines", "CWE-93"),
    Category("weak-password-hash", "Password stored with a fast or unsalted hash", "CWE-916"),
    Category("insecure-temp-file", "Insecure temporary file", "CWE-377"),
    Category("uncontrolled-search-path", "Code or libraries loaded from a writable search path", "CWE-427"),
    Category("insecure-permissions", "Incorrect permission assignment", "CWE-732"),
    Category("race-condition", "Race condition (time of check, time of use)", "CWE-367"),
    # resource use
    Category("redos", "Regular expression denial of service", "CWE-1333"),
    Category("resource-exhaustion", "Uncontrolled resource consumption", "CWE-400"),
    Category("uncontrolled-recursion", "Uncontrolled recursion", "CWE-674"),
    # memory safety and arithmetic (C, C++, unsafe Rust/Go)
    Category("out-of-bounds-write", "Out-of-bounds write", "CWE-787"),
    Category("out-of-bounds-read", "Out-of-bounds read", "CWE-125"),
    Category("buffer-overflow", "Buffer copy without checking size", "CWE-120"),
    Category("use-after-free", "Use after free", "CWE-416"),
    Category("double-free", "Double free", "CWE-415"),
    Category("null-dereference", "NULL pointer dereference", "CWE-476"),
    Category("integer-overflow", "Integer overflow or wraparound", "CWE-190"),
    Category("integer-underflow", "Integer underflow", "CWE-191"),
    Category("format-string", "Uncontrolled format string", "CWE-134"),
    Category("memory-leak", "Missing release of memory", "CWE-401"),
    Category("vulnerable-dependency", "Dependency with known vulnerabilities", "CWE-1395"),
    Category("other", "Other security weakness", "CWE-693"),
)

CATEGORIES: dict[str, Category] = {c.id: c for c in _CATEGORIES}


def category(category_id: str) -> Category:
    """The category with this id, or the catch-all ``other`` for an unknown id."""
    return CATEGORIES.get(category_id, CATEGORIES["other"])


# Classes of finding that are mostly noise in an automated review. The model may name them (so that
# they are recognised rather than squeezed into a real category), and they are dropped unless a
# repository's `.remediator.yml` sets `llm.exclude` to a list without them.
NOISE_CLASSES: dict[str, str] = {
    "denial-of-service": (
        "generic availability concerns without an attacker-controlled trigger "
        "(a concrete ReDoS, unbounded recursion or resource exhaustion has its own class)"
    ),
    "rate-limiting": "missing rate limits or brute-force protection",
    "missing-hardening": "missing security headers, defence-in-depth or best-practice advice",
    "log-injection": "unsanitised values written to logs",
    "outdated-dependency": "dependency versions and known-CVE advisories (a dependency scanner's job)",
    "test-code": "flaws only in tests, fixtures or examples",
    "memory-safety-managed": "memory-safety claims about memory-safe languages",
    "theoretical-timing": "timing side channels without a realistic attack",
}
DEFAULT_EXCLUDE: tuple[str, ...] = tuple(NOISE_CLASSES)
