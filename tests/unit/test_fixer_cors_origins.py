"""The reflected-CORS-origin fixer: the guard that only asked whether an Origin was sent also asks
whether it is in the operator's configured list (Flask config, an environment variable); shapes it
cannot read are left alone; the fixed files pass the real verifier."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.fixers import cors_origins
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

FLASK = (
    "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.after_request\n"
    'def add_cors_headers(response):\n    origin = request.headers.get("Origin")\n    if origin:\n'
    '        response.headers["Access-Control-Allow-Origin"] = origin\n'
    '        response.headers["Access-Control-Allow-Credentials"] = "true"\n'
    '        response.headers["Vary"] = "Origin"\n    return response\n'
)
EXPRESS = (
    "import { Request, Response, NextFunction } from 'express';\n\n"
    "export function corsHeaders(req: Request, res: Response, next: NextFunction) {\n"
    "  const origin = req.headers.origin;\n  if (origin) {\n"
    "    res.setHeader('Access-Control-Allow-Origin', origin);\n"
    "    res.setHeader('Access-Control-Allow-Credentials', 'true');\n    res.setHeader('Vary', 'Origin');\n"
    "  }\n  if (req.method === 'OPTIONS') return res.sendStatus(204);\n  next();\n}\n"
)
CATEGORIES = ["permissive-cors", "crlf-injection"]
JS_CHECK = "origin && (process.env.CORS_ALLOWED_ORIGINS || '').split(',').includes(origin)"


def test_flask_guard_checks_the_configured_origins():
    sf = new_file(FLASK, "api/cors.py")
    finding = finding_at(sf, "Access-Control-Allow-Origin", "permissive-cors")
    out = fixed_text(sf, finding)
    assert out == FLASK.replace(
        "    if origin:\n", '    if origin in app.config.get("CORS_ALLOWED_ORIGINS", ()):\n'
    )


def test_express_guard_checks_the_configured_origins():
    sf = new_file(EXPRESS, "src/middleware/cors.ts")
    out = fixed_text(sf, finding_at(sf, "Access-Control-Allow-Origin", "permissive-cors"))
    assert out == EXPRESS.replace("  if (origin) {", f"  if ({JS_CHECK}) {{")


@pytest.mark.parametrize(
    ("read", "setter"),
    [
        ("req.get('Origin')", "res.set('Access-Control-Allow-Origin', o)"),
        ('req.header("Origin")', 'res.header("access-control-allow-origin", o)'),
        ("req.headers['origin']", "res.setHeader('Access-Control-Allow-Origin', o)"),
    ],
)
def test_express_variants(read, setter):
    text = (
        f"module.exports = (req, res, next) => {{\n  const o = {read};\n  if (o) {{\n    {setter};\n  }}\n"
        "  next();\n};\n"
    )
    sf = new_file(text, "src/cors.js")
    out = fixed_text(sf, finding_at(sf, setter[:8], "permissive-cors"))
    assert out == text.replace("  if (o) {", f"  if ({JS_CHECK.replace('origin', 'o')}) {{")


def test_flask_variants_keep_indentation_and_the_app_name():
    text = FLASK.replace("app", "api").replace('request.headers.get("Origin")', "request.headers['Origin']")
    text = text.replace("@api.after_request", "@api.route('/x')")
    sf = new_file(text, "api/cors.py")
    out = fixed_text(sf, finding_at(sf, "Access-Control-Allow-Origin", "permissive-cors"))
    assert out is not None
    assert '    if origin in api.config.get("CORS_ALLOWED_ORIGINS", ()):\n' in out


@pytest.mark.parametrize(
    "change",
    [
        ("@app.after_request", "@bp.after_request"),  # a blueprint: no config of its own in sight
        ("    if origin:", "    if origin and origin != 'null':"),  # a guard that already says more
        ('request.headers.get("Origin")', 'request.args.get("o")'),  # not the Origin header
        ("    return response", "    origin = 'x'\n    return response"),  # assigned twice
    ],
)
def test_flask_shapes_left_alone(change):
    text = FLASK.replace(*change)
    if "bp." in text:
        text = text.replace("app = Flask(__name__)", "app = Flask(__name__)\nbp = object()")
    sf = new_file(text, "api/cors.py")
    assert fixed_text(sf, finding_at(sf, "Access-Control-Allow-Origin", "permissive-cors")) is None


@pytest.mark.parametrize(
    "change",
    [
        ("  if (origin) {", "  if (origin !== undefined) {"),
        ("req.headers.origin", "req.query.origin"),
        ("  next();", "  origin = 'x';\n  next();"),
        (
            "res.setHeader('Access-Control-Allow-Origin', origin)",
            "res.setHeader('Access-Control-Allow-Origin', '*')",
        ),
    ],
)
def test_express_shapes_left_alone(change):
    text = EXPRESS.replace(*change).replace("const origin", "let origin")
    sf = new_file(text, "src/middleware/cors.ts")
    assert fixed_text(sf, finding_at(sf, "Access-Control-Allow-Origin", "permissive-cors")) is None


def test_the_fixes_pass_the_real_verifier(tmp_path):
    pairs = []
    for text, path in [(FLASK, "api/cors.py"), (EXPRESS, "src/middleware/cors.ts")]:
        sf = new_file(text, path)
        pairs.append((sf, finding_at(sf, "Access-Control-Allow-Origin", "permissive-cors")))
    verdicts = verify_all(pairs, tmp_path)
    assert [v.reason for v in verdicts] == ["", ""]
    assert all(v.ok for v in verdicts)


def test_the_header_injection_finding_on_the_reflected_origin_gets_the_same_check():
    # the header then only carries an origin from the operator's list, never the request's text
    sf = new_file(FLASK, "api/cors.py")
    finding = finding_at(sf, "Access-Control-Allow-Origin", "crlf-injection")
    assert fixed_text(sf, finding) == FLASK.replace(
        "    if origin:\n", '    if origin in app.config.get("CORS_ALLOWED_ORIGINS", ()):\n'
    )
    other = FLASK.replace('"Vary"] = "Origin"', '"X-Origin"] = origin')  # not the CORS header: advice
    sf = new_file(other, "api/cors.py")
    assert fixed_text(sf, finding_at(sf, '"X-Origin"', "crlf-injection")) is None


def test_the_header_injection_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(FLASK, "api/cors.py")
    verdicts = verify_all([(sf, finding_at(sf, "Access-Control-Allow-Origin", "crlf-injection"))], tmp_path)
    assert [v.reason for v in verdicts] == [""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="origin\"'()[]:.\\ \n\tOrigin-_=ifor", max_size=40), st.sampled_from(CATEGORIES))
def test_hostile_origin_reads_never_raise_and_only_the_guard_changes(read, category):
    text = FLASK.replace('request.headers.get("Origin")', read)
    sf = new_file(text, "api/cors.py")
    if not any("Access-Control-Allow-Origin" in row for row in sf.lines):
        return
    out = cors_origins.propose(finding_at(sf, "Access-Control-Allow-Origin", category), sf)
    if out is None or out.replacement is None:
        return
    assert out.replacement.splitlines()[0] == '    if origin in app.config.get("CORS_ALLOWED_ORIGINS", ()):'
    assert out.replacement.splitlines()[1:] == sf.lines[out.start_line : out.end_line]
