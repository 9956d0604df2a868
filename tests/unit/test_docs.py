"""The README documents every setting with its default, and .ci/run runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_with_its_default():
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| `((?:REMEDIATOR|OPENAI)_\w+)` \| ([^|]+) \|", README, re.M)
    }
    for spec in SETTINGS:
        assert spec.name in rows, f"{spec.name} is missing from the README settings table"
        shown = rows[spec.name].strip()
        expected = f"`{spec.default}`" if spec.default else "(empty)"
        assert shown == expected, f"{spec.name}: README says {shown}, code says {expected}"


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"^    (python3 -m venv .*pytest.*)$", README, re.M)
    assert len(commands) == 1, commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[0] in ci.splitlines()


def test_the_readme_demo_command_points_at_bundled_files():
    (demo,) = re.findall(r"^    (python3 -m venv .*remediator review.*)$", README, re.M)
    for path in re.findall(r"(examples/\S+)", demo):
        assert (ROOT / path).exists(), path


def _labels(folder: Path) -> tuple[int, int, int]:
    cases = sorted(folder.glob("*/case.yml"))
    labels = [re.search(r"^label:\s*(\w+)", c.read_text(encoding="utf-8"), re.M) for c in cases]
    vulnerable = sum(1 for m in labels if m and m.group(1) == "vulnerable")
    benign = sum(1 for m in labels if m and m.group(1) == "benign")
    return len(cases), vulnerable, benign


def test_the_readme_counts_the_corpus_and_the_holdout_as_they_are():
    corpus = re.search(r"\((\d+) small changes: (\d+) vulnerable, (\d+) benign", README)
    holdout = re.search(
        r"tests/holdout` on a holdout set written blind \((\d+) changes: (\d+) vulnerable, "
        r"(\d+) benign",
        README,
    )
    assert corpus and holdout, "the README no longer states the corpus counts where this test looks"
    assert tuple(map(int, corpus.groups())) == _labels(ROOT / "tests" / "corpus")
    assert tuple(map(int, holdout.groups())) == _labels(ROOT / "tests" / "holdout")
