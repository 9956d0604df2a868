"""One manifest or lockfile of every supported kind, each pinning a version that real OSV records
(tests/fixtures/vulndb: PyPA, Go and GitHub advisory databases) name as vulnerable: every advisory is
reported on the line that pins it, with the fixed version the records give. Also requirements files'
``-r``/``-c`` includes, pre-releases and withdrawn records, as the OSV schema defines them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from bot.core.diffmap import parse_diff
from bot.core.models import SourceFile
from bot.deps.advise import dependency_findings
from bot.deps.manifests import include_path, requirement_includes
from bot.deps.osv import VulnDB
from bot.deps.reach import ImportIndex
from tests.fixtures import PLATFORM

VULNDB = PLATFORM.parent / "vulndb"
REPO = PLATFORM.parents[2]

PACKAGE_LOCK_V1 = {
    "name": "app",
    "lockfileVersion": 1,
    "dependencies": {"minimist": {"version": "1.2.5", "resolved": "x", "integrity": "y"}},
}
PACKAGE_LOCK_V3 = {
    "name": "app",
    "lockfileVersion": 3,
    "packages": {
        "": {"dependencies": {"mkdirp": "0.5.5"}},
        "node_modules/mkdirp": {"version": "0.5.5", "dependencies": {"minimist": "^1.2.5"}},
        "node_modules/minimist": {"version": "1.2.5"},
    },
}

# path -> (text, {(package, line): (advisory ids, fixed version offered)})
TREE: dict[str, tuple[str, dict[tuple[str, int], tuple[set[str], str]]]] = {
    "requirements.txt": (
        "-c constraints.txt\nflask==3.0.0\nPyYAML\njinja2==2.10\n",
        {
            ("PyYAML", 3): ({"PYSEC-2021-142", "PYSEC-2020-96"}, "5.4"),
            ("jinja2", 4): ({"PYSEC-2019-217", "PYSEC-2021-66"}, "2.11.3"),
        },
    ),
    "constraints.txt": ("# pins\nPyYAML==5.3\n", {("PyYAML", 2): ({"PYSEC-2021-142"}, "5.4")}),
    "pyproject.toml": (
        '[project]\nname = "svc"\ndependencies = [\n  "django==3.2.4",\n]\n\n'
        '[tool.poetry.dependencies]\npython = "^3.11"\npyyaml = "5.3"\n',
        {("django", 4): ({"PYSEC-2021-109"}, "3.2.25"), ("pyyaml", 9): ({"PYSEC-2021-142"}, "5.4")},
    ),
    "poetry.lock": (
        '[[package]]\nname = "jinja2"\nversion = "2.10"\n',
        {("jinja2", 3): ({"PYSEC-2021-66"}, "")},
    ),
    "uv.lock": (
        'version = 1\n\n[[package]]\nname = "pyyaml"\nversion = "5.3"\n',
        {("pyyaml", 5): ({"PYSEC-2021-142"}, "")},
    ),
    "Pipfile.lock": (
        json.dumps({"default": {"django": {"version": "==3.2.4"}}, "develop": {}}, indent=2),
        {("django", 3): ({"PYSEC-2021-109"}, "3.2.25")},
    ),
    "package.json": (
        '{\n  "dependencies": {\n    "lodash": "4.17.15",\n    "minimist": "1.2.5"\n  }\n}\n',
        {
            ("lodash", 3): ({"GHSA-p6mc-m468-83gw"}, "4.17.20"),
            ("minimist", 4): ({"GHSA-xvch-5gv4-984h"}, "1.2.6"),
        },
    ),
    "v1/package-lock.json": (
        json.dumps(PACKAGE_LOCK_V1, indent=2),
        {("minimist", 5): ({"GHSA-xvch-5gv4-984h"}, "1.2.6")},
    ),
    "v3/package-lock.json": (
        json.dumps(PACKAGE_LOCK_V3, indent=2),
        {("minimist", 16): ({"GHSA-xvch-5gv4-984h"}, "")},
    ),
    "yarn.lock": (
        '# yarn lockfile v1\n\nminimist@^1.2.5:\n  version "1.2.5"\n  resolved "x"\n',
        {("minimist", 4): ({"GHSA-xvch-5gv4-984h"}, "")},
    ),
    "pnpm-lock.yaml": (
        "lockfileVersion: '6.0'\npackages:\n  /minimist@1.2.5:\n    resolution: {integrity: x}\n",
        {("minimist", 3): ({"GHSA-xvch-5gv4-984h"}, "")},
    ),
    "go.mod": (
        "module example.com/svc\n\ngo 1.21\n\nrequire golang.org/x/text v0.3.5\n",
        {("golang.org/x/text", 5): ({"GO-2021-0113", "GO-2022-1059", "GO-2026-5970"}, "v0.39.0")},
    ),
    "pom.xml": (
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n<properties>\n'
        "<log4j.version>2.14.1</log4j.version>\n</properties>\n<dependencies>\n<dependency>\n"
        "<groupId>org.apache.logging.log4j</groupId>\n<artifactId>log4j-core</artifactId>\n"
        "<version>${log4j.version}</version>\n</dependency>\n</dependencies>\n</project>\n",
        {("org.apache.logging.log4j:log4j-core", 8): ({"GHSA-jfh8-c2jp-5v3q"}, "")},
    ),
    "Gemfile.lock": (
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.13.3-x86_64-linux)\n"
        "      racc (~> 1.4)\n\nPLATFORMS\n  x86_64-linux\n",
        {("nokogiri", 4): ({"GHSA-crjr-9rc5-ghw8"}, "")},
    ),
    "Cargo.lock": (
        'version = 3\n\n[[package]]\nname = "regex"\nversion = "1.5.4"\n',
        {("regex", 5): ({"GHSA-m5pq-gvj9-9vr8"}, "")},
    ),
}


@pytest.fixture(scope="module")
def db() -> VulnDB:
    return VulnDB.load(VULNDB)


def _added(path: str, text: str) -> SourceFile:
    lines = text.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    return SourceFile(parse_diff(diff).file(path), text, None, False)


def _reader(tree: dict[str, str]):
    return lambda path: tree[path].encode() if path in tree else None


def test_every_manifest_kind_reports_each_advisory_on_its_line_with_the_fixed_version(db):
    files = [_added(path, text) for path, (text, _) in TREE.items()]
    result = dependency_findings(files, db, read=_reader({p: t for p, (t, _) in TREE.items()}))
    assert result.checked and result.manifests == len(TREE)
    got = {}
    for f in result.findings:
        name = f.title.removeprefix("Vulnerable dependency: ").rsplit(" ", 1)[0]
        got[(f.path, name, f.start_line)] = f
    expected = {
        (path, name, line): want for path, (_, exp) in TREE.items() for (name, line), want in exp.items()
    }
    assert set(got) == set(expected)
    for key, (ids, bump) in expected.items():
        finding = got[key]
        for advisory in ids:
            assert advisory in finding.message, (key, finding.message)
        if bump:
            assert f"Upgrade {key[1]} to {bump}" in finding.remediation[0], (key, finding.remediation)
    # exact fixed versions the real records give, in each ecosystem's ordering
    assert "Fixed in: 2.15.0." in got[("pom.xml", "org.apache.logging.log4j:log4j-core", 8)].message
    assert (
        "Upgrade org.apache.logging.log4j:log4j-core to 2.15.0"
        in got[("pom.xml", "org.apache.logging.log4j:log4j-core", 8)].remediation[0]
    )
    assert "Upgrade nokogiri to 1.13.4" in got[("Gemfile.lock", "nokogiri", 4)].remediation[0]
    assert "Upgrade regex to 1.5.5" in got[("Cargo.lock", "regex", 5)].remediation[0]
    assert "pulled in by mkdirp" in got[("v3/package-lock.json", "minimist", 16)].message
    # the direct pins carry a one-line bump; the lockfiles' transitive entries carry advice instead
    assert got[("package.json", "minimist", 4)].replacement == '    "minimist": "1.2.6"'
    assert got[("v3/package-lock.json", "minimist", 16)].replacement is None
    for path, name, line in got:
        assert TREE[path][0].splitlines()[line - 1].strip(), (path, name, line)


def test_a_constraints_file_pins_what_the_requirements_file_leaves_open(db):
    tree = {
        "requirements.txt": "-r requirements/base.txt\n--constraint=../outside.txt\nPyYAML\nrequests\n",
        "requirements/base.txt": "-c ../constraints/prod.txt\nflask==3.0.0\n",
        "constraints/prod.txt": "pyyaml==5.3\nrequests==2.31.0\n",
    }
    result = dependency_findings(
        [_added("requirements.txt", tree["requirements.txt"])], db, read=_reader(tree)
    )
    [finding] = result.findings
    assert finding.path == "requirements.txt" and finding.start_line == 3
    assert "PyYAML 5.3 (pinned by constraints/prod.txt:1)" in finding.message
    assert "in constraints/prod.txt:1" in finding.remediation[0]
    assert finding.replacement is None  # the version is not on this line: the step names the file
    assert any("'../outside.txt' is outside the repository" in note for note in result.notes)
    # without the head's contents the includes cannot be read: the loose requirement stays quiet
    assert dependency_findings([_added("requirements.txt", tree["requirements.txt"])], db).findings == []


def test_includes_are_bounded_and_cycles_end():
    tree = {f"r{n}.txt": f"-r r{n + 1}.txt\n-r r0.txt\n" for n in range(40)}
    tree["requirements.txt"] = "-r r0.txt\nPyYAML\n"
    result = dependency_findings(
        [_added("requirements.txt", tree["requirements.txt"])], VulnDB([]), read=_reader(tree)
    )
    assert result.findings == []
    assert any("includes beyond" in note for note in result.notes)


def test_include_lines_in_every_form_pip_accepts():
    text = (
        "-r a.txt\n-rb.txt\n--requirement c.txt\n--requirement=d.txt\n"
        "-c e.txt\n--constraint=f.txt\n# -r g.txt\n"
    )
    assert requirement_includes(text) == [
        ("r", "a.txt"),
        ("r", "b.txt"),
        ("r", "c.txt"),
        ("r", "d.txt"),
        ("c", "e.txt"),
        ("c", "f.txt"),
    ]
    assert include_path("deploy/requirements.txt", "../base.txt") == "base.txt"
    assert include_path("requirements.txt", "../base.txt") is None
    assert include_path("requirements.txt", "/etc/passwd") is None
    assert include_path("requirements.txt", "https://example.com/r.txt") is None


_INCLUDE_HEAD = st.sampled_from(
    ["-r ", "-c ", "-r", "-c", "--requirement ", "--requirement=", "--constraint=", "# -r ", "x "]
)
_INCLUDE_NAME = st.text(alphabet="/.:\\ab#= \t", min_size=0, max_size=20)


@settings(max_examples=300)
@given(
    st.one_of(
        st.text(max_size=300), st.lists(st.tuples(_INCLUDE_HEAD, _INCLUDE_NAME).map("".join)).map("\n".join)
    ),
    st.one_of(st.text(max_size=60), _INCLUDE_NAME),
)
def test_include_parsing_never_escapes_the_repository(text, named):
    for line in text.splitlines():
        for kind, target in requirement_includes(line):
            # a file named on an include line, as written there: no whitespace, no comment, the kind
            # its option says
            assert kind == ("c" if line.lstrip().startswith(("-c", "--constraint")) else "r"), line
            assert line.lstrip().startswith(("-r", "-c", "--requirement", "--constraint")), line
            assert target and not any(ch.isspace() for ch in target)
            assert target in line.split(" #", 1)[0]
            event("an include was read")
    resolved = include_path("app/requirements.txt", named)
    assert resolved is None or not (resolved.startswith(("/", "../")) or resolved == "..")
    if resolved is not None:
        event("a name resolved inside the repository")


def test_pre_releases_and_withdrawn_records_as_osv_defines(db):
    ids = lambda eco, name, v: {a.id for a in db.affecting(eco, name, v)}  # noqa: E731
    # a pre-release of the fixed version sorts below it: still affected
    assert "GHSA-xvch-5gv4-984h" in ids("npm", "minimist", "1.2.6-beta.1")
    assert "GHSA-xvch-5gv4-984h" not in ids("npm", "minimist", "1.2.6")
    assert "GHSA-jfh8-c2jp-5v3q" in ids("Maven", "org.apache.logging.log4j:log4j-core", "2.15.0-rc1")
    assert "GHSA-jfh8-c2jp-5v3q" in ids("Maven", "org.apache.logging.log4j:log4j-core", "2.0-beta9")
    assert ids("Maven", "org.apache.logging.log4j:log4j-core", "2.12.2") == set()
    assert ids("Maven", "org.apache.logging.log4j:log4j-core", "2.3.1") == set()
    # PYSEC-2020-176's range ends at the pre-release 5.2b1: that version itself is outside it
    assert "PYSEC-2020-176" in ids("PyPI", "pyyaml", "5.1.2")
    assert "PYSEC-2020-176" not in ids("PyPI", "pyyaml", "5.2b1")
    assert "PYSEC-2020-176" not in ids("PyPI", "pyyaml", "5.2")
    # a withdrawn record (OSV: "withdrawn" set) affects nothing
    record = json.loads((VULNDB / "RubyGems" / "GHSA-crjr-9rc5-ghw8.json").read_text())
    assert VulnDB([record]).affecting("RubyGems", "nokogiri", "1.13.3")
    record["withdrawn"] = "2022-06-01T00:00:00Z"
    assert VulnDB([record]).affecting("RubyGems", "nokogiri", "1.13.3") == []


def test_fixture_records_are_the_real_ones():
    for eco in ("Maven", "RubyGems", "crates.io", "npm"):
        for path in (VULNDB / eco).glob("*.json"):
            record = json.loads(path.read_text())
            assert record["id"] == Path(path).stem and record["aliases"], path


def _commit(repo: Path, message: str) -> None:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, capture_output=True)
    subprocess.run(
        ["git", "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", message],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _review_json(repo: Path, tmp_path: Path) -> dict:
    vulndb = tmp_path / "vulndb"
    if not vulndb.exists():
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
    return json.loads(out.stdout)


@pytest.mark.slow
def test_an_advisory_whose_packages_the_repository_never_imports_ranks_lower(tmp_path):
    """GO-2021-0113 and its siblings name golang.org/x/text/language: a repository that imports it
    (in a file the change does not touch) keeps the severity and is told where; one that never does
    ranks it one level lower and says so."""
    results = {}
    for name, uses in (("uses", True), ("unused", False)):
        repo = tmp_path / name
        (repo / "cmd").mkdir(parents=True)
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        (repo / "go.mod").write_text("module example.com/svc\n\ngo 1.21\n")
        imports = '\t"fmt"\n\t"golang.org/x/text/language"\n' if uses else '\t"fmt"\n'
        (repo / "cmd" / "main.go").write_text(
            f"package main\n\nimport (\n{imports})\n\nfunc main() {{ fmt.Println() }}\n"
        )
        _commit(repo, "base")
        (repo / "go.mod").write_text(
            "module example.com/svc\n\ngo 1.21\n\nrequire golang.org/x/text v0.3.5\n"
        )
        _commit(repo, "bump")
        [finding] = [
            f for f in _review_json(repo, tmp_path)["findings"] if f["rule_id"] == "vulnerable-dependency"
        ]
        results[name] = finding
    assert "The repository imports golang.org/x/text/language at cmd/main.go:5" in results["uses"]["message"]
    assert "the repository imports none of them: ranked one level lower" in results["unused"]["message"]
    order = ["low", "medium", "high", "critical"]
    assert order.index(results["unused"]["severity"]) == order.index(results["uses"]["severity"]) - 1


def test_imports_are_read_from_go_python_and_javascript():
    index = ImportIndex.build(
        {
            "a.go": b'package a\nimport "net/http"\nimport (\n  x "golang.org/x/net/html" // c\n)\n',
            "b.py": b"import yaml, os.path as p\nfrom jinja2.sandbox import Sandbox\nfrom . import z\n",
            "c.js": b"const _ = require('lodash');\nimport m from \"minimist\";\nrequire('./local');\n",
            "node_modules/x/i.js": b"require('evil')\n",
        }
    )
    assert index.first == {
        "net/http": ("a.go", 2),
        "golang.org/x/net/html": ("a.go", 4),
        "yaml": ("b.py", 1),
        "os.path": ("b.py", 1),
        "jinja2.sandbox": ("b.py", 2),
        "lodash": ("c.js", 1),
        "minimist": ("c.js", 2),
    }
    assert index.importing(["jinja2", "golang.org/x/net/html", "requests"]) == [
        ("a.go", 4, "golang.org/x/net/html"),
        ("b.py", 2, "jinja2"),
    ]
    assert index.complete


@given(st.binary(max_size=2000))
def test_import_reading_takes_any_bytes(data):
    for path in ("x.go", "x.py", "x.js"):
        index = ImportIndex.build({path: data})
        assert all(isinstance(k, str) for k in index.first)


@given(st.lists(st.text(alphabet="/.:\\abc", min_size=1, max_size=30), min_size=1, max_size=300))
def test_includes_naming_outside_places_add_one_note_per_file_however_many(named):
    # every line a note made a requirements file of 50,000 '-r /x' lines a multi-megabyte review
    # summary, which the host refuses: the whole review of that change would be lost
    text = "".join(f"-r {n}\n" for n in named) + "PyYAML\n"
    result = dependency_findings([_added("requirements.txt", text)], VulnDB([]), read=_reader({}))
    outside = [n for n in result.notes if "outside the repository" in n]
    assert len(outside) <= 2
    assert all(len(n) < 400 for n in result.notes)
    assert len(result.notes) <= 2 + len({include_path("requirements.txt", n) for n in named})
