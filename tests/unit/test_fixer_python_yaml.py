"""The YAML fixer, and the issue's example: every one of the five findings of examples/payments.patch
(SQL, shell, workflow, unsafe YAML, TLS) carries a verified suggestion."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.fixtures import PLATFORM
from tests.unit.fixerkit import finding_at, fixed_text, new_file

HEAD = "import yaml as y\nfrom flask import request\n\n\ndef f():\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("    return y.load(request.data)\n", "    return y.safe_load(request.data)\n"),
        ("    return y.load(request.data, Loader=y.Loader)\n", "    return y.safe_load(request.data)\n"),
        ("    return y.load(request.data, y.UnsafeLoader)\n", "    return y.safe_load(request.data)\n"),
        (
            "    return list(y.unsafe_load_all(request.data))\n",
            "    return list(y.safe_load_all(request.data))\n",
        ),
    ],
)
def test_unsafe_yaml_loads_become_safe_load(line, expected):
    sf = new_file(HEAD + line, "app/c.py")
    assert fixed_text(sf, finding_at(sf, "y.", "deserialization")) == HEAD + expected


def test_a_local_import_inside_the_function_counts():
    src = "def f(data):\n    import yaml\n    return yaml.load(data)\n"
    sf = new_file(src, "app/local.py")
    assert fixed_text(sf, finding_at(sf, "yaml.load", "deserialization")) == src.replace(
        "load(", "safe_load("
    )


@pytest.mark.parametrize(
    "line",
    ["    return y.load(request.data, Loader=y.SafeLoader)\n", "    return y.load(request.data, **opts)\n"],
)
def test_safe_loaders_and_unknown_options_are_left_alone(line):
    sf = new_file(HEAD + "    opts = {}\n" + line, "app/c.py")
    assert fixed_text(sf, finding_at(sf, "y.load", "deserialization")) is None


def test_all_five_findings_of_the_payments_example_carry_a_verified_suggestion(tmp_path):
    repo = PLATFORM.parents[2]
    cmd = [sys.executable, "-m", "bot.cli", "review", "--diff", "examples/payments.patch"]
    out = subprocess.run(
        [*cmd, "--repo", "examples/payments", "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={"REMEDIATOR_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    findings = json.loads(out.stdout)["findings"]
    assert sorted(f["cwe"] for f in findings) == ["CWE-295", "CWE-502", "CWE-78", "CWE-78", "CWE-89"]
    assert [f["rule_id"] for f in findings if f["replacement"] is None] == []
    by_cwe = {f["cwe"]: f["replacement"] for f in findings}
    assert by_cwe["CWE-502"] == "    plan = yaml.safe_load(request.data)"
