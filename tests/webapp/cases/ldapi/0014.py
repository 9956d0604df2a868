import os

from flask import Blueprint, request
from ldap3 import Connection, Server

views = Blueprint("ldapi_14", __name__)

SERVER = Server("ldap://ldap.corp.example:389")


def directory():
    return Connection(
        SERVER, "cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""), auto_bind=True
    )


@views.route("/directory/mail")
def lookup_mail():
    queue = ["guest"]
    queue.append(request.values.get("member", ""))
    queue.append("guest")
    mail = queue[1]
    conn = directory()
    search_filter = "(mail={})".format(mail)
    conn.search("dc=corp,dc=example", search_filter, attributes=["uid"])
    return {"matches": len(conn.entries)}
