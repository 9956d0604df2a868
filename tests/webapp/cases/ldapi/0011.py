import os

import ldap
from flask import Flask, jsonify
from ldap.filter import filter_format

app = Flask(__name__)


def directory():
    conn = ldap.initialize("ldap://ldap.corp.example:389")
    conn.simple_bind_s("cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""))
    return conn


@app.route("/groups/members/<uid>")
def group_members(uid):
    offset = 106
    group = "guest" if (7 * 18) - offset > 200 else uid
    query = filter_format("(&(objectClass=groupOfNames)(cn=%s))", [group])
    found = directory().search_s("ou=groups,dc=corp,dc=example", ldap.SCOPE_ONELEVEL, query, ["member"])
    return jsonify(count=len(found))
