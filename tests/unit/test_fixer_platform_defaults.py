"""The platform-defaults fixer: a statement that only switches TLS verification off is deleted, Java
temp files come from NIO (owner-only), a Go session id comes from crypto/rand; every fix passes the
real verifier and code that is already safe or shaped otherwise is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import platform_defaults
from bot.core.diffmap import parse_diff
from bot.core.models import SourceFile
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("java-tls-verification-vuln-2", "src/main/java/com/acme/http/InventoryClient.java",
     "setHostnameVerifier", "tls-verification", "setHostnameVerifier", None),
    ("java-insecure-temp-file-vuln-31", "src/main/java/com/acme/UploadSpool.java", "createTempFile",
     "insecure-temp-file", "File.createTempFile",
     'File tmp = Files.createTempFile("upload-", ".bin").toFile();'),
    ("go-insecure-randomness-vuln-31", "internal/web/session.go", "rand.Int63", "insecure-randomness",
     "math/rand", "sid := rand.Text()"),
]  # fmt: skip


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize("row", CASES, ids=[c[0] for c in CASES])
def test_the_platform_default_comes_back(row):
    case, rel, needle, category, gone, expected = row
    sf = _file(case, rel)
    patched = fixed_text(sf, finding_at(sf, needle, category))
    assert patched is not None
    assert gone not in patched
    if expected:
        assert expected in [row.strip() for row in patched.splitlines()]


def test_the_go_fix_drops_an_import_left_unused():
    sf = _file("go-insecure-randomness-vuln-31", "internal/web/session.go")
    patched = fixed_text(sf, finding_at(sf, "rand.Int63", "insecure-randomness"))
    assert '"strconv"' not in patched and '"crypto/rand"' in patched and '"net/http"' in patched


def test_no_empty_suggestion_when_the_only_added_neighbour_is_blank_the_comment_stays(tmp_path):
    # before the change the file was "import express from 'express';\n\nconst app = express();\n"
    after = (
        "import express from 'express';\n\n// the staging gateway uses a self-signed certificate\n"
        "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n\nconst app = express();\n"
    )
    diff = (
        "diff --git a/s.ts b/s.ts\n--- a/s.ts\n+++ b/s.ts\n@@ -1,3 +1,6 @@\n"
        " import express from 'express';\n \n"
        "+// the staging gateway uses a self-signed certificate\n"
        "+process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n"
        "+\n const app = express();\n"
    )
    sf = SourceFile(parse_diff(diff).file("s.ts"), after, "typescript", False)
    out = fixers.propose(finding_at(sf, "NODE_TLS", "tls-verification"), {sf.path: sf})
    # the only added neighbour is blank: an empty suggestion may be read as a deletion, so the comment
    # stays (never an empty block), now saying what to do instead, and the switch goes
    assert out.replacement == (
        "// the staging gateway uses a self-signed certificate: trust its CA with NODE_EXTRA_CA_CERTS, "
        "never every certificate"
    )
    assert (out.start_line, out.end_line) == (3, 4)
    verdicts = verify_all([(sf, finding_at(sf, "NODE_TLS", "tls-verification"))], tmp_path)
    assert [(v.ok, v.reason) for v in verdicts] == [(True, "")]


def test_every_platform_default_fix_passes_verification(tmp_path):
    pairs = []
    for case, rel, needle, category, _, _ in CASES:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, category)))
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


@pytest.mark.parametrize(
    ("text", "path", "needle", "category"),
    [
        ("class A {\n  void f(javax.net.ssl.HttpsURLConnection c) {\n    c.setHostnameVerifier(v);\n  }\n}\n",
         "A.java", "setHostnameVerifier", "tls-verification"),  # a real verifier
        ("process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\nrun();\n", "a.js", "NODE_TLS", "tls-verification"),
        ("import java.io.File;\nclass A {\n  File f() throws Exception {\n"
         "    return File.createTempFile(\"a\", \".b\");\n  }\n}\n", "A.java", "createTempFile",
         "insecure-temp-file"),  # no java.nio.file.Files import
        ("import java.nio.file.Files;\nclass A {\n  java.io.File f(java.io.File d) throws Exception {\n"
         "    return File.createTempFile(\"a\", \".b\", d);\n  }\n}\n", "A.java", "createTempFile",
         "insecure-temp-file"),  # a directory given: by hand
        ('package a\n\nimport (\n\t"math/rand"\n\t"strconv"\n)\n\nfunc f() string {\n\tn := rand.Intn(9)\n'
         "\treturn strconv.FormatInt(rand.Int63(), 36) + strconv.Itoa(n)\n}\n", "a.go", "rand.Int63",
         "insecure-randomness"),  # math/rand used elsewhere too
    ],
)  # fmt: skip
def test_safe_or_other_shapes_are_left_alone(text, path, needle, category):
    sf = new_file(text, path)
    assert fixers.propose(finding_at(sf, needle, category), {sf.path: sf}).replacement is None


def test_odd_formatting_spaces_and_double_quotes():
    sf = new_file('x();\n  process.env["NODE_TLS_REJECT_UNAUTHORIZED"]  =  "0";\ny();\n', "a.js")
    out = fixers.propose(finding_at(sf, "NODE_TLS", "tls-verification"), {sf.path: sf})
    assert (out.start_line, out.end_line, out.replacement) == (2, 3, "y();")


_JAVA_ARG = st.text(alphabet='ab"x.; ', min_size=1, max_size=8)
_TEMP_ROW = st.one_of(
    st.text(alphabet='File.createTempFile("a", b)x;=() ', max_size=60),
    # the two-argument call the fixer rewrites, with hostile arguments and surroundings
    st.builds(
        "{}File.createTempFile({}, {}){}".format,
        st.sampled_from(["", "File t = ", "return ", "x.", "(", "use("]),
        _JAVA_ARG,
        _JAVA_ARG,
        st.sampled_from([";", ");", ".delete();", ""]),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example('File t = File.createTempFile("a", ".b");')
@given(_TEMP_ROW)
def test_untrusted_java_lines_never_crash_and_keep_their_arguments(row):
    sf = new_file(f"import java.nio.file.Files;\nclass A {{\n  void f() {{\n    {row}\n  }}\n}}\n", "A.java")
    out = platform_defaults.propose(finding_at(sf, sf.lines[3], "insecure-temp-file"), sf)
    if out is not None and out.replacement is not None:
        inner = row[row.index("File.createTempFile(") + len("File.createTempFile(") :]
        assert inner.split(")")[0] in out.replacement
        # only the call changes: the same arguments, through Files, then toFile()
        args = inner.split(")")[0]
        expected = row.replace(f"File.createTempFile({args})", f"Files.createTempFile({args}).toFile()", 1)
        assert out.replacement == f"    {expected}", (row, out.replacement)
        event("fixed")
