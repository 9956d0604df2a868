"""Language of a file from its path and, failing that, its shebang line.

Pure: standard library only. Names are the ones the analyzers and the coverage report use.
"""

from __future__ import annotations

import posixpath
import re

_BY_EXTENSION = {
    ".py": "python",
    ".pyw": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".java": "java",
    ".go": "go",
    ".tf": "terraform",
    ".hcl": "hcl",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".json": "json",
    ".rb": "ruby",
    ".rake": "ruby",
    ".gemspec": "ruby",
    ".erb": "erb",
    ".php": "php",
    ".cs": "csharp",
    ".kt": "kotlin",
    ".scala": "scala",
    ".rs": "rust",
    ".c": "c",
    ".h": "c",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".hpp": "cpp",
    ".sh": "shell",
    ".bash": "shell",
    ".html": "html",
    ".htm": "html",
    ".j2": "jinja",
    ".jinja": "jinja",
    ".jinja2": "jinja",
    ".xml": "xml",
    ".properties": "properties",
    ".env": "dotenv",
    ".ini": "ini",
    ".toml": "toml",
    ".cfg": "ini",
    ".conf": "config",
    ".sql": "sql",
    ".md": "markdown",
    ".txt": "text",
}

_SHEBANG = re.compile(r"^#!\s*(?:/usr/bin/env\s+(?:-S\s+)?)?(?:\S*/)?([A-Za-z]+)")
_SHEBANG_LANG = {
    "python": "python",
    "node": "javascript",
    "deno": "typescript",
    "bash": "shell",
    "sh": "shell",
    "zsh": "shell",
}


def detect_language(path: str, first_line: str | None = None) -> str | None:
    """The language of ``path``; ``first_line`` (the file's first line) is read for a shebang.

    Dockerfiles and GitHub Actions workflows get their own names since their rules differ from
    plain YAML or shell. Returns None when nothing is known.
    """
    name = posixpath.basename(path)
    lower = name.lower()
    if lower in {"dockerfile", "containerfile"} or lower.startswith(("dockerfile.", "containerfile.")):
        return "dockerfile"
    if lower.endswith((".dockerfile", ".containerfile")):
        return "dockerfile"
    if lower in {".env"} or lower.startswith(".env."):
        return "dotenv"
    ext = posixpath.splitext(lower)[1]
    if ext in {".yml", ".yaml"} and (path.startswith(".github/workflows/") or "/.github/workflows/" in path):
        return "github-actions"
    language = _BY_EXTENSION.get(ext)
    if language is None and first_line and first_line.startswith("#!"):
        match = _SHEBANG.match(first_line[:256])
        if match:
            interpreter = match.group(1).rstrip("0123456789.")
            language = _SHEBANG_LANG.get(interpreter)
    return language
