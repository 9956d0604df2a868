"""A secret written into code -> the same value read from the environment.

On the flagged line of a Python, JavaScript, TypeScript, Java or Go file, the string literal holding
the secret (the one whose removal leaves no secret on the line, as ``bot.core.redact`` sees it;
never a placeholder, an example key, a name-like value or a value in a test file) is replaced by the
language's environment lookup: ``os.environ["NAME"]``, ``process.env.NAME`` (``as string`` in
TypeScript), ``System.getenv("NAME")``, ``os.Getenv("NAME")`` (a Go ``const`` on that line becomes
``var``: a call is not a constant). ``NAME`` comes from what the literal is assigned to
(``paymentsApiKey`` -> ``PAYMENTS_API_KEY``, ``app.config["MAIL_PASSWORD"]`` -> ``MAIL_PASSWORD``),
else ``SECRET``. A missing ``os`` import in Python or Go is added when the import block is close and
added by the change (and widening would not carry another secret), else named in the steps. The steps
also say to set the variable and to rotate the secret: it stays in the history. Line-based: a linear
scan for quoted literals, no regular expressions on the untrusted text.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, import_edit, to_finding
from bot.core.models import Finding, SourceFile
from bot.core.redact import contains_secret

_LANGUAGES = {"python", "javascript", "typescript", "java", "go"}
ROTATE_STEP = "Rotate the secret now: it stays in the repository's history even after this change."


def _literals(line: str, quotes: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted literal on the line, quotes included (backslash escapes honoured)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(line):
        q = line[i]
        if q not in quotes:
            i += 1
            continue
        j = i + 1
        while j < len(line) and line[j] != q:
            j += 2 if line[j] == "\\" else 1
        if j >= len(line):
            return out
        out.append((i, j + 1))
        i = j + 1
    return out


_NOT_REAL = (
    "example",
    "changeme",
    "change-me",
    "placeholder",
    "dummy",
    "fake",
    "xxxx",
    "your",
    "<",
    "test",
    "sample",
)


def _placeholder(value: str, name: str, path: str) -> bool:
    """A value that is not a real secret: a placeholder, an example key, or one in a test file."""
    lowered, upper = value.lower(), name.upper()
    parts = path.lower().split("/")
    in_tests = any(p in {"test", "tests", "spec", "__tests__", "testdata"} for p in parts[:-1])
    test_file = parts[-1].startswith("test_") or ".test." in parts[-1] or ".spec." in parts[-1]
    words_only = not any(c.isdigit() for c in value) and (value.islower() or value.isupper())
    return (
        len(set(value)) <= 2
        or words_only  # an identifier, a metric or variable name, a phrase: not a credential
        or any(word in lowered for word in _NOT_REAL)
        or any(word in upper for word in ("FAKE", "TEST", "EXAMPLE", "DUMMY", "MOCK", "SAMPLE"))
        or in_tests
        or test_file
    )


def _env_name(before: str) -> str:
    """UPPER_SNAKE name from what the literal is assigned to, read from the text before it."""
    text = before.rstrip()
    for op in ("=", ":"):
        if text.endswith(op) and not text.endswith(("==", "!=", "<=", ">=")):
            target = text[: -len(op)].rstrip().rstrip(":")  # Go's :=
            if op == "=" and ":" in target and "[" not in target:
                target = target[: target.index(":")]  # an annotation: `KEY: Final = ...`, `key: string = ...`
            if target.endswith("]"):
                inner = target[target.rfind("[") + 1 : -1].strip("'\" ")
                if inner.replace("_", "").isalnum():
                    return inner.upper()
            word: list[str] = []
            for ch in reversed(target):
                if ch.isalnum() or ch == "_":
                    word.append(ch)
                elif word:
                    break
            name = "".join(reversed(word))
            if name and not name[0].isdigit():
                return _snake(name)
    return "SECRET"


def _snake(name: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and (name[i - 1].islower() or name[i - 1].isdigit()):
            out.append("_")
        out.append(ch.upper())
    return "".join(out)


def _lookup(language: str, name: str) -> str:
    return {
        "python": f'os.environ["{name}"]',
        "javascript": f"process.env.{name}",
        "typescript": f"process.env.{name} as string",
        "java": f'System.getenv("{name}")',
        "go": f'os.Getenv("{name}")',
    }[language]


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if (
        sf.language not in _LANGUAGES
        or finding.category != "hardcoded-secret"
        or finding.replacement is not None
    ):
        return None
    fixed = _at(finding, sf, finding.start_line)
    if fixed is not None or sf.language not in {"javascript", "typescript"}:
        return fixed
    # the flagged line only uses a constant declared a few added lines above: fix the declaration,
    # the suggestion running down to the flagged line
    lines = sf.text.splitlines()
    row = lines[finding.start_line - 1] if 1 <= finding.start_line <= len(lines) else ""
    for n in range(finding.start_line - 1, max(0, finding.start_line - 7), -1):
        words = lines[n - 1].split()
        if (
            len(words) >= 3
            and words[0] in {"const", "let", "var"}
            and words[2] == "="
            and words[1] in _words(row)
        ):
            return _at(finding, sf, n)
    return None


def _words(row: str) -> set[str]:
    out, word = set(), ""
    for ch in row + " ":
        if ch.isalnum() or ch in "_$":
            word += ch
        elif word:
            out.add(word)
            word = ""
    return out


def _at(finding: Finding, sf: SourceFile, line: int) -> Finding | None:
    """The fix for the literal on ``line`` (the flagged line or a declaration above it)."""
    if line not in sf.change.added_lines:
        return None  # the literal is on the finding's first line (a call may continue below)
    lines = sf.text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    row = lines[line - 1]
    quotes = "'\"`" if sf.language in {"javascript", "typescript", "go"} else "'\""
    spans = [(a, b) for a, b in _literals(row, quotes) if " " not in row[a:b] and "${" not in row[a:b]]
    if not spans or row.lstrip().startswith(("#", "//", "import", "from ", "package")):
        return None
    if not contains_secret(row):
        return None
    # the literal whose replacement leaves no secret on the line (longest first)
    found = next(
        (
            (a, b)
            for a, b in sorted(spans, key=lambda s: s[0] - s[1])
            if not contains_secret(row[:a] + '""' + row[b:])
        ),
        None,
    )
    if found is None:
        return None
    start, end = found
    name = _env_name(row[:start])
    if _placeholder(row[start + 1 : end - 1], name, sf.path):
        return None
    edits = [Edit(line, start, end, _lookup(str(sf.language), name))]
    steps = [f"Set `{name}` in the service's environment (or its secret store) where it runs.", ROTATE_STEP]
    if sf.language == "go" and row.lstrip().startswith("const "):
        at = len(row) - len(row.lstrip())
        edits.append(Edit(line, at, at + len("const"), "var"))
    if sf.language in {"python", "go"}:
        problem = _needs_os(sf, lines, line, edits)
        if problem:
            steps.append(problem)
    if line != finding.start_line:
        edits.append(Edit(finding.end_line, 0, 0, ""))  # keep the flagged line in the suggestion
    return to_finding(finding, sf, edits, steps)


def _needs_os(sf: SourceFile, lines: list[str], line: int, edits: list[Edit]) -> str | None:
    """Adds the ``os`` import when it is missing and close; else the step that names it."""
    if sf.language == "python":
        if any(row.strip() in {"import os"} or row.startswith("import os,") for row in lines):
            return None
        imports = [n for n, row in enumerate(lines, 1) if row.startswith(("import ", "from "))]
        add = import_edit(sf, imports[-1], "import os", line) if imports and imports[-1] < line else None
        if add is not None and contains_secret("\n".join(lines[add.line - 1 : line - 1])):
            add = None  # widening would carry another secret into the suggestion
        if add is None:
            return "Add `import os` to the file's imports (the fix uses it)."
        edits.append(add)
        return None
    if any(row.strip() in {'import "os"', '"os"'} for row in lines):
        return None
    return 'Add `"os"` to the file\'s imports (the fix uses it).'
