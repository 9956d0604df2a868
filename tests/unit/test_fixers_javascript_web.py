"""The JavaScript/TypeScript web fixers: innerHTML -> textContent for text, cookie options, relative-only
redirects and contained paths; markup, lookups and checked values are left alone (issue 12 item 1)."""

from __future__ import annotations

from bot.analysis import fixers
from bot.core.diffmap import parse_diff
from bot.core.models import Confidence, Finding, Severity, SourceFile


def _propose(text: str, needle: str, category: str, path: str = "src/app.js") -> Finding:
    lines = text.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{x}\n" for x in lines)
    )
    language = {"ts": "typescript", "rb": "ruby"}.get(path.rsplit(".", 1)[-1], "javascript")
    sf = SourceFile(parse_diff(diff).file(path), text, language, False)
    line = next(n for n, t in enumerate(lines, 1) if needle in t)
    finding = Finding(
        "r", "semgrep", category, "CWE-0", "t", Severity.HIGH, Confidence.HIGH, path, line, line, "m"
    )
    return fixers.propose(finding, {path: sf})


def test_inner_html_of_text_becomes_text_content_and_markup_is_left_as_advice():
    text = "const p = new URLSearchParams(location.search);\n"
    text += 'document.getElementById("q").innerHTML = p.get("q");\n'
    out = _propose(text, "innerHTML", "xss")
    assert out.replacement == 'document.getElementById("q").textContent = p.get("q");'
    # markup never becomes textContent (its tags would show as text): plain markup is rebuilt as
    # elements (javascript_markup), a value inside a tag stays advice
    markup = 'el.innerHTML = "<b>" + name + "</b>";\n'
    rebuilt = _propose(markup, "innerHTML", "xss").replacement
    assert rebuilt is not None and "textContent" not in rebuilt and "createElement" in rebuilt
    attribute = "el.innerHTML = '<a href=\"' + url + '\">go</a>';\n"
    assert _propose(attribute, "innerHTML", "xss").replacement is None
    named = "el.innerHTML = event.data.html;\n"
    assert _propose(named, "innerHTML", "xss").replacement is None


def test_cookie_options_are_added_or_turned_on():
    base = "router.post('/s', (req, res) => {\n"
    base += "  res.cookie('session_token', token, { secure: false, maxAge: 1 });\n});\n"
    out = _propose(base, "res.cookie", "insecure-cookie")
    assert out.replacement == (
        "  res.cookie('session_token', token, { secure: true, maxAge: 1, httpOnly: true, sameSite: 'lax' });"
    )
    bare = 'res.cookie("cart", id);\n'
    assert (
        _propose(bare, "res.cookie", "insecure-cookie").replacement
        == 'res.cookie("cart", id, { secure: true });'
    )
    assert _propose("res.cookie('theme', t);\n", "res.cookie", "insecure-cookie").replacement is None
    spread = "res.cookie('sid', v, { ...opts });\n"
    assert _propose(spread, "res.cookie", "insecure-cookie").replacement is None


def test_a_redirect_follows_only_a_same_site_path():
    text = "router.get('/l', (req, res) => {\n  const next = req.query.next;\n  res.redirect(next);\n});\n"
    out = _propose(text, "res.redirect", "open-redirect")
    assert out.replacement == (
        "  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\\\')) {\n"
        "    res.redirect('/');\n    return;\n  }\n  res.redirect(next);"
    )
    table = "router.get('/g', (req, res) => {\n  const d = MAP[req.params.t];\n  res.redirect(302, d);\n});\n"
    assert _propose(table, "res.redirect", "open-redirect").replacement is None


def test_a_joined_path_is_resolved_and_contained_with_404_in_express_and_a_throw_elsewhere():
    express = (
        "const path = require('path');\nrouter.get('/f', (req: Request, res: Response) => {\n"
        "  const p = path.join(ROOT, req.params.name);\n  res.sendFile(p);\n});\n"
    )
    out = _propose(express, "sendFile", "path-traversal", "src/files.ts")
    assert out.start_line == 3 and out.end_line == 4
    assert out.replacement == (
        "  const p = path.resolve(ROOT, req.params.name);\n"
        "  if (!p.startsWith(path.resolve(ROOT) + path.sep)) {\n"
        "    return res.status(404).end();\n  }\n  res.sendFile(p);"
    )
    plain = "function extract(dir, e) {\n  const out = path.join(dir, e.name);\n"
    plain += "  fs.writeFileSync(out, e.data);\n}\n"
    assert (
        "throw new Error('path escapes its base directory');"
        in _propose(plain, "writeFileSync", "path-traversal").replacement
    )
    checked = plain.replace("  fs.write", "  if (!out.startsWith(dir)) return;\n  fs.write")
    assert _propose(checked, "writeFileSync", "path-traversal").replacement is None


def test_math_random_for_a_node_secret_becomes_crypto_and_crypto_is_required():
    token = "function resetToken(n) {\n  let out = '';\n  for (let i = 0; i < n; i++) {\n"
    token += "    out += ABC[Math.floor(Math.random() * ABC.length)];\n  }\n  return out;\n}\n"
    token += "module.exports = { resetToken };\n"
    out = _propose(token, "return out", "insecure-randomness")
    assert out.start_line == 1 and out.end_line == 6
    assert out.replacement.startswith("const crypto = require('crypto');\nfunction resetToken(n) {")
    assert "    out += ABC[crypto.randomInt(ABC.length)];\n" in out.replacement
    sid = 'const crypto = require("crypto");\nrouter.post("/l", (req, res) => {\n'
    sid += '  const sid = Math.random().toString(36).slice(2);\n  res.cookie("sid", sid);\n});\n'
    out = _propose(sid, "res.cookie", "insecure-randomness")
    assert (
        out.replacement == '  const sid = crypto.randomBytes(16).toString("hex");\n  res.cookie("sid", sid);'
    )
    game = "function roll() {\n  return Math.floor(Math.random() * 6);\n}\nmodule.exports = roll;\n"
    assert _propose(game, "Math.random", "insecure-randomness").replacement is None
    browser = "function makeToken() {\n  return Math.random().toString(36).slice(2);\n}\n"
    assert _propose(browser, "Math.random", "insecure-randomness").replacement is None


def test_a_rails_redirect_refuses_other_hosts():
    def rb(text: str) -> Finding:
        return _propose(text, "redirect_to", "open-redirect", "app/controllers/a_controller.rb")

    assert rb("def f\n  redirect_to params[:next]\nend\n").replacement == (
        "  redirect_to params[:next], allow_other_host: false"
    )
    assert rb("def f\n  redirect_to(params[:next])\nend\n").replacement == (
        "  redirect_to(params[:next], allow_other_host: false)"
    )
    assert rb("def f\n  redirect_to params[:next] if ok\nend\n").replacement is None
    assert rb("def f\n  redirect_to params[:n], allow_other_host: false\nend\n").replacement is None
