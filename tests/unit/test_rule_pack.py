"""Every rule in the pack carries the metadata the review needs, with known values."""

from __future__ import annotations

import re

import yaml

from bot.analysis.semgrep import rule_files
from bot.core.taxonomy import CATEGORIES

PREFIX = {
    "python": "py-",
    "python-state": "py-",
    "javascript": "js-",
    "javascript-construction": "js-",
    "javascript-state": "js-",
    "java": "java-",
    "java-construction": "java-",
    "java-state": "java-",
    "go": "go-",
    "go-construction": "go-",
    "go-state": "go-",
    "ruby": "rb-",
    "c": "c-",
    "dockerfile": "docker-",
    "kubernetes": "k8s-",
    "github-actions": "gha-",
    "terraform": "tf-",
    "secrets": "secret-",
    "prompt-injection": "pi-",
}


def _rules():
    for path in rule_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rule in doc["rules"]:
            yield path.stem, rule


def test_pack_has_every_group():
    assert {p.stem for p in rule_files()} == set(PREFIX)


def test_every_rule_has_complete_metadata():
    ids = []
    for group, rule in _rules():
        rid = rule["id"]
        ids.append(rid)
        assert rid.startswith(PREFIX[group]), f"{rid} in {group}.yml"
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", rid), rid
        meta = rule.get("metadata") or {}
        for key in ("category", "cwe", "title", "severity", "confidence", "explanation", "remediation"):
            assert meta.get(key), f"{rid}: metadata.{key} missing"
        assert meta["category"] in CATEGORIES, f"{rid}: unknown category {meta['category']}"
        assert re.fullmatch(r"CWE-\d+", str(meta["cwe"])), f"{rid}: cwe {meta['cwe']}"
        assert meta["severity"] in {"low", "medium", "high", "critical"}, rid
        assert meta["confidence"] in {"low", "medium", "high"}, rid
        steps = meta["remediation"]
        assert isinstance(steps, list) and all(isinstance(s, str) and s.strip() for s in steps), rid
        assert rule.get("message"), rid


def test_rule_ids_are_unique():
    ids = [rule["id"] for _, rule in _rules()]
    assert len(ids) == len(set(ids))


def test_secret_rules_name_the_variable_never_the_value():
    """Secret rules may say which variable holds a secret ($NAME), never interpolate the value."""
    name_like = {"$NAME", "$KIND", "$ATTR", "$VAR"}
    for _group, rule in _rules():
        if rule["metadata"]["category"] == "hardcoded-secret":
            used = set(re.findall(r"\$[A-Z_]+", rule["message"]))
            assert used <= name_like, f"{rule['id']} interpolates {used - name_like} into its message"
