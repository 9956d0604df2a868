"""PEP 701 reading aid (issue 12): a Python 3.12 f-string that reuses its quote inside a field is made
readable for the 3.11 parser by switching only those inner quotes; the SQL fixer then parameterises such
a query. Property tests: on any text the result keeps every other character and its length, and a large
input is scanned in linear time."""

from __future__ import annotations

import ast
import time

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bot.analysis.fixers.pep701 import compat
from tests.unit.fixerkit import finding_at, fixed_text, new_file

PEP701 = (
    "from flask import Flask, request\nfrom sqlalchemy import create_engine, text\n\n"
    "app = Flask(__name__)\n"
    'engine = create_engine("sqlite://")\n\n\n@app.post("/r")\ndef revenue():\n'
    "    body = request.get_json()\n"
    '    query = text(f"SELECT day FROM sales WHERE region = \'{body["region"]}\' GROUP BY day")\n'
    "    with engine.connect() as conn:\n        rows = conn.execute(query).all()\n    return str(rows)\n"
)


def test_inner_quotes_of_a_field_switch_kind_and_nothing_else_changes():
    assert compat('x = f"{d["k"]} and {d["j"]}"\n') == "x = f\"{d['k']} and {d['j']}\"\n"
    assert compat("x = f'{d['k']}'  # it's\n") == "x = f'{d[\"k\"]}'  # it's\n"
    assert compat('x = rf"{d["k"]}\\d"\n') == "x = rf\"{d['k']}\\d\"\n"


def test_text_that_needs_no_change_or_cannot_be_changed_safely_is_refused():
    for text in [
        "x = f\"{d['k']}\"\n",  # already 3.11
        'x = "{d["k"]}"\n',  # not an f-string: a syntax error of another kind
        'x = f"{d["it\'s"]}"\n',  # the other quote inside
        'x = f"{f"{y}"}"\n',  # a nested f-string
        'x = f"""{d["k"]}"""\n',  # triple-quoted
        'x = f"{d["k\\n"]}"\n',  # a backslash
        'x = f"{d["k"]\n',  # unterminated
    ]:
        assert compat(text) is None, text


def test_the_sql_fixer_parameterises_a_312_f_string_with_the_3_11_parser():
    sf = new_file(PEP701, "api/reports.py")
    out = fixed_text(sf, finding_at(sf, "query = text", "sql-injection"))
    assert out == PEP701.replace(
        'text(f"SELECT day FROM sales WHERE region = \'{body["region"]}\' GROUP BY day")',
        'text("SELECT day FROM sales WHERE region = :region GROUP BY day")'
        ".bindparams(region=body['region'])",
    )
    ast.parse(out)


def test_an_execute_of_a_text_query_built_just_above_fixes_the_text_and_covers_the_execute_line():
    source = PEP701.replace('{body["region"]}', "{region}").replace(
        "body = request.get_json()", "region = request.get_json()['region']"
    )
    sf = new_file(source, "api/reports.py")
    finding = finding_at(sf, "conn.execute(query)", "sql-injection")
    out = fixed_text(sf, finding)
    assert out == source.replace(
        "text(f\"SELECT day FROM sales WHERE region = '{region}' GROUP BY day\")",
        'text("SELECT day FROM sales WHERE region = :region GROUP BY day").bindparams(region=region)',
    )


_QUOTE = st.sampled_from(['"', "'"])
# a 3.12 f-string reusing its quote in a replacement field, with other text around it
_PEP701 = st.builds(
    lambda q, prefix, key, rest, comment: (
        f"x = {prefix}{q}{{d[{q}{key}{q}]}}{rest}{q}{comment}\n",
        f"x = {prefix}{q}{{d[{_other(q)}{key}{_other(q)}]}}{rest}{q}{comment}\n",
    ),
    _QUOTE,
    st.sampled_from(["f", "rf", "F", "fr"]),
    st.text(alphabet="abk_ -.", min_size=1, max_size=8),
    st.text(alphabet="ab x=", max_size=8),
    st.sampled_from(["", "  # it's", '  # "x"']),
)


def _other(q: str) -> str:
    return "'" if q == '"' else '"'


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example('x = f"{d["k"]}"\n')
@given(st.one_of(st.text(alphabet="f\"'{}[]\\#\nrbx =", max_size=80), _PEP701.map(lambda p: p[0])))
def test_compat_only_ever_switches_quote_characters(text):
    out = compat(text)
    if out is None:
        return
    assert len(out) == len(text) and out != text
    for a, b in zip(text, out, strict=True):
        assert a == b or {a, b} == {"'", '"'}
    event("changed")


@settings(max_examples=200, deadline=None)
@given(_PEP701)
def test_compat_makes_a_312_f_string_parse_on_311_with_only_its_inner_quotes_switched(pair):
    text, expected = pair
    assert compat(text) == expected
    ast.parse(expected)


def test_compat_is_linear_on_large_hostile_input():
    for chunk in ['f"{d["k"]}" ', 'f"{{{{', "'" * 7, '"\\' * 5, "# x\n"]:
        text = chunk * (100_000 // len(chunk))
        started = time.process_time()
        compat(text)
        assert time.process_time() - started < 2.0, chunk
