"""The Java guard fixer: a File joined under a directory is refused when its canonical path leaves it
(zip slip), and an ObjectInputStream gets a filter that accepts only the class it is cast to; the
guard keeps the declaration's indentation, and code that checks already is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import java_guards
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("java-path-traversal-vuln-31", "src/main/java/com/acme/Unzipper.java", "new FileOutputStream(target)",
     "path-traversal",
     "if (!target.getCanonicalPath().startsWith(dest.getCanonicalPath() + File.separator)) {"),
    ("java-deserialization-vuln-1", "src/main/java/com/acme/web/SyncServlet.java", "in.readObject()",
     "deserialization",
     'in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.acme.sync.SyncBatch;java.base/*;!*"));'),
]  # fmt: skip


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize(("case", "rel", "needle", "category", "expected"), CASES)
def test_a_guard_follows_the_declaration(case, rel, needle, category, expected):
    sf = _file(case, rel)
    finding = finding_at(sf, needle, category)
    patched = fixed_text(sf, finding)
    assert patched is not None
    rows = patched.splitlines()
    hit = next(i for i, row in enumerate(rows) if row.strip() == expected)
    assert (
        rows[hit][: len(rows[hit]) - len(rows[hit].lstrip())]
        == rows[hit - 1][: len(rows[hit - 1]) - len(rows[hit - 1].lstrip())]
    )  # the declaration's own indentation
    assert len(rows) > len(sf.lines)


def test_every_guard_passes_verification(tmp_path):
    pairs = []
    for case, rel, needle, category, _ in CASES:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, category)))
    # the Java flow analysis models setObjectInputFilter with an allow-list pattern, so the filter fix
    # is shown to remove the flaw
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


JAVA = "import java.io.*;\nimport com.acme.Batch;\nclass A {{\n  {sig} {{\n{body}  }}\n}}\n"


@pytest.mark.parametrize(
    ("sig", "body", "needle", "category"),
    [
        # checks already
        ("void f(File d, String n) throws IOException",
         "    File t = new File(d, n);\n"
         "    if (!t.getCanonicalPath().startsWith(d.getCanonicalPath())) return;\n"
         "    new FileOutputStream(t);\n", "FileOutputStream", "path-traversal"),
        # the base's type is not in the file: `new File(base, n)` takes a File or a String
        ("void f(String n) throws IOException",
         "    File t = new File(uploadDir, n);\n    new FileOutputStream(t);\n",
         "FileOutputStream", "path-traversal"),
        # no IOException to throw
        ("void f(File d, String n)", "    File t = new File(d, n);\n    new FileOutputStream(t);\n",
         "FileOutputStream", "path-traversal"),
        # the base is a call: evaluated twice
        ("void f(String n) throws IOException",
         "    File t = new File(base(), n);\n    new FileOutputStream(t);\n",
         "FileOutputStream", "path-traversal"),
        # read without a cast: which classes is not known
        ("Object f(InputStream s) throws Exception",
         "    ObjectInputStream in = new ObjectInputStream(s);\n    return in.readObject();\n", "readObject",
         "deserialization"),
        # filtered already
        ("Batch f(InputStream s) throws Exception",
         "    ObjectInputStream in = new ObjectInputStream(s);\n    in.setObjectInputFilter(x);\n"
         "    return (Batch) in.readObject();\n", "readObject", "deserialization"),
    ],
)  # fmt: skip
def test_checked_or_unknown_shapes_are_left_alone(sig, body, needle, category):
    sf = new_file(JAVA.format(sig=sig, body=body), "A.java")
    assert fixers.propose(finding_at(sf, needle, category), {sf.path: sf}).replacement is None


def test_a_string_base_is_made_a_file_before_its_canonical_path_is_taken():
    body = "    File t = new File(dir, n);\n    new FileOutputStream(t);\n"
    sf = new_file(JAVA.format(sig="void f(String dir, String n) throws IOException", body=body), "A.java")
    patched = fixed_text(sf, finding_at(sf, "FileOutputStream", "path-traversal"))
    assert patched is not None
    assert (
        "if (!t.getCanonicalPath().startsWith(new File(dir).getCanonicalPath() + File.separator)) {"
        in patched
    )
    field = JAVA.format(sig="void f(String n) throws IOException", body=body).replace(
        "class A {\n", 'class A {\n  private final File dir = new File("/srv");\n'
    )
    sf = new_file(field, "A.java")
    patched = fixed_text(sf, finding_at(sf, "FileOutputStream", "path-traversal"))
    assert patched is not None and "startsWith(dir.getCanonicalPath() + File.separator)" in patched


def test_odd_formatting_tabs_and_a_fully_qualified_filter():
    body = "\t\tObjectInputStream in = new ObjectInputStream(s);\n\t\treturn (Batch) in.readObject();\n"
    sf = new_file(JAVA.format(sig="Batch f(InputStream s) throws Exception", body=body), "A.java")
    patched = fixed_text(sf, finding_at(sf, "readObject", "deserialization"))
    assert (
        '\t\tin.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter("com.acme.Batch;'
        in patched
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["d", "d.toFile()", "base()", '"x"', "a.b"]), st.sampled_from(["n", "e.getName()", '"x"'])
)
def test_any_base_and_name_give_a_guard_that_names_them_or_nothing(base, name):
    body = f"    File t = new File({base}, {name});\n    new FileOutputStream(t);\n"
    sf = new_file(JAVA.format(sig="void f(File d, String n) throws IOException", body=body), "A.java")
    out = java_guards.propose(finding_at(sf, "FileOutputStream", "path-traversal"), sf)
    if out is not None and out.replacement is not None:
        assert f"startsWith({base}.getCanonicalPath() + File.separator)" in out.replacement
        assert base.replace(".toFile()", "").isidentifier()
