"""`remediator vulndb sync` against a local HTTP server serving real OSV archives: a download cut short
resumes with a Range request, a corrupt archive leaves the old database in place, and the database
a review uses is swapped in whole."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.deps.osv import VulnDB
from bot.deps.sync import STAMP, age_days, sync
from bot.errors import InputError, Retryable
from tests.fixtures import PLATFORM

VULNDB = PLATFORM.parent / "vulndb"


def _archive(ecosystem: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((VULNDB / ecosystem).glob("*.json")):
            zf.writestr(path.name, path.read_bytes())
    return buf.getvalue()


class Mirror:
    """Serves ``/<ecosystem>/all.zip``; ``cut`` bytes into the next full download it drops the line."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.cut: int | None = None
        self.ranges: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                data = owner.files.get(self.path)
                if data is None:
                    self.send_error(404)
                    return
                start = 0
                if rng := self.headers.get("Range"):
                    owner.ranges.append(rng)
                    start = int(rng.removeprefix("bytes=").rstrip("-"))
                body = data[start:]
                self.send_response(206 if start else 200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if owner.cut is not None and not start:
                    self.wfile.write(body[: owner.cut])
                    owner.cut = None
                    self.wfile.flush()
                    self.connection.shutdown(2)  # the line drops mid-download
                    return
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def mirror() -> Iterator[Mirror]:
    m = Mirror()
    m.files = {"/PyPI/all.zip": _archive("PyPI"), "/npm/all.zip": _archive("npm")}
    yield m
    m.server.shutdown()
    m.server.server_close()


def test_an_interrupted_download_resumes_and_the_database_is_swapped_in(mirror, tmp_path):
    target = tmp_path / "vulndb"
    mirror.cut = 5000
    with pytest.raises(Retryable):
        sync(target, mirror.url, ("PyPI", "npm"), now=lambda: 1_000_000.0)
    assert not target.exists()  # nothing half-written is ever the database
    part = tmp_path / "vulndb.partial" / "PyPI.zip.part"
    assert 0 < part.stat().st_size < len(mirror.files["/PyPI/all.zip"])
    counts = sync(target, mirror.url, ("PyPI", "npm"), now=lambda: 1_000_000.0)
    assert mirror.ranges == [f"bytes={part_size}-" for part_size in [5000]]
    assert counts == {eco: len(list((VULNDB / eco).glob("*.json"))) for eco in ("PyPI", "npm")}
    db = VulnDB.load(target)
    assert [a.id for a in db.affecting("npm", "lodash", "4.17.15")] == ["GHSA-p6mc-m468-83gw"]
    assert age_days(target, 1_000_000.0 + 86400 * 3) == pytest.approx(3.0)
    assert not (tmp_path / "vulndb.partial").exists()


def test_a_corrupt_archive_leaves_the_old_database_in_place(mirror, tmp_path):
    target = tmp_path / "vulndb"
    sync(target, mirror.url, ("npm",), now=lambda: 1.0)
    before = sorted(p.name for p in target.rglob("*"))
    mirror.files["/npm/all.zip"] = b"PK\x03\x04 this is not a zip archive at all" * 10
    with pytest.raises(InputError, match="not a valid OSV archive"):
        sync(target, mirror.url, ("npm",), now=lambda: 2.0)
    assert sorted(p.name for p in target.rglob("*")) == before
    assert (target / STAMP).read_text().strip() == "1"
    bad = io.BytesIO()
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("x.json", '{"no": "id"}')
    mirror.files["/npm/all.zip"] = bad.getvalue()
    with pytest.raises(InputError, match="not an OSV record"):
        sync(target, mirror.url, ("npm",), now=lambda: 3.0)
    assert VULNDB.exists() and [a.id for a in VulnDB.load(target).affecting("npm", "lodash", "1.0.0")]


def test_the_cli_syncs_from_the_configured_mirror_and_reports_status(mirror, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REMEDIATOR_VULNDB_DIR", str(tmp_path / "db"))
    monkeypatch.setenv("REMEDIATOR_VULNDB_URL", mirror.url)
    assert main(["vulndb", "status"]) == 1
    assert "run `remediator vulndb sync`" in capsys.readouterr().out
    npm_records = len(list((VULNDB / "npm").glob("*.json")))
    assert main(["vulndb", "sync", "--ecosystem", "npm"]) == 0
    assert f"npm: {npm_records} records" in capsys.readouterr().out
    assert main(["vulndb", "status"]) == 0
    assert f": {npm_records} records, synced" in capsys.readouterr().out
    assert main(["vulndb", "sync", "--ecosystem", "CPAN"]) == 2
    monkeypatch.setenv("REMEDIATOR_VULNDB_URL", "file:///etc")
    assert main(["vulndb", "sync", "--ecosystem", "npm"]) == 2


def test_a_missing_archive_is_an_error_that_changes_nothing(mirror, tmp_path):
    with pytest.raises(Retryable, match="HTTP 404"):
        sync(tmp_path / "db", mirror.url, ("Maven",))
    assert not (tmp_path / "db").exists()
    assert isinstance(tmp_path, Path)
