import os

import ldap
from flask import Blueprint, jsonify, request

bp = Blueprint("ldapi_5", __name__)


def directory():
    conn = ldap.initialize("ldap://ldap.corp.example:389")
    conn.simple_bind_s("cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""))
    return conn


@bp.route("/groups/members", methods=["POST"])
def group_members():
    limit = 106
    group = "guest" if (7 * 18) - limit > 200 else request.form["username"]
    query = "(&(objectClass=groupOfNames)(cn=" + group + "))"
    found = directory().search_s("ou=groups,dc=corp,dc=example", ldap.SCOPE_ONELEVEL, query, ["member"])
    return jsonify(count=len(found))
