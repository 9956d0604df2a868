"""Dependency advice on real OSV records (tests/fixtures/vulndb): manifests and lockfiles read with their
lines, version ranges in each ecosystem's ordering, the fix chosen, and the review that comments it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.deps.advise import fixed_version
from bot.deps.manifests import ManifestError, dependencies
from bot.deps.osv import VulnDB, affects
from tests.fixtures import PLATFORM

VULNDB = PLATFORM.parent / "vulndb"
REPO = PLATFORM.parents[2]


@pytest.fixture(scope="module")
def db() -> VulnDB:
    return VulnDB.load(VULNDB)


def _deps(path: str, text: str) -> list[tuple[str, str, str, int, bool, str]]:
    return [(d.ecosystem, d.name, d.version, d.line, d.direct, d.via) for d in dependencies(path, text)]


def test_requirements_pins_with_their_lines_and_ranges_ignored():
    text = (
        "# app\nflask>=2\nPyYAML==5.3  # pinned\n-r base.txt\nrequests[socks]==2.19.0 ; python_version>'3'\n"
    )
    assert _deps("docs/prod.txt", text) == []  # not a name pip's convention gives requirements files
    assert _deps("requirements-prod.txt", text) == [
        ("PyPI", "PyYAML", "5.3", 3, True, ""),
        ("PyPI", "requests", "2.19.0", 5, True, ""),
    ]


def test_pyproject_pep621_and_poetry():
    text = (
        '[project]\nname = "x"\ndependencies = [\n  "jinja2==2.10",\n  "click>=8",\n]\n\n'
        '[tool.poetry.dependencies]\npython = "^3.11"\npyyaml = "5.3"\nrequests = "^2.0"\n'
    )
    assert _deps("pyproject.toml", text) == [
        ("PyPI", "jinja2", "2.10", 4, True, ""),
        ("PyPI", "pyyaml", "5.3", 10, True, ""),
    ]


def test_npm_manifest_and_lockfiles():
    pkg = '{\n  "dependencies": {\n    "lodash": "4.17.15",\n    "express": "^4.18.0"\n  }\n}\n'
    assert _deps("package.json", pkg) == [("npm", "lodash", "4.17.15", 3, True, "")]
    lock3 = json.dumps(
        {
            "lockfileVersion": 3,
            "packages": {
                "": {"dependencies": {"express": "4.17.1"}},
                "node_modules/express": {"version": "4.17.1", "dependencies": {"lodash": "^4"}},
                "node_modules/lodash": {"version": "4.17.15"},
                "node_modules/express/node_modules/qs": {"version": "6.7.0"},
            },
        },
        indent=2,
    )
    got = _deps("package-lock.json", lock3)
    line = {
        key: n
        for n, text in enumerate(lock3.splitlines(), 1)
        for key in ("express", "lodash", "qs")
        if f'node_modules/{key}"' in text
    }
    assert ("npm", "lodash", "4.17.15", line["lodash"], False, "express") in got
    assert ("npm", "qs", "6.7.0", line["qs"], False, "express") in got
    assert ("npm", "express", "4.17.1", line["express"], True, "") in got
    yarn = '# yarn lockfile v1\n\n"lodash@^4.17.0", lodash@^4.17.15:\n  version "4.17.15"\n  resolved "x"\n'
    assert _deps("yarn.lock", yarn) == [("npm", "lodash", "4.17.15", 4, False, "")]
    pnpm = "lockfileVersion: '6.0'\npackages:\n  /lodash@4.17.15:\n    resolution: {integrity: x}\n"
    assert _deps("pnpm-lock.yaml", pnpm) == [("npm", "lodash", "4.17.15", 3, False, "")]


def test_go_ruby_rust_maven_python_locks():
    gomod = (
        "module x\n\ngo 1.21\n\nrequire golang.org/x/text v0.3.5\n\n"
        "require (\n\tgolang.org/x/net v0.7.0 // indirect\n)\n"
    )
    assert _deps("go.mod", gomod) == [
        ("Go", "golang.org/x/text", "v0.3.5", 5, True, ""),
        ("Go", "golang.org/x/net", "v0.7.0", 8, False, ""),
    ]
    gem = (
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.3)\n      x (>= 1)\n"
        "    nokogiri (1.13.0-x86_64-linux)\n\nPLATFORMS\n"
    )
    assert _deps("Gemfile.lock", gem) == [
        ("RubyGems", "rack", "2.2.3", 4, False, ""),
        ("RubyGems", "nokogiri", "1.13.0", 6, False, ""),
    ]
    cargo = 'version = 3\n\n[[package]]\nname = "smallvec"\nversion = "1.6.0"\n'
    assert _deps("Cargo.lock", cargo) == [("crates.io", "smallvec", "1.6.0", 5, False, "")]
    poetry = (
        '[[package]]\nname = "pyyaml"\nversion = "5.3"\n\n[[package]]\nname = "jinja2"\nversion = "2.10"\n'
    )
    assert [d[1:4] for d in _deps("poetry.lock", poetry)] == [("pyyaml", "5.3", 3), ("jinja2", "2.10", 7)]
    pom = (
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n<properties><jackson.version>2.9.8</jackson.version>'
        "</properties>\n<dependencies>\n<dependency>\n<groupId>com.fasterxml.jackson.core</groupId>\n"
        "<artifactId>jackson-databind</artifactId>\n<version>${jackson.version}</version>\n</dependency>\n"
        "</dependencies>\n</project>\n"
    )
    assert _deps("pom.xml", pom) == [
        ("Maven", "com.fasterxml.jackson.core:jackson-databind", "2.9.8", 6, True, "")
    ]
    pipfile = json.dumps({"default": {"pyyaml": {"version": "==5.3"}}, "develop": {}}, indent=2)
    assert _deps("Pipfile.lock", pipfile) == [("PyPI", "pyyaml", "5.3", 3, True, "")]


def test_hostile_manifests_are_refused_cleanly():
    bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><project>&b;</project>'
    with pytest.raises(ManifestError):
        dependencies("pom.xml", bomb)
    with pytest.raises(ManifestError):
        dependencies("package.json", "{not json")
    with pytest.raises(ManifestError):
        dependencies("package-lock.json", "[" * 100_000)
    assert dependencies("README.md", "PyYAML==5.3") == []


def test_ranges_follow_each_ecosystems_ordering_on_real_records(db):
    ids = lambda eco, name, v: [a.id for a in db.affecting(eco, name, v)]  # noqa: E731
    assert "PYSEC-2021-142" in ids("PyPI", "PyYAML", "5.3")  # name normalised (pyyaml)
    assert "PYSEC-2021-142" in ids("PyPI", "pyyaml", "5.4b1")  # a pre-release below the fix
    assert ids("PyPI", "pyyaml", "5.4") == [] and ids("PyPI", "pyyaml", "6.0.1") == []
    assert "PYSEC-2020-96" in ids("PyPI", "pyyaml", "5.3") and "PYSEC-2020-96" not in ids(
        "PyPI", "pyyaml", "5.3.1"
    )
    assert ids("npm", "lodash", "4.17.15") == ["GHSA-p6mc-m468-83gw"]
    assert ids("npm", "lodash", "4.17.20") == [] and ids("npm", "lodash", "4.17.9") != []
    assert ids("npm", "Lodash", "4.17.15") == []  # npm names are case-sensitive
    assert "GO-2021-0113" in ids("Go", "golang.org/x/text", "v0.3.5")
    assert "GO-2021-0113" not in ids("Go", "golang.org/x/text", "v0.3.8")  # SEMVER ranges, v-less bounds
    assert ids("Go", "golang.org/x/text", "v0.39.0") == []
    # a pseudo-version orders by its base: v0.0.0-... is below every release
    assert ids("Go", "golang.org/x/text", "v0.0.0-20170915032832-14c0d48ead0c")
    assert ids("PyPI", "pyyaml", "not a version") == []


def test_osv_last_affected_and_explicit_versions():
    record = {
        "id": "TEST-1",
        "affected": [
            {
                "package": {"ecosystem": "PyPI", "name": "demo"},
                "ranges": [
                    {"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"last_affected": "1.4"}]}
                ],
                "versions": ["0.9.post1"],
            }
        ],
    }
    db = VulnDB([record])
    assert [bool(db.affecting("PyPI", "demo", v)) for v in ("0.9", "0.9.post1", "1.0", "1.4", "1.4.1")] == [
        False,
        True,
        True,
        True,
        False,
    ]
    adv = db.affecting("PyPI", "demo", "1.2")[0]
    assert affects(adv, "PyPI", "1.4") and not affects(adv, "PyPI", "2.0")


def test_the_fix_is_the_lowest_version_no_advisory_affects_within_the_major(db):
    [dep] = dependencies("requirements.txt", "PyYAML==5.3\n")
    assert fixed_version(dep, db.affecting("PyPI", "pyyaml", "5.3")) == ("5.4", True)
    [dep] = dependencies("requirements.txt", "jinja2==2.10\n")
    assert fixed_version(dep, db.affecting("PyPI", "jinja2", "2.10")) == ("2.11.3", True)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_a_change_pinning_vulnerable_versions_gets_a_verified_bump_on_each_line(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "requirements.txt").write_text("flask==3.0.0\n")
    (repo / "package.json").write_text('{\n  "dependencies": {\n    "express": "4.19.2"\n  }\n}\n')
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "base")
    (repo / "requirements.txt").write_text("flask==3.0.0\nPyYAML==5.3\npyyaml-include==1.3\n")
    (repo / "package.json").write_text(
        '{\n  "dependencies": {\n    "express": "4.19.2",\n    "lodash": "4.17.15"\n  }\n}\n'
    )
    _git(repo, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qam", "deps")
    vulndb = tmp_path / "vulndb"
    shutil.copytree(VULNDB, vulndb)
    env = {
        "REMEDIATOR_VULNDB_DIR": str(vulndb),
        "REMEDIATOR_DATA_DIR": str(tmp_path / "data"),
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "review",
            "--repo",
            str(repo),
            "--base",
            "HEAD~1",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    found = {
        (f["path"], f["start_line"]): f for f in report["findings"] if f["rule_id"] == "vulnerable-dependency"
    }
    assert set(found) == {("requirements.txt", 2), ("package.json", 4)}
    assert found[("requirements.txt", 2)]["replacement"] == "PyYAML==5.4"
    assert "PYSEC-2021-142" in found[("requirements.txt", 2)]["message"]
    assert found[("package.json", 4)]["replacement"] == '    "lodash": "4.17.20"'
    assert found[("package.json", 4)]["severity"] == "high"  # from the record's CVSS vector
    # without a database: a note, never a silent pass
    env["REMEDIATOR_VULNDB_DIR"] = str(tmp_path / "none")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "review",
            "--repo",
            str(repo),
            "--base",
            "HEAD~1",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert "remediator vulndb sync" in " ".join(json.loads(out.stdout)["notes"])


def test_a_go_bump_keeps_the_v_go_mod_needs(db):
    [dep] = dependencies("go.mod", "module x\n\nrequire golang.org/x/text v0.3.5\n")
    target, same = fixed_version(dep, db.affecting("Go", dep.name, dep.version))
    # GO-2026-5970 is fixed only in v0.39.0: the lowest version none of the three affect; for 0.x a
    # new minor is SemVer's breaking change, so the advice says so
    assert (target, same) == ("v0.39.0", False)


def test_the_sbom_lists_components_with_purls_and_their_vulnerabilities(db):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    from bot.deps.sbom import build_sbom

    manifests = {
        "requirements.txt": "PyYAML==5.3\nflask==3.0.0\n",
        "web/package.json": '{"dependencies": {"lodash": "4.17.15", "@babel/core": "7.0.0"}}',
        "go.mod": "module x\n\nrequire golang.org/x/text v0.3.5\n",
        "broken/package-lock.json": "{",
    }
    text, notes = build_sbom(manifests, db)
    assert JsonStrictValidator(SchemaVersion.V1_5).validate_str(text) is None
    doc = json.loads(text)
    assert {c["purl"] for c in doc["components"]} == {
        "pkg:pypi/pyyaml@5.3",
        "pkg:pypi/flask@3.0.0",
        "pkg:npm/lodash@4.17.15",
        "pkg:npm/%40babel/core@7.0.0",
        "pkg:golang/golang.org/x/text@v0.3.5",
    }
    vulns = {v["id"]: v for v in doc["vulnerabilities"]}
    assert vulns["PYSEC-2021-142"]["affects"] == [{"ref": "pkg:pypi/pyyaml@5.3"}]
    assert vulns["GHSA-p6mc-m468-83gw"]["recommendation"] == "Upgrade to lodash 4.17.20"
    assert notes == ["broken/package-lock.json: not a valid package-lock.json: JSONDecodeError"]


def test_the_sbom_command_describes_a_revision_without_vendored_trees(tmp_path, monkeypatch, capsys):
    from bot.cli.main import main

    repo = tmp_path / "repo"
    (repo / "node_modules" / "left-pad").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "requirements.txt").write_text("PyYAML==5.3\n")
    (repo / "node_modules" / "left-pad" / "package.json").write_text(
        '{"dependencies": {"lodash": "4.17.15"}}'
    )
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "one")
    (repo / "requirements.txt").write_text("PyYAML==6.0.1\n")
    _git(repo, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qam", "two")
    monkeypatch.setenv("REMEDIATOR_VULNDB_DIR", str(VULNDB))
    out = tmp_path / "bom.json"
    assert main(["sbom", "--repo", str(repo), "--rev", "HEAD~1", "--output", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert [c["purl"] for c in doc["components"]] == ["pkg:pypi/pyyaml@5.3"]
    assert {v["id"] for v in doc["vulnerabilities"]} >= {"PYSEC-2021-142"}
    assert main(["sbom", "--repo", str(repo)]) == 0
    assert "pkg:pypi/pyyaml@6.0.1" in capsys.readouterr().out
    assert main(["sbom", "--repo", str(repo), "--rev", "no-such-rev"]) == 2


def test_a_change_importing_the_package_a_go_advisory_names_ranks_higher(db, tmp_path):
    from bot.core.diffmap import parse_diff
    from bot.core.models import SourceFile
    from bot.deps.advise import dependency_findings

    gomod = "module x\n\nrequire golang.org/x/text v0.3.5\n"
    code = 'package main\n\nimport "golang.org/x/text/language"\n\nfunc main() { language.Parse("en") }\n'
    diff = (
        "diff --git a/go.mod b/go.mod\nnew file mode 100644\n--- /dev/null\n+++ b/go.mod\n@@ -0,0 +1,3 @@\n"
        + "".join(f"+{line}\n" for line in gomod.splitlines())
        + "diff --git a/main.go b/main.go\nnew file mode 100644\n"
        + "--- /dev/null\n+++ b/main.go\n@@ -0,0 +1,5 @@\n"
        + "".join(f"+{line}\n" for line in code.splitlines())
    )
    change = parse_diff(diff)
    manifest = SourceFile(change.file("go.mod"), gomod, None, False)
    main_go = SourceFile(change.file("main.go"), code, "go", False)
    plain = dependency_findings([manifest], db).findings
    reached = dependency_findings([manifest], db, [main_go]).findings
    assert len(plain) == len(reached) == 1
    assert "imports none of them" in plain[0].message
    assert "This change imports golang.org/x/text/language at main.go:3" in reached[0].message
    assert reached[0].severity == min(plain[0].severity + 1, 4)
