"""Build one synthetic change as a real git repository: a base commit and a head commit on top.

The base (branch ``main``) holds a few existing modules; the head (branch ``feature``, checked out)
adds exactly the requested number of lines, as new files or appended to an existing one.
"""

from __future__ import annotations

import os
import random
import subprocess
from dataclasses import dataclass
from pathlib import Path

from polyglot import GO, JAVA, JAVASCRIPT
from synthetic import PYTHON, Language, definitions, module

BASE_BRANCH = "main"
APPENDED_TO = "services/core/util.py"
"""Changes under 100 lines append to this existing file instead of adding new ones."""
_FIXED_DATE = "2024-01-01T12:00:00+00:00"
_PACKAGES = ("billing", "accounts", "inventory", "shipping", "reports", "search", "notify", "auth")


@dataclass(frozen=True)
class CaseSpec:
    """What to generate: ``layout`` is deep (files of 100-200 lines), wide (many ~10-line files),
    mixed (deep, cycling Python, JavaScript, Go and Java) or fixable (one line with a finding
    that has a fix, so the review also runs its fix verification)."""

    key: str
    label: str
    added_lines: int
    layout: str = "deep"
    files: int = 0
    startup: bool = False


@dataclass(frozen=True)
class BuiltChange:
    repo: Path
    changed: tuple[str, ...]
    python_files: tuple[str, ...]
    added_lines: int
    languages: dict[str, int]


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        "GIT_AUTHOR_DATE": _FIXED_DATE,
        "GIT_COMMITTER_DATE": _FIXED_DATE,
    }
    proc = subprocess.run(
        ["git", "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", "-C", str(repo), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def _write(root: Path, rel: str, text: str) -> None:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _sizes(rng: random.Random, total: int) -> list[int]:
    """File lengths of 100-200 lines that add up to ``total`` (>= 100)."""
    sizes = []
    remaining = total
    while remaining > 0:
        size = remaining if remaining <= 200 else rng.randint(100, min(200, remaining - 100))
        sizes.append(size)
        remaining -= size
    return sizes


def _path(lang: Language, index: int, rng: random.Random) -> tuple[str, str]:
    """(repository path, module name) of the ``index``-th new file of ``lang``."""
    package = _PACKAGES[index % len(_PACKAGES)]
    name = f"{package}_{index}"
    if lang is JAVA:
        cls = "".join(part.capitalize() for part in name.split("_"))
        return f"java/src/main/java/com/example/api/{cls}.java", name
    if lang is GO:
        return f"go/{name}/handlers.go", name
    if lang is JAVASCRIPT:
        return f"web/routes/{name}.js", name
    return f"services/{package}/{rng.choice(('views', 'helpers', 'tasks', 'models'))}_{index}.py", name


def _base(root: Path, rng: random.Random) -> None:
    _write(root, "README.md", "# Example service\n\nA small web service used as a benchmark fixture.\n")
    _write(root, "services/__init__.py", "")
    _write(root, "services/core/__init__.py", "")
    _write(root, "services/core/app.py", module(PYTHON, rng, 160, "core_app"))
    _write(root, APPENDED_TO, module(PYTHON, rng, 120, "core_util"))
    _write(root, "services/core/models.py", module(PYTHON, rng, 140, "core_models"))


def build(spec: CaseSpec, root: Path, seed: int) -> BuiltChange:
    """Generate the repository of ``spec`` under ``root`` (created; must not exist)."""
    rng = random.Random(f"{seed}:{spec.key}")
    root.mkdir(parents=True)
    _git(root, "init", "-q", "-b", BASE_BRANCH)
    _base(root, rng)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    _git(root, "checkout", "-q", "-b", "feature")
    if spec.layout == "wide":
        per_file = spec.added_lines // spec.files
        for index in range(spec.files):
            rel, name = _path(PYTHON, index, rng)
            _write(root, rel, module(PYTHON, rng, per_file, name))
    elif spec.layout == "fixable":
        existing = (root / APPENDED_TO).read_text(encoding="utf-8")
        _write(root, APPENDED_TO, existing + 'DEFAULTS = yaml.load(open("defaults.yml"))\n')
    elif spec.added_lines < 100:
        existing = (root / APPENDED_TO).read_text(encoding="utf-8")
        _write(root, APPENDED_TO, existing + "\n".join(definitions(PYTHON, rng, spec.added_lines)) + "\n")
    else:
        cycle = (PYTHON, JAVASCRIPT, GO, JAVA) if spec.layout == "mixed" else (PYTHON,)
        for index, size in enumerate(_sizes(rng, spec.added_lines)):
            lang = cycle[index % len(cycle)]
            rel, name = _path(lang, index, rng)
            _write(root, rel, module(lang, rng, size, name))
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", f"add {spec.label}")
    return _describe(root)


def _describe(root: Path) -> BuiltChange:
    added = 0
    changed: list[str] = []
    for row in _git(root, "diff", "--numstat", BASE_BRANCH, "HEAD").splitlines():
        plus, _minus, path = row.split("\t", 2)
        added += int(plus)
        changed.append(path)
    languages: dict[str, int] = {}
    for path in changed:
        ext = Path(path).suffix
        languages[ext] = languages.get(ext, 0) + 1
    python = tuple(p for p in changed if p.endswith(".py"))
    return BuiltChange(root, tuple(changed), python, added, languages)
