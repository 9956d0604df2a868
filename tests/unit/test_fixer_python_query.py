"""Query-language and template fixers (issue 12): LDAP filter values escaped with the library's own
function, XPath values bound as variables, MongoDB ``$where`` comparisons and request-JSON filter values
made plain, and a Flask template built from values made constant with context variables. Benign code
is left alone and each fix passes the real verifier."""

from __future__ import annotations

import ast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

LDAP = (
    "import ldap\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.post('/l')\n"
    "def lookup():\n    username = request.form['username']\n    conn = ldap.initialize('ldap://x')\n"
    "    res = conn.search_s('dc=x', ldap.SCOPE_SUBTREE, '(uid=' + username + ')', ['cn'])\n"
    "    return str(res)\n"
)
XPATH = (
    "from flask import Flask, request\nfrom lxml import etree\n\napp = Flask(__name__)\n"
    "TREE = etree.parse('a.xml')\n\n\n@app.get('/a')\ndef account():\n"
    "    user = request.args.get('user', '')\n"
    '    nodes = TREE.xpath("//account[@owner=\'" + user + "\']/balance/text()")\n    return str(nodes)\n'
)
WHERE = (
    "from flask import Flask, request\nfrom pymongo import MongoClient\n\napp = Flask(__name__)\n"
    "products = MongoClient().shop.products\n\n\n@app.get('/p')\ndef listing():\n"
    "    max_price = request.args.get('max_price', '100')\n"
    "    cursor = products.find({'$where': 'this.price <= ' + max_price})\n    return str(list(cursor))\n"
)
JSON_FILTER = (
    "from flask import Flask, request\nfrom pymongo import MongoClient\n\napp = Flask(__name__)\n"
    "users = MongoClient().app.users\n\n\n@app.post('/login')\ndef login():\n    data = request.get_json()\n"
    "    user = users.find_one({'username': data['username'], 'pw': data['pw'], 'active': True})\n"
    "    return str(user)\n"
)
TEMPLATE = (
    "from flask import Flask, request, render_template_string\n\napp = Flask(__name__)\n\n"
    'PAGE = """\n<h1>Hello %s!</h1>\n"""\n\n\n@app.route("/hello")\ndef hello():\n'
    '    name = request.args.get("name", "stranger")\n    return render_template_string(PAGE % name)\n'
)


def test_ldap_values_are_escaped_with_the_library_function_and_its_import():
    sf = new_file(LDAP, "sso/ldap_auth.py")
    out = fixed_text(sf, finding_at(sf, "search_s", "ldap-injection"))
    assert out == LDAP.replace("import ldap\n", "import ldap\nimport ldap.filter\n").replace(
        "'(uid=' + username + ')'", "'(uid=' + ldap.filter.escape_filter_chars(username) + ')'"
    )
    fstring = (
        "import ldap3\n\n\ndef find(conn, user, group):\n    conn.search(\n        'dc=x',  # base\n"
        "        f'(&(uid={user})(memberOf={group}))',\n    )\n"
    )
    sf = new_file(fstring, "d.py")
    out = fixed_text(sf, finding_at(sf, "conn.search", "ldap-injection", end_needle="memberOf"))
    assert out is not None
    assert "f'(&(uid={ldap3.utils.conv.escape_filter_chars(str(user))})" in out
    assert "(memberOf={ldap3.utils.conv.escape_filter_chars(str(group))}))'" in out
    assert "import ldap3\nimport ldap3.utils.conv\n" in out


def test_ldap_filters_already_escaped_or_constant_are_left_alone():
    escaped = LDAP.replace(
        "'(uid=' + username + ')'", "'(uid=' + ldap.filter.escape_filter_chars(username) + ')'"
    )
    sf = new_file(escaped, "sso/ldap_auth.py")
    assert fixed_text(sf, finding_at(sf, "search_s", "ldap-injection")) is None
    whole = LDAP.replace("'(uid=' + username + ')'", "username")  # a whole filter from outside: advice
    sf = new_file(whole, "sso/ldap_auth.py")
    assert fixed_text(sf, finding_at(sf, "search_s", "ldap-injection")) is None


