"""A function reviewed without its file's imports (one function cut from a file, ``from x import *``):
well-known names it uses but never binds keep their library meaning (``catalog.IMPLICIT_IMPORTS``)."""

from __future__ import annotations

import textwrap

import pytest

from bot.analysis.flow import analyse_python


def _found(code: str) -> list[tuple[str, str, int]]:
    text = textwrap.dedent(code)
    added = frozenset(range(1, text.count("\n") + 2))
    result = analyse_python({"pkg/mod.py": (text, added)}, None)
    return [(f.category, f.confidence.label, f.start_line) for f in result.findings]


def test_a_method_cut_from_its_file_still_runs_a_shell():
    # python-gnupg's _open_subprocess before the fix (an indented method, its imports elsewhere)
    found = _found(
        """
            def _open_subprocess(self, args, passphrase=False):
                cmd = ' '.join(self.make_args(args, passphrase))
                if self.verbose:
                    print(cmd)
                return Popen(cmd, shell=True, stdin=PIPE, stdout=PIPE, stderr=PIPE)
        """
    )
    assert [c for c, _, line in found] == ["command-injection"]


def test_the_fixed_method_with_an_argument_list_is_quiet():
    assert (
        _found(
            """
            def _open_subprocess(self, args, passphrase=False):
                cmd = self.make_args(args, passphrase)
                return Popen(cmd, shell=False, stdin=PIPE, stdout=PIPE, stderr=PIPE)
            """
        )
        == []
    )


@pytest.mark.parametrize(
    ("body", "category"),
    [
        ("return ET.fromstring(request.data)", "xxe"),
        ("return md5(password.encode()).hexdigest()", "weak-crypto"),
        ("return Environment().from_string(password).render()", "template-injection"),
        ("return db.execute(text(\"SELECT * FROM t WHERE n = '%s'\" % password))", "sql-injection"),
        ("return check_output('git log ' + password, shell=True)", "command-injection"),
        ("return system('git log ' + password)", "command-injection"),
    ],
)
def test_unbound_library_names_are_sinks(body, category):
    found = _found(
        f"""
        def handler(password):
            {body}
        """
    )
    assert category in [c for c, _, _ in found]


def test_a_name_the_module_binds_keeps_the_modules_meaning():
    # the module defines its own ``system``, assigns ``md5`` and takes ``text`` as a parameter
    found = _found(
        """
        def system(command):
            return command.upper()

        def run(name, text):
            md5 = lambda value: value
            system('git log ' + name)
            db.execute(text("SELECT * FROM t WHERE n = '%s'" % name))
            return md5(name)
        """
    )
    assert found == []


def test_an_explicit_import_wins_over_the_implicit_meaning():
    found = _found(
        """
        from myproject.shell import system

        def run(name):
            return system('git log ' + name)
        """
    )
    assert "command-injection" not in [c for c, _, _ in found]


def test_sanitisers_are_known_without_their_import_too():
    found = _found(
        """
        def download(request):
            name = secure_filename(request.args.get("f"))
            return send_from_directory("/srv/files", name)
        """
    )
    assert found == []
