"""The Go Host-header redirect fixer (issue 12): ``http.Redirect(w, r, fmt.Sprintf("//%s%s", r.Host, p),
code)`` becomes a redirect to the path alone, checked to be a path on this site, with ``net/url`` and
``strings`` imported and ``fmt`` dropped when nothing else used it; other shapes are left alone; the
corpus fix passes the real verifier; hostile path expressions never make it raise or change the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.fixers import go_host_redirects
from bot.analysis.verify import apply_fix
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SLASHES = (CORPUS / "go-open-redirect-vuln-31" / "after" / "internal" / "web" / "slashes.go").read_text(
    encoding="utf-8"
)
CALL = 'http.Redirect(w, r, fmt.Sprintf("//%s%s", r.Host, path[:len(path)-1]), http.StatusMovedPermanently)'


def test_the_host_is_dropped_and_the_path_checked():
    sf = new_file(SLASHES, "internal/web/slashes.go")
    out = fixed_text(sf, finding_at(sf, "http.Redirect", "open-redirect"))
    assert out is not None
    assert 'import (\n\t"net/http"\n\t"net/url"\n\t"strings"\n)' in out  # fmt had no other use
    body = [row.strip() for row in out.splitlines()]
    at = body.index("target := path[:len(path)-1]")
    assert body[at : at + 6] == [
        "target := path[:len(path)-1]",
        "u, err := url.Parse(target)",
        'if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(target, "/") || '
        'strings.HasPrefix(target, "//") || strings.Contains(target, "\\\\") {',
        'target = "/"',
        "}",
        "http.Redirect(w, r, target, http.StatusMovedPermanently)",
    ]
    assert out.splitlines()[at].startswith("\t\t\t")  # the statement's own indentation


def test_fmt_stays_when_something_else_uses_it():
    text = SLASHES.replace("next.ServeHTTP(w, r)", 'fmt.Println("next")\n\t\tnext.ServeHTTP(w, r)')
    sf = new_file(text, "internal/web/slashes.go")
    out = fixed_text(sf, finding_at(sf, "http.Redirect", "open-redirect"))
    assert out is not None and '\t"fmt"\n' in out


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"//%s%s", r.Host', '"https://%s%s", r.Host'),  # a scheme: another shape
        ("r.Host, path", "host, path"),  # not the request's Host
        (CALL, CALL.replace("http.Redirect(w, r,", "http.Redirect(\n\t\t\t\tw, r,")),  # over several lines
    ],
)
def test_other_shapes_are_left_alone(old, new):
    text = SLASHES.replace(old, new).replace("path := r.URL.Path", "path, host := r.URL.Path, r.Host")
    sf = new_file(text, "internal/web/slashes.go")
    assert fixed_text(sf, finding_at(sf, "http.Redirect", "open-redirect")) is None


def test_the_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(SLASHES, "internal/web/slashes.go")
    verdicts = verify_all([(sf, finding_at(sf, "http.Redirect", "open-redirect"))], tmp_path)
    assert [v.reason for v in verdicts] == [""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="path[]:len()-1\"'`\\/%s+{} \t", max_size=40))
def test_hostile_path_expressions_never_raise_and_only_the_redirect_changes(expr):
    text = SLASHES.replace("path[:len(path)-1]), http", f"{expr}), http")
    sf = new_file(text, "internal/web/slashes.go")
    if not any("http.Redirect" in row for row in sf.lines):
        return
    out = go_host_redirects.propose(finding_at(sf, "http.Redirect", "open-redirect"), sf)
    if out is None or out.replacement is None:
        return
    patched = apply_fix(text, out)
    assert patched is not None
    assert f"target := {expr.strip()}" in patched
    assert "r.Host" not in patched and patched.count("http.Redirect(w, r, target,") == 1
