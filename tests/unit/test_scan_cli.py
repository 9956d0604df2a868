"""``remediator scan`` end to end: formats, exit codes, progress, the cache in the data directory,
and ``--rev`` (real analyzers, real git)."""

from __future__ import annotations

import io
import json
import pathlib
from collections.abc import Callable

import jsonschema
import pytest

from bot.cli.main import main
from bot.cli.scan import ProgressDisplay
from tests.conftest import GitRepo

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
VULN = "import yaml\n\n\ndef load(request):\n    return yaml.load(request.data)\n"
CLEAN = "def add(a, b):\n    return a + b\n"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    path = tmp_path / "data"
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(path))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    return path


@pytest.fixture
def repo(make_repo: Callable[[str], GitRepo]) -> GitRepo:
    repo = make_repo("svc")
    repo.commit({"app/__init__.py": "", "app/util.py": CLEAN}, "clean")
    repo.commit({"app/views.py": VULN}, "flaw")
    return repo


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_reports_every_file_and_the_cache_saves_the_second_run(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], data_dir: pathlib.Path
) -> None:
    code, out, err = _run(["scan", "--repo", str(repo.path), "--format", "json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    (finding,) = [f for f in data["findings"] if f["category"] == "deserialization"]
    assert (finding["path"], finding["start_line"]) == ("app/views.py", 5)
    assert finding["remediation"]
    assert {f["path"] for f in data["coverage"]["files"]} == {
        "app/__init__.py",
        "app/util.py",
        "app/views.py",
    }
    assert data["complete"] is True
    assert data["scan"]["analysed"] == 2 and data["scan"]["cached"] == 0
    assert (data_dir / "scan-cache.sqlite3").is_file()
    # stderr is not a terminal here: plain lines, then the tally
    assert "remediator: scanned 2/2 files" in err and "2 analysed, 0 from the cache" in err

    code, out, err = _run(["scan", "--repo", str(repo.path), "--format", "json", "--quiet"], capsys)
    again = json.loads(out)
    assert code == 0 and err == ""
    assert again["scan"]["analysed"] == 0 and again["scan"]["cached"] == 2
    assert again["findings"] == data["findings"]

    code, out, _ = _run(
        ["scan", "--repo", str(repo.path), "--format", "json", "--no-cache", "--quiet"], capsys
    )
    assert json.loads(out)["scan"]["analysed"] == 2


def test_exit_codes_match_review(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    args = ["scan", "--repo", str(repo.path), "--quiet"]
    assert _run([*args, "--fail-on", "high"], capsys)[0] == 1
    assert _run([*args, "--fail-on", "critical"], capsys)[0] == 0
    assert _run(["scan", "--quiet"], capsys)[0] == 2
    code, _, err = _run(["scan", "--repo", str(tmp_path / "nope")], capsys)
    assert code == 2 and "not a directory" in err
    code, _, err = _run([*args, "--rev", "no-such-rev"], capsys)
    assert code == 2 and "unknown revision" in err
    with pytest.raises(SystemExit) as exited:
        main([*args, "--format", "pdf"])
    assert exited.value.code == 2
    monkeypatch.setenv("REMEDIATOR_MAX_FILE_BYTES", "40")
    code, out, err = _run([*args, "--fail-on", "critical"], capsys)
    assert code == 3 and "incomplete" in err
    assert "too large" in out


def test_rev_scans_an_older_commit_without_checking_it_out(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    head = repo.git("rev-parse", "HEAD")
    code, out, _ = _run(["scan", "--repo", str(repo.path), "--rev", "HEAD~1", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["findings"] == []
    assert "app/views.py" not in {f["path"] for f in data["coverage"]["files"]}
    assert repo.git("rev-parse", "HEAD") == head and repo.git("status", "--porcelain") == ""


def test_sarif_validates_and_markdown_and_html_render(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    out_file = tmp_path / "scan.sarif"
    code, out, _ = _run(
        ["scan", "--repo", str(repo.path), "--format", "sarif", "--output", str(out_file), "--quiet"], capsys
    )
    assert code == 0 and out == ""
    sarif = json.loads(out_file.read_text())
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    assert [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
    ]
    code, out, _ = _run(["scan", "--repo", str(repo.path), "--format", "markdown", "--quiet"], capsys)
    assert code == 0 and "#### Comment on `app/views.py:5`" in out
    code, out, _ = _run(["scan", "--repo", str(repo.path), "--format", "html", "--quiet"], capsys)
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    assert out.count("<svg") == 3 and "app/views.py:5" in out and 'id="coverage"' in out


def test_progress_is_a_bar_on_a_terminal_and_lines_elsewhere() -> None:
    tty = io.StringIO()
    bar = ProgressDisplay(tty, tty=True)
    for done in (0, 5, 10):
        bar(done, 10)
    assert tty.getvalue() == (
        "\rscanning [..............................] 0/10 files"
        "\rscanning [###############...............] 5/10 files"
        "\rscanning [##############################] 10/10 files\n"
    )
    plain = io.StringIO()
    lines = ProgressDisplay(plain, tty=False)
    for done in range(0, 101):
        lines(done, 100)
    text = plain.getvalue().splitlines()
    assert text[0] == "remediator: scanned 0/100 files" and text[-1] == "remediator: scanned 100/100 files"
    assert len(text) == 11  # one per tenth, not one per file


def test_repo_name_ranks_the_scan_with_the_asset_map(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = tmp_path / "org.yml"
    org.write_text("assets: [{repo: acme/svc, exposure: internet, data: [health], tier: 1}]\n")
    monkeypatch.setenv("REMEDIATOR_ORG_CONFIG", str(org))
    argv = ["scan", "--repo", str(repo.path), "--format", "json", "--no-cache"]
    code, out, err = _run([*argv, "--repo-name", "github:acme/svc"], capsys)
    assert code in (0, 1), err
    (finding,) = json.loads(out)["findings"]
    factors = finding["risk_factors"]
    assert (factors["exposure"], factors["data"], factors["tier"], factors["asset"]) == (
        "internet",
        ["health"],
        1,
        "acme/svc",
    )
    assert finding["why_rank"].startswith("ranked 1 of 1: internet-facing (asset map: acme/svc), health data")
    code, out, err = _run(argv, capsys)  # no name: nothing in the map matches, nothing inferred here
    assert json.loads(out)["findings"][0]["risk_factors"]["exposure"] == "unknown"


def test_the_text_report_speaks_of_the_scanned_files_not_added_lines(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["scan", "--repo", str(repo.path), "--quiet"], capsys)
    assert code == 0
    assert "added lines" not in out and "the change" not in out
    (tally,) = [line for line in out.splitlines() if "finding(s)" in line]
    assert tally.startswith("1 finding(s) in the scanned files; ")
    assert "1 ranked inline, 0 summary only." in tally
