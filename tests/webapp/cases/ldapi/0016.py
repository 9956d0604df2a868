import os

import ldap
from flask import Flask, jsonify, request
from ldap.filter import escape_filter_chars

app = Flask(__name__)


def directory():
    conn = ldap.initialize("ldap://ldap.corp.example:389")
    conn.simple_bind_s("cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""))
    return conn


@app.route("/directory/user", methods=["POST"])
def find_user():
    payload = request.get_json(silent=True) or {}
    given_uid = payload.get("login", "")
    uid = given_uid if given_uid else "guest"
    query = "(uid=%s)" % escape_filter_chars(uid)
    results = directory().search_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE, query)
    return jsonify([dn for dn, _ in results])
