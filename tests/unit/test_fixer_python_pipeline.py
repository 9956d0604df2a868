"""Shell pipeline fixer (issue 12): ``A | B > file`` run with ``shell=True`` becomes the same programs
joined by pipes without a shell. The fixed code is run: it writes what the shell wrote for a plain
value, and a hostile value stays one argument. Other shell syntax stays advice; the fix passes the
real verifier."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

PIPELINE = (
    "import subprocess\n\n\ndef shout(word, dest):\n"
    '    cmd = f"echo {word} | tr a-z A-Z > {dest}/out.txt"\n'
    "    subprocess.run(cmd, shell=True, check=True)  # run it\n"
)
FIXED = (
    "import subprocess\n\n\ndef shout(word, dest):\n"
    '    with open(f"{dest}/out.txt", "wb") as out, subprocess.Popen(["echo", str(word)], '
    "stdout=subprocess.PIPE) as stage1:\n"
    '        subprocess.run(["tr", "a-z", "A-Z"], stdin=stage1.stdout, stdout=out, check=True)  # run it\n'
)


def _run(source: str, *args: str) -> None:
    namespace: dict[str, object] = {}
    exec(compile(source, "shout.py", "exec"), namespace)  # noqa: S102 - the test's own source
    namespace["shout"](*args)  # type: ignore[operator]


def test_a_pipeline_with_a_redirection_becomes_pipes_without_a_shell():
    sf = new_file(PIPELINE, "ops/shout.py")
    out = fixed_text(sf, finding_at(sf, "cmd = f", "command-injection", end_needle="subprocess.run"))
    assert out == FIXED


@pytest.mark.skipif(sys.platform == "win32", reason="echo and tr")
def test_the_fixed_pipeline_writes_what_the_shell_wrote_and_keeps_a_hostile_value_whole(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _run(PIPELINE, "hello", str(tmp_path / "a"))
    _run(FIXED, "hello", str(tmp_path / "b"))
    assert (tmp_path / "a/out.txt").read_bytes() == (tmp_path / "b/out.txt").read_bytes() == b"HELLO\n"
    _run(FIXED, f"x;touch {tmp_path}/pwned", str(tmp_path / "b"))
    assert not (tmp_path / "pwned").exists()
    assert (tmp_path / "b/out.txt").read_text() == f"X;TOUCH {tmp_path}/PWNED\n".upper()
    with pytest.raises(subprocess.CalledProcessError):
        _run(FIXED.replace('"tr", "a-z", "A-Z"', '"false"'), "x", str(tmp_path / "b"))


def test_a_plain_pipe_and_a_plain_redirection_and_a_concatenation():
    text = "import subprocess\n\n\ndef f(name):\n    subprocess.call('ls ' + name + ' | wc -l')\n"
    text = text.replace("wc -l')", "wc -l', shell=True)")
    sf = new_file(text, "a.py")
    assert fixed_text(sf, finding_at(sf, "subprocess.call", "command-injection")) == (
        "import subprocess\n\n\ndef f(name):\n"
        '    with subprocess.Popen(["ls", name], stdout=subprocess.PIPE) as stage1:\n'
        '        subprocess.call(["wc", "-l"], stdin=stage1.stdout)\n'
    )
    redirect = "import subprocess\n\n\ndef f(name):\n    subprocess.run(f'cat {name} > /tmp/x', shell=True)\n"
    sf = new_file(redirect, "a.py")
    assert fixed_text(sf, finding_at(sf, "subprocess.run", "command-injection")) == (
        "import subprocess\n\n\ndef f(name):\n"
        '    with open("/tmp/x", "wb") as out:\n'
        '        subprocess.run(["cat", str(name)], stdout=out)\n'
    )


@pytest.mark.parametrize(
    "line",
    [
        "f'a {x} >> log'",
        "f'a {x} 2> log'",
        "f'a {x} | b || c'",
        "f'a {x} > {x} more'",
        "f\"grep '{x}|y' f | wc\"",
        "f'a {x} && b'",
        "f'a {x} | b > c | d'",
        "f'a {x} | b', cwd='/'",
    ],
)
def test_other_shell_syntax_stays_advice(line):
    text = f"import subprocess\n\n\ndef f(x):\n    subprocess.run({line}, shell=True)\n"
    sf = new_file(text, "a.py")
    assert fixed_text(sf, finding_at(sf, "subprocess.run", "command-injection")) is None


def test_the_fix_passes_verification(tmp_path):
    sf = new_file(PIPELINE, "ops/shout.py")
    finding = finding_at(sf, "cmd = f", "command-injection", end_needle="subprocess.run")
    assert [v.reason for v in verify_all([(sf, finding)], tmp_path)] == [""]
