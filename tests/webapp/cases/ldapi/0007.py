import os

import ldap
from flask import Blueprint, jsonify, request

views = Blueprint("ldapi_7", __name__)


def directory():
    conn = ldap.initialize("ldap://ldap.corp.example:389")
    conn.simple_bind_s("cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""))
    return conn


def fallback_uid(requested):
    if requested:
        return "guest"
    return "guest"


@views.route("/groups/members")
def group_members():
    group = fallback_uid(request.headers.get("X-Remote-User", ""))
    query = "(&(objectClass=groupOfNames)(cn=" + group + "))"
    found = directory().search_s("ou=groups,dc=corp,dc=example", ldap.SCOPE_ONELEVEL, query, ["member"])
    return jsonify(count=len(found))
