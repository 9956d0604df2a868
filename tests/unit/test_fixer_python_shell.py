"""The Python shell fixer: a shell command line becomes an argument list without a shell, split as sh
would split it, or stays advice when it is more than plain words."""

from __future__ import annotations

import pytest

from bot.analysis.fixers import python_shell
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

HEAD = "import subprocess\n\nfrom flask import request\n\n\ndef handler():\n    name = request.args['n']\n"


def _fix(body: str, head: str = HEAD, needle: str = "(") -> str | None:
    sf = new_file(head + body, f"app/m{abs(hash(body)) % 1000}.py")
    last = body.rstrip("\n").splitlines()[-1].strip()
    return fixed_text(sf, finding_at(sf, last if needle == "(" else needle, "command-injection"))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '    subprocess.run(f"tar czf /srv/{name}.tgz /var/lib/x", shell=True, check=True)\n',
            '    subprocess.run(["tar", "czf", f"/srv/{name}.tgz", "/var/lib/x"], check=True)\n',
        ),
        (  # concatenation: the value is already a string, passed as itself
            '    subprocess.call("convert " + name + " out.png", shell=True)\n',
            '    subprocess.call(["convert", name, "out.png"])\n',
        ),
        (  # a whole-word value from formatting keeps its conversion; quotes group a word
            "    out = subprocess.check_output(\"grep -c '{}' 'my file'\".format(name), "
            "shell=True, text=True)\n",
            '    out = subprocess.check_output(["grep", "-c", str(name), "my file"], text=True)\n',
        ),
        (  # assigned on an earlier line, used only by the call
            '    cmd = "ping -c 1 %s" % name\n    subprocess.Popen(cmd, shell=True)\n',
            '    cmd = ["ping", "-c", "1", str(name)]\n    subprocess.Popen(cmd)\n',
        ),
    ],
)
def test_shell_true_becomes_an_argument_list(body, expected):
    assert _fix(body) == HEAD + expected


def test_os_system_becomes_subprocess_call_and_imports_it_when_the_import_block_is_close():
    head = "import os\n\n\ndef handler(name):\n"
    fixed = _fix('    os.system(f"ping -c 1 {name}")\n', head)
    assert fixed == (
        "import os\nimport subprocess\n\n\ndef handler(name):\n"
        '    subprocess.call(["ping", "-c", "1", str(name)])\n'
    )


def test_os_system_far_from_the_imports_names_the_import_in_the_steps():
    head = "import os\n" + "\n" * 20 + "def handler(name):\n"
    sf = new_file(head + '    os.system(f"ping -c 1 {name}")\n', "app/far.py")
    from bot.analysis import fixers

    out = fixers.propose(finding_at(sf, "os.system", "command-injection"), {sf.path: sf})
    assert out.replacement == '    subprocess.call(["ping", "-c", "1", str(name)])'
    assert "Add `import subprocess`" in out.remediation[-1]


@pytest.mark.parametrize(
    "body",
    [
        '    subprocess.run(f"echo $HOME {name}", shell=True)\n',  # an expansion
        '    subprocess.run(f"{name} --version", shell=True)\n',  # the program itself is a value
        '    subprocess.run(f"FOO=1 tool {name}", shell=True)\n',  # an environment prefix
        '    subprocess.run(f"tool \\"$x\\" {name}", shell=True)\n',  # an expansion in double quotes
        '    subprocess.run(f"tool {name}", shell=flag)\n',  # shell= not the constant True
        '    subprocess.run(f"tool {name}", shell=True, executable="/bin/bash")\n',  # another shell
        '    subprocess.run("ls -l", shell=True)\n',  # no value at all
        '    subprocess.run(f"tool \'{name}", shell=True)\n',  # an open quote
    ],
)
def test_more_than_plain_words_stays_advice(body):
    assert _fix(body, HEAD.replace("request.args['n']", "request.args['n']\n    flag = True")) is None


def test_a_pipeline_or_a_redirection_is_not_one_program_and_goes_to_the_pipeline_fixer():
    for body, fixed in [
        (
            '    subprocess.run(f"pg_dump {name} | gzip > /tmp/x", shell=True)\n',
            '    with open("/tmp/x", "wb") as out, subprocess.Popen(["pg_dump", str(name)], '
            "stdout=subprocess.PIPE) as stage1:\n"
            '        subprocess.run(["gzip"], stdin=stage1.stdout, stdout=out)\n',
        ),
        (
            '    subprocess.run(f"ping {name} > out.txt", shell=True)\n',
            '    with open("out.txt", "wb") as out:\n'
            '        subprocess.run(["ping", str(name)], stdout=out)\n',
        ),
    ]:
        sf = new_file(HEAD + body, "app/p.py")
        finding = finding_at(sf, body.strip(), "command-injection")
        assert python_shell.propose(finding, sf) is None  # python_shell rewrites one program only
        assert fixed_text(sf, finding) == HEAD + fixed  # python_pipeline (test_fixer_python_pipeline)


def test_the_payments_shell_fix_and_others_pass_verification(tmp_path):
    bodies = [
        '    subprocess.run(f"tar czf /srv/{name}.tgz /var/lib/x", shell=True, check=True)\n',
        '    subprocess.call("convert " + name + " out.png", shell=True)\n',
        '    cmd = "ping -c 1 %s" % name\n    subprocess.Popen(cmd, shell=True)\n',
    ]
    pairs = []
    for n, body in enumerate(bodies):
        sf = new_file(HEAD + body, f"app/v{n}.py")
        pairs.append((sf, finding_at(sf, body.rstrip("\n").splitlines()[-1].strip(), "command-injection")))
    verdicts = verify_all(pairs, tmp_path)
    assert [v.reason for v in verdicts] == ["", "", ""]
    assert all(v.ok for v in verdicts)


def test_shell_quoting_of_a_value_is_dropped_with_the_shell():
    head = "import shlex\n" + HEAD
    fixed = _fix('    subprocess.run("grep -r " + shlex.quote(name) + " /srv", shell=True)\n', head)
    assert fixed == head + '    subprocess.run(["grep", "-r", name, "/srv"])\n'


def test_a_trailing_redirection_to_dev_null_becomes_devnull_streams():
    fixed = _fix('    subprocess.run(f"ping -c 1 {name} > /dev/null 2>&1", shell=True)\n')
    assert fixed == HEAD + (
        '    subprocess.run(["ping", "-c", "1", str(name)], '
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    )
    head = "import os\nimport subprocess\n\n\ndef handler(host):\n"
    fixed = _fix('    code = os.system(f"ping -c 1 -W 2 {host} > /dev/null")\n', head)
    assert fixed == head + (
        '    code = subprocess.call(["ping", "-c", "1", "-W", "2", str(host)], stdout=subprocess.DEVNULL)\n'
    )
