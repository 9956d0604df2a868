"""Dependency advice cross-checked against pip-audit on the same pinned requirements files, both
answered from the same local OSV records (tests/fixtures/vulndb/PyPI).

pip-audit queries an OSV API: here a local server on 127.0.0.1 that matches with `packaging` (an
implementation independent of Remediator's univers-based one) and answers OSV's /v1/query. Remediator
reads the records offline (`remediator sbom`, which lists every vulnerability per component). The
script compares the advisory ids each finds per requirements file, and times both commands.

    python3 -m venv /tmp/pa && /tmp/pa/bin/pip install pip-audit
    .venv/bin/python benchmarks/deps_vs_pip_audit.py --pip-audit /tmp/pa/bin/pip-audit

Results: benchmarks/results/deps_vs_pip_audit.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packaging.version import InvalidVersion, Version

REPO = Path(__file__).resolve().parents[1]
RECORDS = REPO / "tests" / "fixtures" / "vulndb"
RESULTS = REPO / "benchmarks" / "results" / "deps_vs_pip_audit.json"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _key(name: str, version: str) -> str:
    """One spelling per pin: PEP 503 name, PEP 440 normal form (``3.01`` and ``3.1`` are one version)."""
    return f"{_norm(name)}=={Version(version)}"


def _affected(record: dict, name: str, version: str) -> bool:
    try:
        v = Version(version)
    except InvalidVersion:
        return False
    for aff in record.get("affected", []):
        if aff["package"]["ecosystem"] != "PyPI" or _norm(aff["package"]["name"]) != name:
            continue
        if version in aff.get("versions", []):
            return True
        for rng in aff.get("ranges", []):
            if rng["type"] != "ECOSYSTEM":
                continue
            events = sorted(
                ((k, val) for e in rng["events"] for k, val in e.items()),
                key=lambda kv: Version("0") if kv[1] == "0" else Version(kv[1]),
            )
            inside = False
            for key, raw in events:
                bound = Version("0") if raw == "0" else Version(raw)
                if key == "introduced" and v >= bound:
                    inside = True
                elif (key == "fixed" and v >= bound) or (key == "last_affected" and v > bound):
                    inside = False
            if inside:
                return True
    return False


def serve(records: list[dict]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_POST(self) -> None:
            query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            name, version = _norm(query["package"]["name"]), query["version"]
            vulns = [r for r in records if _affected(r, name, version)]
            body = json.dumps({"vulns": vulns} if vulns else {}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def requirement_files(records: list[dict], files_wanted: int = 30) -> dict[str, str]:
    """Pinned files sampling the versions the records name (affected ones and fixes) of each package."""
    versions: dict[str, set[str]] = {}
    for r in records:
        for aff in r.get("affected", []):
            versions.setdefault(aff["package"]["name"], set()).update(aff.get("versions", []))
            for rng in aff.get("ranges", []):
                versions[aff["package"]["name"]].update(
                    val for e in rng["events"] for k, val in e.items() if k == "fixed"
                )
    lists = {name: sorted((v for v in vs if _valid(v)), key=Version) for name, vs in sorted(versions.items())}
    longest = max(len(vs) for vs in lists.values())
    files = {}
    for i in range(0, longest, max(1, longest // files_wanted)):
        pins = [f"{name}=={vs[i * len(vs) // longest]}\n" for name, vs in lists.items() if vs]
        files[f"requirements-{i:03d}.txt"] = "".join(pins)
    return files


def _valid(v: str) -> bool:
    try:
        Version(v)
    except InvalidVersion:
        return False
    return True


def run_pip_audit(pip_audit: str, req: Path, url: str) -> tuple[dict[str, set[str]], float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [
            pip_audit,
            "-r",
            str(req),
            "--no-deps",
            "--disable-pip",
            "-s",
            "osv",
            "--osv-url",
            url,
            "-f",
            "json",
            "--cache-dir",
            str(req.parent / ".pa-cache"),
            "--progress-spinner",
            "off",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    data = json.loads(proc.stdout or "{}")
    found = {
        _norm(d["name"]) + "==" + d["version"]: {v["id"] for v in d.get("vulns", [])}
        for d in data.get("dependencies", [])
    }
    return found, elapsed


def run_remediator(repo: Path, env: dict[str, str]) -> tuple[dict[str, set[str]], float]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "sbom", "--repo", str(repo)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
    )
    elapsed = time.perf_counter() - start
    doc = json.loads(proc.stdout)
    found: dict[str, set[str]] = {}
    for c in doc.get("components", []):
        found[_key(c["name"], c["version"])] = set()
    for v in doc.get("vulnerabilities", []):
        for a in v["affects"]:
            name, version = a["ref"].removeprefix("pkg:pypi/").split("@")
            found[_key(name, version)].add(v["id"])
    return found, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pip-audit", default=shutil.which("pip-audit") or "pip-audit")
    parser.add_argument("--output", default=str(RESULTS))
    args = parser.parse_args()
    records = [json.loads(p.read_text()) for p in sorted((RECORDS / "PyPI").glob("*.json"))]
    server = serve(records)
    url = f"http://127.0.0.1:{server.server_address[1]}/v1/query"
    files = requirement_files(records)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "REMEDIATOR_VULNDB_DIR": str(Path(tmp) / "db")}
        shutil.copytree(RECORDS, Path(tmp) / "db", ignore=shutil.ignore_patterns("Go", "npm", "*.md"))
        for name, text in files.items():
            repo = Path(tmp) / name.removesuffix(".txt")
            repo.mkdir()
            (repo / "requirements.txt").write_text(text)
            subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
            subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
            subprocess.run(
                ["git", "-c", "user.email=b@b", "-c", "user.name=b", "commit", "-qm", "x"],
                cwd=repo,
                check=True,
            )
            theirs, t_pa = run_pip_audit(args.pip_audit, repo / "requirements.txt", url)
            ours, t_rm = run_remediator(repo, env)
            same = theirs == ours
            rows.append(
                {
                    "file": name,
                    "pins": len(text.splitlines()),
                    "same_advisories": same,
                    "pip_audit": {k: sorted(v) for k, v in theirs.items()},
                    "remediator": {k: sorted(v) for k, v in ours.items()},
                    "seconds": {"pip_audit": round(t_pa, 3), "remediator": round(t_rm, 3)},
                }
            )
            print(
                f"{name}: {'same' if same else 'DIFFERENT'} advisories; "
                f"pip-audit {t_pa:.2f} s, remediator {t_rm:.2f} s"
            )
    server.shutdown()
    summary = {
        "files": len(rows),
        "pins": sum(r["pins"] for r in rows),
        "same_advisories": sum(r["same_advisories"] for r in rows),
        "advisories_found": sum(len(v) for r in rows for v in r["remediator"].values()),
        "median_seconds": {
            k: sorted(r["seconds"][k] for r in rows)[len(rows) // 2] for k in ("pip_audit", "remediator")
        },
    }
    Path(args.output).write_text(json.dumps({"summary": summary, "rows": rows}, indent=2) + "\n")
    print(json.dumps(summary, indent=2))
    return 0 if summary["same_advisories"] == summary["files"] else 1


if __name__ == "__main__":
    sys.exit(main())
