import os

import ldap
from flask import Blueprint, jsonify, request

views = Blueprint("ldapi_14", __name__)


def directory():
    conn = ldap.initialize("ldap://ldap.corp.example:389")
    conn.simple_bind_s("cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""))
    return conn


@views.route("/directory/user")
def find_user():
    queue = ["guest"]
    queue.append(request.values.get("member", ""))
    queue.append("guest")
    uid = queue[1]
    results = directory().search_s("ou=people,dc=corp,dc=example", ldap.SCOPE_SUBTREE, "(uid=%s)" % uid)
    return jsonify([dn for dn, _ in results])
