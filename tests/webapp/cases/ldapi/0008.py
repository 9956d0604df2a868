import os

from flask import Flask, jsonify, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)

SERVER = Server("ldap://ldap.corp.example:389")


def directory():
    return Connection(
        SERVER, "cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""), auto_bind=True
    )


class UidHolder:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/directory/search", methods=["POST"])
def search_people():
    payload = request.get_json(silent=True) or {}
    name = UidHolder("guest").value_of(payload.get("login", ""))
    conn = directory()
    safe_name = escape_filter_chars(name)
    conn.search(
        "ou=people,dc=corp,dc=example", f"(&(objectClass=person)(cn={safe_name}))", attributes=["mail"]
    )
    return jsonify([str(e.mail) for e in conn.entries])
