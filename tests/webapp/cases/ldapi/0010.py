import os
from urllib.parse import parse_qs

from flask import Blueprint, jsonify, request
from ldap3 import Connection, Server

bp = Blueprint("ldapi_10", __name__)

SERVER = Server("ldap://ldap.corp.example:389")


def directory():
    return Connection(
        SERVER, "cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""), auto_bind=True
    )


@bp.route("/directory/search")
def search_people():
    params = parse_qs(request.query_string.decode())
    raw_uid = params.get("uid", [""])[0]
    name = raw_uid.rstrip()
    conn = directory()
    conn.search("ou=people,dc=corp,dc=example", f"(&(objectClass=person)(cn={name}))", attributes=["mail"])
    return jsonify([str(e.mail) for e in conn.entries])
