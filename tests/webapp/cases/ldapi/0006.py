import os

import ldap
from flask import Flask, jsonify, request

app = Flask(__name__)


def directory():
    conn = ldap.initialize("ldap://ldap.corp.example:389")
    conn.simple_bind_s("cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""))
    return conn


@app.route("/groups/members")
def group_members():
    uid_arg = request.values.get("member", "")
    group = "%s" % uid_arg
    query = "(&(objectClass=groupOfNames)(cn=" + group + "))"
    found = directory().search_s("ou=groups,dc=corp,dc=example", ldap.SCOPE_ONELEVEL, query, ["member"])
    return jsonify(count=len(found))
