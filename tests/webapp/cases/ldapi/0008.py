import os

import ldap
from flask import Flask, jsonify, request
from ldap.filter import filter_format

app = Flask(__name__)


def directory():
    conn = ldap.initialize("ldap://ldap.corp.example:389")
    conn.simple_bind_s("cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""))
    return conn


class UidHolder:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/groups/members", methods=["POST"])
def group_members():
    payload = request.get_json(silent=True) or {}
    group = UidHolder("guest").value_of(payload.get("login", ""))
    query = filter_format("(&(objectClass=groupOfNames)(cn=%s))", [group])
    found = directory().search_s("ou=groups,dc=corp,dc=example", ldap.SCOPE_ONELEVEL, query, ["member"])
    return jsonify(count=len(found))
