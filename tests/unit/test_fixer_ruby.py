"""The Ruby fixer: SQL with interpolated values gets ActiveRecord's bound parameters, a shell command
string becomes a program with its arguments, a file name from the request keeps only its base name;
every fix passes the real verifier, and shapes it cannot rewrite safely are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import ruby
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("rb-sql-injection-vuln-1", "Report.where", "sql-injection",
     '@reports = Report.where("owner = ?", params[:owner])'),
    ("rb-sql-injection-vuln-2", "find_by_sql", "sql-injection",
     'Report.find_by_sql(["SELECT * FROM reports WHERE owner = ?", owner])'),
    ("rb-command-injection-vuln-1", "system(", "command-injection",
     'system("ping", "-c", "1", params[:host].to_s)'),
]  # fmt: skip
REL = "app/controllers/reports_controller.rb"


def _file(case: str, rel: str = REL):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


def _all_cases():
    out = [(_file(case), needle, category, expected) for case, needle, category, expected in CASES]
    sf = _file("rb-path-traversal-vuln-31", "app/controllers/downloads_controller.rb")
    out.append((sf, "send_file", "path-traversal",
                'send_file Rails.root.join("exports", File.basename(params[:name].to_s)).to_s'))  # fmt: skip
    return out


@pytest.mark.parametrize(("sf", "needle", "category", "expected"), _all_cases())
def test_the_value_no_longer_shapes_the_sql_command_or_path(sf, needle, category, expected):
    finding = finding_at(sf, needle, category)
    out = fixers.propose(finding, {sf.path: sf})
    assert out.replacement is not None
    assert out.replacement.strip() == expected
    assert fixed_text(sf, finding) is not None


def test_every_ruby_fix_passes_verification(tmp_path):
    pairs = [(sf, finding_at(sf, needle, category)) for sf, needle, category, _ in _all_cases()]
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


def _line(row: str, category: str, path: str = "app/controllers/a_controller.rb"):
    sf = new_file(f"class A\n  def f\n    {row}\n  end\nend\n", path)
    return fixers.propose(finding_at(sf, row.strip()[:10], category), {sf.path: sf}).replacement


@pytest.mark.parametrize(
    ("row", "category"),
    [
        ('Report.where("owner = ?", params[:owner])', "sql-injection"),  # bound already
        ("Report.where(\"name LIKE '%#{q}%'\")", "sql-injection"),  # a LIKE pattern: sanitize_sql_like first
        ('Report.order("#{params[:sort]} DESC")', "sql-injection"),  # an identifier: allow-list
        ("Report.where(\"a = '#{x}' AND b = 'c\\'d'\")", "sql-injection"),  # escapes
        ("Report.where(\"owner = '#{x}'\", y)", "sql-injection"),  # more arguments already
        ('Report.where("a = #{id}?")', "sql-injection"),  # a '?' of the SQL would take the value
        ('Report.where("tags ?| array[#{t}]")', "sql-injection"),  # PostgreSQL's jsonb '?|' operator
        ('system("tar czf #{name}.tgz dir")', "command-injection"),  # value glued to text
        ('system("ls #{dir} | wc -l")', "command-injection"),  # a pipe: the shell is needed
        ('system("ls", dir)', "command-injection"),  # no shell already
        ('instance_exec("a #{b}")', "command-injection"),  # not Kernel#exec
        ("send_file File.basename(params[:name])", "path-traversal"),
        ("send_file params[:name]", "path-traversal"),  # no directory to stay in: by hand
    ],
)
def test_shapes_that_are_safe_or_not_mechanical_are_left_alone(row, category):
    assert _line(row, category) is None


def test_odd_formatting_several_values_bare_numbers_and_spacing():
    assert (
        _line("rows = Order.where(\"id = #{id} AND user = '#{ user.name }'\")", "sql-injection")
        == '    rows = Order.where("id = ? AND user = ?", id, user.name)'
    )
    assert (
        _line('out = system("git  log  #{ref}")', "command-injection")
        == '    out = system("git", "log", ref.to_s)'
    )


_VALUE = st.sampled_from(["id", "user.name", "params[:q]", " x ", "a.b(1)"])
ROW = st.one_of(
    st.text(alphabet="Report.where(\"'#{}x %?)", max_size=60),
    # conditions of one or two interpolated values, bare or in single quotes, beside other text
    st.builds(
        'Report.where("{}{}")'.format,
        st.builds("a = {0}#{{{1}}}{0}".format, st.sampled_from(["", "'", "%"]), _VALUE),
        st.one_of(
            st.just(""),
            st.builds(" AND b = {0}#{{{1}}}{0}".format, st.sampled_from(["", "'"]), _VALUE),
            st.text(alphabet=" x%?'", max_size=6),
        ),
    ),
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("Report.where(\"a = '#{id}' AND b = #{user.name}\")")
@given(ROW)
def test_untrusted_lines_never_crash_and_placeholders_match_the_values(row):
    sf = new_file(f"class A\n  def f\n    {row}\n  end\nend\n", "app/models/a.rb")
    for category in ("sql-injection", "command-injection", "path-traversal"):
        out = ruby.propose(finding_at(sf, sf.lines[2], category), sf)
        if out is not None and out.replacement is not None and category == "sql-injection":
            assert "#{" not in out.replacement.split(",")[0]  # no value left in the SQL text
            # one placeholder per interpolation, the values after the SQL in the same order
            values = [part.split("}")[0].strip() for part in row.split("#{")[1:]]
            sql, _, args = out.replacement.strip().partition('", ')
            assert sql.count("?") == len(values) > 0, out.replacement  # no '?' but the placeholders
            assert args == ", ".join(values) + ")", (row, out.replacement)
            event("fixed")
