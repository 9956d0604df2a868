import os

import ldap
from flask import Flask, jsonify, request

app = Flask(__name__)


def directory():
    conn = ldap.initialize("ldap://ldap.corp.example:389")
    conn.simple_bind_s("cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""))
    return conn


@app.route("/directory/user")
def find_user():
    uid = request.args.getlist("user")[0]
    results = directory().search_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE, "(uid=%s)" % uid)
    return jsonify([dn for dn, _ in results])
