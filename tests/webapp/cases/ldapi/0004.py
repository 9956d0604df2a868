import os

from flask import Flask, jsonify, request
from ldap3 import Connection, Server

app = Flask(__name__)

SERVER = Server("ldap://ldap.corp.example:389")


def directory():
    return Connection(
        SERVER, "cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""), auto_bind=True
    )


@app.route("/directory/search")
def search_people():
    name = str(int(request.args.get("uid", "")))
    conn = directory()
    conn.search("ou=people,dc=corp,dc=example", f"(&(objectClass=person)(cn={name}))", attributes=["mail"])
    return jsonify([str(e.mail) for e in conn.entries])
