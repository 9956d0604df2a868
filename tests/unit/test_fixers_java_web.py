"""The Java web fixers: servlet cookie flags set before addCookie, SecureRandom for secrets
(issue 12 item 1)."""

from __future__ import annotations

from bot.analysis import fixers
from bot.core.diffmap import parse_diff
from bot.core.models import Confidence, Finding, Severity, SourceFile


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
