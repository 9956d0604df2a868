"""The Go path fixer: a name joined under a directory is refused unless filepath.IsLocal accepts it, in
an HTTP handler (400) or an archive loop (an error); every fix passes the real verifier, and code that
checks already or has no way to refuse is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import go_paths
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("go-path-traversal-vuln-1", "internal/api/reports.go", "os.ReadFile", "if !filepath.IsLocal(name) {"),
    (
        "go-path-traversal-vuln-2",
        "internal/web/assets.go",
        "http.ServeFile",
        'if !filepath.IsLocal(vars["name"]) {',
    ),
    ("go-path-traversal-vuln-31", "internal/archive/unzip.go", "os.Create", "if !filepath.IsLocal(f.Name) {"),
]


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize(("case", "rel", "needle", "expected"), CASES)
def test_a_joined_name_is_refused_unless_local(case, rel, needle, expected):
    sf = _file(case, rel)
    finding = finding_at(sf, needle, "path-traversal")
    out = fixers.propose(finding, {sf.path: sf})
    assert out.replacement is not None
    rows = out.replacement.splitlines()
    assert rows[0].strip() == expected
    assert rows[0].startswith("\t") and rows[1].startswith(
        "\t\t"
    )  # the statement's own indentation, one deeper
    assert out.end_line == finding.end_line
    assert fixed_text(sf, finding) is not None


def test_every_go_path_fix_passes_verification(tmp_path):
    pairs = []
    for case, rel, needle, _ in CASES:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, "path-traversal")))
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


HEAD = 'package a\n\nimport (\n\t"net/http"\n\t"os"\n\t"path/filepath"\n)\n\n'


@pytest.mark.parametrize(
    "body",
    [
        # checked already
        'func h(w http.ResponseWriter, r *http.Request) {\n\tn := r.URL.Query().Get("n")\n'
        '\tif !filepath.IsLocal(n) {\n\t\treturn\n\t}\n\tos.ReadFile(filepath.Join("/d", n))\n}\n',
        # not a handler and no error result: no way to refuse that keeps the function's contract
        'func load(n string) []byte {\n\tb, _ := os.ReadFile(filepath.Join("/d", n))\n\treturn b\n}\n',
        # a handler that returns something
        "func h(w http.ResponseWriter, r *http.Request) error {\n"
        '\t_, err := os.ReadFile(filepath.Join("/d", r.URL.Path))\n\treturn err\n}\n',
    ],
)
def test_checked_code_or_no_way_to_refuse_is_left_alone(body):
    sf = new_file(HEAD + body, "a.go")
    assert fixers.propose(finding_at(sf, "ReadFile", "path-traversal"), {sf.path: sf}).replacement is None


def test_odd_formatting_spaces_for_indentation_and_another_writer_name():
    body = (
        'func h(rw http.ResponseWriter, req *http.Request) {\n    n := req.FormValue("n")\n'
        '    os.Remove(filepath.Join("/d",  n))\n}\n'
    )
    sf = new_file(HEAD + body, "a.go")
    patched = fixed_text(sf, finding_at(sf, "os.Remove", "path-traversal"))
    assert patched is not None
    assert (
        '    if !filepath.IsLocal(n) {\n        http.Error(rw, "invalid path", http.StatusBadRequest)\n'
        in patched
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet='n(){}[]".,:= \tfilepath.Join', max_size=40))
def test_untrusted_names_never_crash_and_the_guard_names_the_joined_value(name):
    body = (
        f'func h(w http.ResponseWriter, r *http.Request) {{\n\tos.ReadFile(filepath.Join("/d", {name}))\n}}\n'
    )
    sf = new_file(HEAD + body, "a.go")
    out = go_paths.propose(finding_at(sf, "ReadFile", "path-traversal"), sf)
    if out is not None and out.replacement is not None:
        assert out.replacement.splitlines()[0].strip().startswith("if !filepath.IsLocal(")
