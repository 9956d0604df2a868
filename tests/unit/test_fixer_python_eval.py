"""The eval fixer (issue 12): builtin ``eval`` of a value becomes ``ast.literal_eval``, the import added
with it when the import block is in the change; the fix passes the real verifier."""

from __future__ import annotations

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

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
