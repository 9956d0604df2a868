"""semgrep's native engine (fast start) and its classic engine find exactly the same things with the
rule pack, over the whole corpus and the holdout: the review may use either without changing a result."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.analysis.semgrep import run_semgrep

TESTS = Path(__file__).resolve().parents[1]


def _key(result: dict) -> tuple[str, str, int, int, str | None]:
    extra = result.get("extra") or {}
    return (
        result["check_id"],
        result["path"],
        result["start"]["line"],
        result["end"]["line"],
        extra.get("fix"),
    )


def test_native_and_classic_engines_agree_on_the_corpus(tmp_path):
    root = tmp_path / "src"
    relpaths = []
    for after in sorted([*TESTS.glob("corpus/*/after"), *TESTS.glob("holdout/*/after")]):
        for path in sorted(p for p in after.rglob("*") if p.is_file()):
            rel = f"{after.parent.parent.name}/{after.parent.name}/{path.relative_to(after).as_posix()}"
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, root / rel)
            relpaths.append(rel)
    native = run_semgrep(root, relpaths, timeout=600)
    classic = run_semgrep(root, relpaths, timeout=600, native=False)
    assert not [e for e in native.errors if "Rule parse error" in str(e.get("message"))]
    assert len(native.results) > 100
    assert sorted(map(_key, native.results)) == sorted(map(_key, classic.results))
