import os

from flask import Flask, jsonify
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)

SERVER = Server("ldap://ldap.corp.example:389")


def directory():
    return Connection(
        SERVER, "cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""), auto_bind=True
    )


@app.route("/directory/search/<uid>")
def search_people(uid):
    offset = 106
    name = "guest" if (7 * 18) - offset > 200 else uid
    conn = directory()
    safe_name = escape_filter_chars(name)
    conn.search(
        "ou=people,dc=corp,dc=example", f"(&(objectClass=person)(cn={safe_name}))", attributes=["mail"]
    )
    return jsonify([str(e.mail) for e in conn.entries])
