import os

import ldap
from flask import Flask, jsonify
from ldap.filter import escape_filter_chars

app = Flask(__name__)


def directory():
    conn = ldap.initialize("ldap://ldap.corp.example:389")
    conn.simple_bind_s("cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""))
    return conn


@app.route("/directory/user/<requested_uid>")
def find_user(requested_uid):
    candidates = ["guest"]
    candidates.append(requested_uid)
    candidates.append("guest")
    uid = candidates[1]
    query = "(uid=%s)" % escape_filter_chars(uid)
    results = directory().search_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE, query)
    return jsonify([dn for dn, _ in results])
