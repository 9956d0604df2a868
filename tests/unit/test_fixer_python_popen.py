"""os.popen fixer (issue 12): ``os.popen(cmd).read()`` becomes ``subprocess.run([...], stdout=PIPE,
text=True).stdout``; the fixed code is run and gives the same output for a plain value while a hostile
value stays one argument; shell syntax stays advice; the fix passes the real verifier."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

POPEN = (
    "import os\nimport subprocess\n\n\ndef listing(folder):\n"
    '    return os.popen(f"ls -a {folder}").read()  # names\n'
)


def test_popen_read_becomes_subprocess_run_stdout():
    sf = new_file(POPEN, "ops/ls.py")
    out = fixed_text(sf, finding_at(sf, "os.popen", "command-injection"))
    assert out == POPEN.replace(
        'os.popen(f"ls -a {folder}").read()',
        'subprocess.run(["ls", "-a", str(folder)], stdout=subprocess.PIPE, text=True).stdout',
    )
    assigned = (
        "import os\n\n\ndef listing(folder):\n    cmd = 'ls -a ' + folder\n"
        "    out = os.popen(cmd).read()\n    return out\n"
    )
    sf = new_file(assigned, "ops/ls.py")
    fixed = fixed_text(sf, finding_at(sf, "os.popen", "command-injection"))
    assert fixed == (
        "import os\nimport subprocess\n\n\ndef listing(folder):\n    cmd = ['ls', '-a', folder]\n"
        "    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True).stdout\n    return out\n"
    ).replace("['ls', '-a', folder]", '["ls", "-a", folder]')


@pytest.mark.skipif(sys.platform == "win32", reason="ls")
def test_the_fixed_code_lists_the_same_and_keeps_a_hostile_value_whole(tmp_path: Path):
    (tmp_path / "a b").mkdir()
    (tmp_path / "a b" / "x.txt").write_text("x")
    fixed = POPEN.replace(
        'os.popen(f"ls -a {folder}").read()',
        'subprocess.run(["ls", "-a", str(folder)], stdout=subprocess.PIPE, text=True).stdout',
    )
    patched: dict[str, object] = {}
    exec(compile(fixed, "b.py", "exec"), patched)  # noqa: S102 - the test's own source
    plain = str(tmp_path)
    # what os.popen ran: the same command line through sh
    shell = subprocess.run(f"ls -a {plain}", shell=True, stdout=subprocess.PIPE, text=True, check=True)  # noqa: S602
    assert patched["listing"](plain) == shell.stdout  # type: ignore[operator]
    assert "x.txt" in patched["listing"](str(tmp_path / "a b"))  # type: ignore[operator]
    patched["listing"](f"{tmp_path}; touch {tmp_path}/pwned")  # type: ignore[operator]
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    "expr",
    ["os.popen(f'ls {x} | wc').read()", "os.popen(f'ls {x}').readlines()", "os.popen(f'ls {x}', 'w').read()"],
)
def test_other_shapes_stay_advice(expr):
    text = f"import os\n\n\ndef f(x):\n    return {expr}\n"
    sf = new_file(text, "a.py")
    assert fixed_text(sf, finding_at(sf, "os.popen", "command-injection")) is None


def test_the_fix_passes_verification(tmp_path):
    sf = new_file(POPEN, "ops/ls.py")
    verdicts = verify_all([(sf, finding_at(sf, "os.popen", "command-injection"))], tmp_path)
    assert [v.reason for v in verdicts] == [""]
