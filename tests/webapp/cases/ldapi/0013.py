import os

from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)

SERVER = Server("ldap://ldap.corp.example:389")


def directory():
    return Connection(
        SERVER, "cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""), auto_bind=True
    )


@app.route("/directory/mail", methods=["POST"])
def lookup_mail():
    opts = {}
    opts["uid"] = request.form["username"]
    opts["source"] = "guest"
    mail = opts["uid"]
    conn = directory()
    search_filter = "(mail={})".format(mail)
    conn.search("dc=corp,dc=example", search_filter, attributes=["uid"])
    return {"matches": len(conn.entries)}
