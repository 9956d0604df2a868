"""The HTML report of ``remediator scan`` in a real headless Chromium (Debian's, driven by
Playwright): it opens from a file, loads nothing else, runs nothing a scanned file name or message
tries to inject, and shows its charts, coverage and findings. The screenshot goes to the test's tmp
directory (and to REMEDIATOR_TEST_SCREENSHOTS when set), like the dashboard's."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.main import main
from tests.browser.test_dashboard_browser import CHROMIUM, CHROMIUM_ARGS, shot, sync_api

HOSTILE_NAME = "<img src=x onerror=alert(1)>.py"
FILES = {
    "app/views.py": (
        "import subprocess\nfrom flask import request\n\n\n"
        "def run():\n    return subprocess.call(request.args['cmd'], shell=True)\n"
    ),
    "app/loader.py": "import yaml\n\n\ndef load(request):\n    return yaml.load(request.data)\n",
    f"app/{HOSTILE_NAME}": "import pickle\n\n\ndef load(request):\n    return pickle.loads(request.data)\n",
    "app/util.py": "def add(a, b):\n    return a + b\n",
}


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    tree = tmp_path / "tree"
    for rel, text in FILES.items():
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text(text, encoding="utf-8")
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "scan.html"
    code = main(["scan", "--repo", str(tree), "--format", "html", "--output", str(out), "--quiet"])
    assert code == 0
    return out


def test_the_scan_report_opens_in_chromium_and_loads_and_runs_nothing_else(
    report: Path, tmp_path: Path
) -> None:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            dialogs: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(report.as_uri())
            assert page.title().startswith("Remediator scan:")
            assert page.locator("svg").count() == 3
            assert page.locator("#charts svg rect").count() >= 4  # the four severities, at least
            findings = page.locator("article.finding")
            assert findings.count() == 3
            assert page.locator("article.finding ol li").count() >= 3  # numbered steps
            wheres = page.locator("article.finding .where").all_inner_texts()
            assert f"app/{HOSTILE_NAME}:5" in wheres  # the hostile name is shown as text
            assert page.locator("img").count() == 0 and page.locator("script").count() == 0
            assert "Coverage" in page.locator("#coverage").inner_text()
            assert requests == [report.as_uri()] and dialogs == []
            path = shot(page, tmp_path, "scan-report")
            assert path.is_file()
        finally:
            chromium.close()