def test_an_xpath_value_in_quotes_becomes_a_variable():
    sf = new_file(XPATH, "legacy/accounts.py")
    out = fixed_text(sf, finding_at(sf, "TREE.xpath", "xpath-injection"))
    assert out == XPATH.replace(
        'TREE.xpath("//account[@owner=\'" + user + "\']/balance/text()")',
        'TREE.xpath("//account[@owner=$user]/balance/text()", user=user)',
    )
    nested = (
        "from lxml import etree\n\n\ndef f(doc, req, ns):\n"
        '    return doc.xpath(f\'//u[@n="{req.name}" and @id="{req.id}"]\', namespaces=ns)\n'
    )
    sf = new_file(nested, "x.py")
    out = fixed_text(sf, finding_at(sf, "doc.xpath", "xpath-injection"))
    assert out is not None
    assert 'doc.xpath("//u[@n=$name and @id=$id]", namespaces=ns, name=str(req.name), id=str(req.id))' in out


def test_an_unquoted_xpath_value_or_a_bound_one_is_left_alone():
    unquoted = XPATH.replace('"//account[@owner=\'" + user + "\']', '"//account[" + user + "]')
    sf = new_file(unquoted, "legacy/accounts.py")
    assert fixed_text(sf, finding_at(sf, "TREE.xpath", "xpath-injection")) is None
    bound = XPATH.replace(
        'TREE.xpath("//account[@owner=\'" + user + "\']/balance/text()")',
        'TREE.xpath("//account[@owner=$owner]/balance/text()", owner=user)',
    )
    sf = new_file(bound, "legacy/accounts.py")
    assert fixed_text(sf, finding_at(sf, "TREE.xpath", "xpath-injection")) is None


def test_mongo_where_becomes_an_operator_and_json_values_are_coerced():
    sf = new_file(WHERE, "catalog/search.py")
    out = fixed_text(sf, finding_at(sf, "$where", "nosql-injection"))
    assert out == WHERE.replace(
        "{'$where': 'this.price <= ' + max_price}", '{"price": {"$lte": float(max_price)}}'
    )
    sf = new_file(JSON_FILTER, "auth/routes.py")
    out = fixed_text(sf, finding_at(sf, "find_one", "nosql-injection"))
    assert out == JSON_FILTER.replace("data['username']", "str(data['username'])").replace(
        "data['pw']", "str(data['pw'])"
    )


def test_mongo_filters_that_are_not_mechanical_are_left_alone():
    loose = WHERE.replace("this.price <= ", "this.price == ")  # JavaScript's == matches "5" and 5
    sf = new_file(loose, "catalog/search.py")
    assert fixed_text(sf, finding_at(sf, "$where", "nosql-injection")) is None
    coerced = JSON_FILTER.replace("data['username']", "str(data['username'])").replace(
        "data['pw']", "int(data['pw'])"
    )
    sf = new_file(coerced, "auth/routes.py")
    assert fixed_text(sf, finding_at(sf, "find_one", "nosql-injection")) is None
    got = JSON_FILTER.replace("data['pw']", "data.get('pw')")  # str(None) would be the text "None"
    sf = new_file(got, "auth/routes.py")
    assert fixed_text(sf, finding_at(sf, "find_one", "nosql-injection")) is None
    query_args = JSON_FILTER.replace("data = request.get_json()", "data = request.args")
    sf = new_file(query_args, "auth/routes.py")
    assert fixed_text(sf, finding_at(sf, "find_one", "nosql-injection")) is None  # strings already


