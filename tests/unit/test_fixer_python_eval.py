"""The eval fixer (issue 12): builtin ``eval`` of a value becomes ``ast.literal_eval``, the import added
with it when the import block is in the change; a Flask template built from a value becomes a constant
template with the value as an (autoescaped) context variable, for the template-injection finding and
for the cross-site scripting finding on the same call; the fixes pass the real verifier."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.analysis.fixers import python_eval
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

VULN = (
    "from flask import Flask, request, jsonify\n\napp = Flask(__name__)\n\n\n@app.post('/calc')\n"
    "def calculate():\n    expression = request.form.get('expr', '0')\n    result = eval(expression)\n"
    "    return jsonify(result=result)\n"
)
FIXED = (
    "import ast\n\nfrom flask import Flask, request, jsonify\n\n"
    "app = Flask(__name__)\n\n\n@app.post('/calc')\n"
    "def calculate():\n    expression = request.form.get('expr', '0')\n"
    "    result = ast.literal_eval(expression)\n"
    "    return jsonify(result=result)\n"
)


def test_eval_becomes_literal_eval_with_its_import():
    sf = new_file(VULN, "calc/app.py")
    assert fixed_text(sf, finding_at(sf, "eval(", "code-injection")) == FIXED


def test_a_local_eval_or_eval_with_namespaces_is_left_alone():
    local = new_file("def eval(x):\n    return x\n\n\ndef f(v):\n    return eval(v)\n", "a.py")
    assert fixed_text(local, finding_at(local, "return eval", "code-injection")) is None
    scoped = new_file("def f(v):\n    return eval(v, {})\n", "b.py")
    assert fixed_text(scoped, finding_at(scoped, "eval(", "code-injection")) is None


def test_the_fix_passes_verification(tmp_path):
    sf = new_file(VULN, "calc/app.py")
    verdicts = verify_all([(sf, finding_at(sf, "eval(", "code-injection"))], tmp_path)
    assert [v.reason for v in verdicts] == [""]


SSTI = (CORPUS / "py-code-injection-vuln-2" / "after" / "web" / "pages.py").read_text(encoding="utf-8")


def test_a_template_built_from_a_value_answers_its_xss_finding_too():
    # Flask autoescapes a template rendered from a string: the value, now a context variable, is text
    sf = new_file(SSTI, "web/pages.py")
    out = fixed_text(sf, finding_at(sf, "render_template_string(PAGE", "xss"))
    assert out == SSTI.replace(
        "render_template_string(PAGE % name)", 'render_template_string(PAGE % "{{ name }}", name=name)'
    )


def test_eval_is_not_an_xss_fix():
    sf = new_file(VULN, "calc/app.py")
    assert fixed_text(sf, finding_at(sf, "eval(", "xss")) is None


def test_the_xss_fix_passes_verification(tmp_path):
    sf = new_file(SSTI, "web/pages.py")
    verdicts = verify_all([(sf, finding_at(sf, "render_template_string(PAGE", "xss"))], tmp_path)
    assert [v.reason for v in verdicts] == [""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="%s{}<>\"'\\ab_ \n", max_size=60), st.sampled_from(["xss", "code-injection"]))
@example("%s%", "xss")  # found by CI: a dangling "%" is an incomplete format, no fix
def test_hostile_templates_never_raise_and_the_template_stays_constant(template, category):
    text = (
        "from flask import request, render_template_string\n\nPAGE = " + repr(template) + "\n\n\n"
        "def hello():\n    name = request.args.get('name')\n    return render_template_string(PAGE % name)\n"
    )
    sf = new_file(text, "web/p.py")
    out = python_eval.propose(finding_at(sf, "return render_template_string", category), sf)
    if out is None or out.replacement is None:
        return
    assert template.count("%s") == 1 and template.replace("%%", "").count("%") == 1
    assert out.replacement == '    return render_template_string(PAGE % "{{ name }}", name=name)'
