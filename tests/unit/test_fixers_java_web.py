"""The Java web fixers: servlet cookie flags set before addCookie, SecureRandom for secrets
(issue 12 item 1)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bot.analysis import fixers
from bot.analysis.fixers import java_web
from bot.core.diffmap import parse_diff
from bot.core.models import Confidence, Finding, Severity, SourceFile
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all


def _propose(text: str, needle: str, category: str, path: str = "src/A.java") -> Finding:
    lines = text.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{x}\n" for x in lines)
    )
    sf = SourceFile(parse_diff(diff).file(path), text, "java", False)
    line = next(n for n, t in enumerate(lines, 1) if needle in t)
    finding = Finding(
        "r", "semgrep", category, "CWE-0", "t", Severity.HIGH, Confidence.HIGH, path, line, line, "m"
    )
    return fixers.propose(finding, {path: sf})


SERVLET = """class S {
    void post(HttpServletResponse response, String token) {
        Cookie c = new Cookie("SESSION", token);
        c.setHttpOnly(true);
        response.addCookie(c);
    }
}
"""


def test_missing_cookie_flags_are_set_right_before_add_cookie():
    out = _propose(SERVLET, "addCookie", "insecure-cookie")
    assert out.replacement == "        c.setSecure(true);\n        response.addCookie(c);"
    out = _propose(SERVLET, "new Cookie", "insecure-cookie")
    assert out.start_line == 3 and out.end_line == 5
    done = SERVLET.replace("c.setHttpOnly(true);", "c.setHttpOnly(true);\n        c.setSecure(true);")
    assert _propose(done, "addCookie", "insecure-cookie").replacement is None


def test_random_for_a_secret_becomes_secure_random_and_a_seeded_or_unrelated_one_stays():
    token = (
        "import java.util.Random;\n\nclass T {\n    private final Random random = new Random();\n\n"
        "    String resetToken() {\n        return Long.toString(random.nextLong());\n    }\n}\n"
    )
    out = _propose(token, "random.nextLong", "insecure-randomness")
    assert out.start_line == 4
    assert out.replacement.startswith(
        "    private final java.security.SecureRandom random = new java.security.SecureRandom();\n"
    )
    seeded = token.replace("new Random()", "new Random(42)")
    assert _propose(seeded, "random.nextLong", "insecure-randomness").replacement is None
    game = token.replace("resetToken", "rollDice")
    assert _propose(game, "random.nextLong", "insecure-randomness").replacement is None


def test_a_joined_path_is_normalised_and_kept_under_its_base():
    ctrl = (
        "class C {\n    public Object avatar(String filename) throws IOException {\n"
        "        Path path = Paths.get(uploadDir, filename);\n"
        "        InputStream in = Files.newInputStream(path);\n"
        "        return in;\n    }\n}\n"
    )
    out = _propose(ctrl, "newInputStream", "path-traversal")
    assert out.start_line == 3 and out.end_line == 4
    assert out.replacement == (
        "        Path path = Paths.get(uploadDir, filename).toAbsolutePath().normalize();\n"
        "        if (!path.startsWith(Paths.get(uploadDir).toAbsolutePath().normalize())) {\n"
        '            throw new SecurityException("path escapes its base directory");\n        }\n'
        "        InputStream in = Files.newInputStream(path);"
    )
    checked = ctrl.replace(
        "        InputStream",
        "        if (!path.normalize().startsWith(base)) return null;\n        InputStream",
    )
    assert _propose(checked, "newInputStream", "path-traversal").replacement is None
    file = ctrl.replace(
        "Path path = Paths.get(uploadDir, filename);", "File path = new File(uploadDir, filename);"
    )
    assert _propose(file, "newInputStream", "path-traversal").replacement is None


CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MADE_HERE = [
    ("java-path-traversal-vuln-1", "src/main/java/com/acme/web/DownloadServlet.java",
     "File file = new File(BASE.toFile(), name);", "Path baseDir = BASE.toAbsolutePath().normalize();",
     "name"),
    ("java-path-traversal-vuln-2", "src/main/java/com/acme/profile/AvatarController.java",
     "Path path = Paths.get(uploadDir, filename);",
     "Path baseDir = Paths.get(uploadDir).toAbsolutePath().normalize();", "filename"),
]  # fmt: skip


def _corpus(case: str, rel: str) -> SourceFile:
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize(("case", "rel", "line", "base", "name"), MADE_HERE)
def test_a_path_made_from_a_name_gets_a_containment_check_right_before_it(case, rel, line, base, name):
    sf = _corpus(case, rel)
    finding = finding_at(sf, line, "path-traversal")
    out = fixers.propose(finding, {sf.path: sf})
    assert out.replacement is not None
    assert [row.strip() for row in out.replacement.splitlines()] == [
        base,
        f"if (!baseDir.resolve({name}).normalize().startsWith(baseDir)) {{",
        'throw new SecurityException("path escapes its base directory");',
        "}",
        line,  # the statement itself is unchanged
    ]
    assert (out.start_line, out.end_line) == (finding.start_line, finding.end_line)
    assert fixed_text(sf, finding) is not None


def test_every_containment_check_passes_verification(tmp_path):
    pairs = []
    for case, rel, line, _, _ in MADE_HERE:
        sf = _corpus(case, rel)
        pairs.append((sf, finding_at(sf, line, "path-traversal")))
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


STANDALONE = (
    "import java.io.File;\nimport java.io.IOException;\nimport java.nio.file.Files;\n"
    "import java.nio.file.Path;\nimport java.nio.file.Paths;\n\npublic class Reports {{\n"
    '    private static final Path BASE = Paths.get("/srv/reports");\n'
    '    private final String dir = "/srv/avatars";\n\n'
    "    public byte[] read(String name) throws IOException {{\n        {line}\n"
    "        return Files.readAllBytes({use});\n    }}\n}}\n"
)


@pytest.mark.parametrize(
    ("line", "use"),
    [("File file = new File(BASE.toFile(), name);", "file.toPath()"), ("Path p = Path.of(dir, name);", "p")],
)
def test_the_checked_class_compiles(tmp_path, line, use):
    if shutil.which("javac") is None:
        pytest.skip("javac is not installed")
    sf = new_file(STANDALONE.format(line=line, use=use), "src/Reports.java")
    patched = fixed_text(sf, finding_at(sf, line, "path-traversal"))
    assert patched is not None and "baseDir.resolve(name).normalize().startsWith(baseDir)" in patched
    source = tmp_path / "Reports.java"
    source.write_text(patched, encoding="utf-8")
    done = subprocess.run(
        ["javac", "-d", str(tmp_path / "classes"), str(source)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "line",
    [
        "File file = new File(dirFile, name);",  # a File base: its canonical form is the developer's call
        "File file = new File(BASE.toFile(), name.trim());",  # not a plain name
        "File file = new File(BASE.toFile(), name, more);",
        "Path p = BASE.resolve(name);",  # not where a path is made from a name
    ],
)
def test_other_made_paths_are_left_alone(line):
    sf = new_file(STANDALONE.format(line=line, use="name"), "src/Reports.java")
    assert java_web.propose(finding_at(sf, line, "path-traversal"), sf) is None


def test_a_method_that_already_checks_is_left_alone():
    line = "File file = new File(BASE.toFile(), name);"
    text = STANDALONE.format(line=line, use="file.toPath()").replace(
        "        return Files",
        '        if (!file.getCanonicalPath().startsWith("/srv")) return null;\n        return Files',
    )
    sf = new_file(text, "src/Reports.java")
    assert java_web.propose(finding_at(sf, line, "path-traversal"), sf) is None
