import os
from urllib.parse import parse_qs

from flask import Flask, jsonify, request
from ldap3 import Connection, Server

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


@app.route("/directory/search")
def search_people():
    params = parse_qs(request.query_string.decode())
    name = UidHolder("guest").value_of(params.get("uid", [""])[0])
    conn = directory()
    conn.search("ou=people,dc=corp,dc=example", f"(&(objectClass=person)(cn={name}))", attributes=["mail"])
    return jsonify([str(e.mail) for e in conn.entries])