def test_a_template_built_from_values_becomes_constant_with_context_variables():
    sf = new_file(TEMPLATE, "web/pages.py")
    out = fixed_text(sf, finding_at(sf, "return render_template_string", "code-injection"))
    assert out == TEMPLATE.replace("(PAGE % name)", '(PAGE % "{{ name }}", name=name)')
    for before, after in [
        ("f\"<b>{request.args['q']}</b>\"", "\"<b>{{ value }}</b>\", value=request.args['q']"),
        ('"<i>{}</i>".format(name)', '"<i>{}</i>".format("{{ name }}"), name=name'),
        (
            '"<i>%s %s</i>" % (name, other), x=1',
            '"<i>%s %s</i>" % ("{{ name }}", "{{ other }}",), x=1, name=name, other=other',
        ),
    ]:
        text = (
            "from flask import render_template_string, request\n\n\n"
            f"def h(name, other):\n    return render_template_string({before})\n"
        )
        sf = new_file(text, "p.py")
        assert fixed_text(
            sf, finding_at(sf, "return render_template_string(", "code-injection")
        ) == text.replace(before, after)


def test_templates_that_are_not_mechanical_are_left_alone():
    for arg in ["PAGE, name=name", '"<b>%d</b>" % count', 'f"{{x}} {name}"', '"{a}".format(a=name)', "page"]:
        text = (
            "from flask import render_template_string\nPAGE = '<b>{{ name }}</b>'\n\n\n"
            f"def h(name, count, page):\n    return render_template_string({arg})\n"
        )
        sf = new_file(text, "p.py")
        assert fixed_text(sf, finding_at(sf, "return render_template_string(", "code-injection")) is None, arg


VALUE = st.text(alphabet="ab'\"$[]=@/ \\", max_size=12)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUE, VALUE)
def test_an_xpath_concatenation_with_hostile_constants_is_fixed_exactly_or_not_at_all(head, tail):
    source = (
        "from lxml import etree\n\n\ndef f(doc, user):\n"
        f'    return doc.xpath({head!r} + "\'" + user + "\'" + {tail!r})\n'
    )
    sf = new_file(source, "x.py")
    out = fixed_text(sf, finding_at(sf, "doc.xpath", "xpath-injection"))
    assert out is not None
    fixed = ast.parse(out).body[1].body[0].value  # type: ignore[attr-defined]
    assert fixed.args[0].value == f"{head}$user{tail}"
    assert [(k.arg, ast.unparse(k.value)) for k in fixed.keywords] == [("user", "user")]


def test_the_fixes_pass_verification(tmp_path):
    pairs = []
    for text, path, needle, category in [
        (LDAP, "sso/ldap_auth.py", "search_s", "ldap-injection"),
        (XPATH, "legacy/accounts.py", "TREE.xpath", "xpath-injection"),
        (WHERE, "catalog/search.py", "$where", "nosql-injection"),
        (JSON_FILTER, "auth/routes.py", "find_one", "nosql-injection"),
        (TEMPLATE, "web/pages.py", "render_template_string(PAGE", "code-injection"),
    ]:
        sf = new_file(text, path)
        pairs.append((sf, finding_at(sf, needle, category)))
    assert [v.reason for v in verify_all(pairs, tmp_path)] == [""] * 5


def test_an_ldap_value_escaped_on_an_earlier_line_is_not_escaped_twice():
    text = LDAP.replace(
        "    username = request.form['username']\n",
        "    username = ldap.filter.escape_filter_chars(request.form['username'])\n",
    )
    sf = new_file(text, "sso/ldap_auth.py")
    assert fixed_text(sf, finding_at(sf, "search_s", "ldap-injection")) is None


def test_a_template_value_named_like_a_flask_global_does_not_shadow_it():
    text = (
        "from flask import render_template_string\n\n\ndef h(config):\n"
        '    return render_template_string("<b>%s</b>" % config)\n'
    )
    sf = new_file(text, "p.py")
    assert fixed_text(sf, finding_at(sf, "return render_template_string(", "code-injection")) == text.replace(
        '"<b>%s</b>" % config)', '"<b>%s</b>" % "{{ config2 }}", config2=config)'
    )
