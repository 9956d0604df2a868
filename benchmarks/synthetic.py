"""Deterministic synthetic source (Python, JavaScript, Go, Java) for the review benchmarks.

Every module has exactly the number of lines asked for: realistic definitions (string handling,
request handlers, config loading, hashing, commands) with a seeded sprinkling of flagged patterns.
Standard library only; imports nothing from ``bot``.
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

NOUNS = (
    "invoice",
    "account",
    "order",
    "shipment",
    "report",
    "ticket",
    "profile",
    "session",
    "payment",
    "product",
    "review",
    "coupon",
    "address",
    "message",
    "upload",
    "webhook",
)
FLAG_RATE = 0.25
"""Chance that a block with a risky variant (yaml.load, shell=True, md5 of a password...) uses it."""


def _fill(template: str, noun: str, n: int, rng: random.Random) -> list[str]:
    text = textwrap.dedent(template).strip("\n")
    for key, value in (
        ("@noun@", noun),
        ("@Noun@", noun.capitalize()),
        ("@NOUN@", noun.upper()),
        ("@n@", str(n)),
        ("@k@", str(rng.randint(3, 9))),
        ("@limit@", str(rng.choice((16, 32, 48, 64, 80)))),
    ):
        text = text.replace(key, value)
    return text.split("\n")


@dataclass(frozen=True)
class Template:
    """One top-level definition; ``risky`` is used instead of ``safe`` at ``FLAG_RATE``."""

    safe: str
    risky: str | None = None

    def render(self, rng: random.Random, noun: str, n: int) -> list[str]:
        flagged = self.risky is not None and rng.random() < FLAG_RATE
        return _fill(self.risky if flagged and self.risky else self.safe, noun, n, rng)


@dataclass(frozen=True)
class Language:
    """How to write a module of one language: header, definitions, filler and footer."""

    name: str
    extension: str
    header: Callable[[str, bool], list[str]]
    """(module name, compact) -> opening lines; compact headers suit 10-line files."""
    templates: tuple[Template, ...]
    filler: Callable[[int, int], list[str]]
    """(lines, unique number) -> exactly that many lines of harmless definitions."""
    footer: tuple[str, ...] = ()
    gap: int = 1
    indent: str = ""
    """Prefix of every template line (Java methods sit inside the class)."""


def module(lang: Language, rng: random.Random, lines: int, name: str) -> str:
    """A whole module of exactly ``lines`` lines (newline-terminated)."""
    header = lang.header(name, lines < 40)
    budget = lines - len(header) - len(lang.footer)
    if budget < 1:
        raise ValueError(f"{lines} lines is too few for a {lang.name} module")
    body = definitions(lang, rng, budget)
    out = [*header, *body, *lang.footer]
    assert len(out) == lines, (len(out), lines)
    return "\n".join(out) + "\n"


def definitions(lang: Language, rng: random.Random, budget: int) -> list[str]:
    """Exactly ``budget`` lines of definitions, each preceded by ``lang.gap`` blank lines."""
    out: list[str] = []
    counter = rng.randint(1, 900)
    while len(out) < budget:
        remaining = budget - len(out)
        counter += 1
        noun = rng.choice(NOUNS)
        picked = rng.sample(lang.templates, k=min(4, len(lang.templates)))
        rendered = [[lang.indent + x if x else x for x in t.render(rng, noun, counter)] for t in picked]
        fitting = [b for b in rendered if len(b) + lang.gap <= remaining]
        if fitting:
            out += [""] * lang.gap + fitting[0]
        elif remaining > lang.gap + 2:
            out += [""] * lang.gap + lang.filler(remaining - lang.gap, counter)
        else:
            out += lang.filler(remaining, counter)
    return out


def _py_header(name: str, compact: bool) -> list[str]:
    if compact:
        return [
            "import hashlib, json, logging, os, re, subprocess, yaml",
            "from .web import app, jsonify, logger, request",
        ]
    doc = f'"""{name.replace("_", " ").capitalize()}: helpers and HTTP handlers."""'
    return [
        doc,
        "",
        "from __future__ import annotations",
        "",
        "import hashlib",
        "import json",
        "import logging",
        "import os",
        "import re",
        "import subprocess",
        "from dataclasses import dataclass",
        "from pathlib import Path",
        "",
        "import yaml",
        "from flask import Flask, jsonify, request",
        "",
        "logger = logging.getLogger(__name__)",
        "app = Flask(__name__)",
    ]


def _py_filler(lines: int, n: int) -> list[str]:
    if lines < 3:
        return [f"LIMIT_{n}_{i} = {17 * (i + 1)}" for i in range(lines)]
    body = [f'    values["option_{i}"] = {(n * 7 + i * 13) % 97}' for i in range(lines - 3)]
    return [
        f"def defaults_{n}() -> dict[str, int]:",
        "    values: dict[str, int] = {}",
        *body,
        "    return values",
    ]


PY_TEMPLATES = (
    Template(
        '''
        def slugify_@n@(text: str) -> str:
            """Lower-case ``text`` and join its words with dashes."""
            words = re.findall(r"[a-z0-9]+", text.lower())
            return "-".join(words)[:@limit@]
        '''
    ),
    Template(
        """
        def parse_@noun@_line_@n@(line: str) -> dict[str, str]:
            fields = [part.strip() for part in line.split(",")]
            if len(fields) < @k@:
                raise ValueError(f"expected @k@ fields, got {len(fields)}")
            return {
                "name": fields[0],
                "email": fields[1].lower(),
                "city": fields[2].title(),
            }
        """
    ),
    Template(
        """
        def format_@noun@_report_@n@(rows: list[dict[str, object]]) -> str:
            out = []
            for row in rows:
                label = str(row.get("name", "?")).ljust(20)
                out.append(f"{label} {row.get('total', 0):>8}")
            logger.debug("formatted %d @noun@ rows", len(rows))
            return "\\n".join(out)
        """
    ),
    Template(
        """
        @dataclass(frozen=True)
        class @Noun@Record@n@:
            identifier: int
            name: str
            tags: tuple[str, ...] = ()

            def label(self) -> str:
                return f"{self.name} ({self.identifier})"
        """
    ),
    Template(
        """
        def load_@noun@_config_@n@(path: str) -> dict[str, object]:
            with open(path, encoding="utf-8") as handle:
                data = yaml.safe_load(handle)
            if not isinstance(data, dict):
                raise ValueError(f"{path}: expected a mapping")
            return data
        """,
        """
        def load_@noun@_config_@n@(path: str) -> dict[str, object]:
            with open(path, encoding="utf-8") as handle:
                data = yaml.load(handle)
            if not isinstance(data, dict):
                raise ValueError(f"{path}: expected a mapping")
            return data
        """,
    ),
    Template(
        """
        def archive_@noun@s_@n@(directory: str) -> int:
            target = f"/tmp/@noun@-@n@.tgz"
            logger.info("archiving %s to %s", directory, target)
            return subprocess.run(["tar", "czf", target, directory], check=True).returncode
        """,
        """
        def archive_@noun@s_@n@(directory: str) -> int:
            cmd = "tar czf /tmp/@noun@-@n@.tgz " + directory
            logger.info("running %s", cmd)
            return subprocess.call(cmd, shell=True)
        """,
    ),
    Template(
        """
        def checksum_@noun@_@n@(payload: bytes) -> str:
            return hashlib.sha256(payload).hexdigest()
        """,
        """
        def hash_@noun@_password_@n@(password: bytes) -> str:
            digest = hashlib.md5(password)
            return digest.hexdigest()
        """,
    ),
    Template(
        """
        @app.route("/api/@noun@s/<int:item_id>/v@n@", methods=["GET"])
        def get_@noun@_@n@(item_id: int):
            fields = request.args.get("fields", "name,email").split(",")
            record = {"id": item_id, "name": f"@noun@-{item_id}"}
            payload = {key: record.get(key) for key in fields}
            return jsonify(payload)
        """
    ),
    Template(
        """
        @app.route("/api/@noun@s/v@n@", methods=["POST"])
        def create_@noun@_@n@():
            body = request.get_json(silent=True) or {}
            name = str(body.get("name", "")).strip()
            if not name:
                return jsonify({"error": "name is required"}), 400
            logger.info("created @noun@ %s", name)
            return jsonify({"name": name}), 201
        """,
        """
        @app.route("/api/@noun@s/export/v@n@")
        def export_@noun@s_@n@():
            target = request.args.get("target", "out")
            cmd = "zip -r /tmp/" + target + ".zip /srv/@noun@s"
            subprocess.call(cmd, shell=True)
            return jsonify({"ok": True})
        """,
    ),
    Template(
        """
        def summarise_@noun@_totals_@n@(items: list[dict[str, float]]) -> dict[str, float]:
            totals: dict[str, float] = {}
            for item in items:
                key = str(item.get("category", "other"))
                totals[key] = totals.get(key, 0.0) + float(item.get("amount", 0.0))
            return dict(sorted(totals.items()))
        """
    ),
    Template(
        """
        def @noun@_cache_path_@n@(root: str, key: str) -> Path:
            safe = re.sub(r"[^A-Za-z0-9_.-]", "_", key)
            return Path(root) / "@noun@" / safe
        """
    ),
    Template(
        """
        def @noun@_timeout_@n@() -> float:
            raw = os.environ.get("@NOUN@_TIMEOUT", "@k@.5")
            try:
                return float(raw)
            except ValueError:
                return @k@.5
        """
    ),
    Template(
        """
        def dump_@noun@_@n@(record: dict[str, object]) -> str:
            return json.dumps(record, sort_keys=True, indent=2)
        """
    ),
)

PYTHON = Language("python", ".py", _py_header, PY_TEMPLATES, _py_filler, gap=2)
