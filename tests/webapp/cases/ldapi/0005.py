import os

from flask import Blueprint, jsonify, request
from ldap3 import Connection, Server

bp = Blueprint("ldapi_5", __name__)

SERVER = Server("ldap://ldap.corp.example:389")


def directory():
    return Connection(
        SERVER, "cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""), auto_bind=True
    )


@bp.route("/directory/search", methods=["POST"])
def search_people():
    limit = 106
    name = "guest" if (7 * 18) - limit > 200 else request.form["username"]
    conn = directory()
    conn.search("ou=people,dc=corp,dc=example", f"(&(objectClass=person)(cn={name}))", attributes=["mail"])
    return jsonify([str(e.mail) for e in conn.entries])
