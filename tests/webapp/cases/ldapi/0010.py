import os
from urllib.parse import parse_qs

from flask import Blueprint, request
from ldap3 import Connection, Server

bp = Blueprint("ldapi_10", __name__)

SERVER = Server("ldap://ldap.corp.example:389")


def directory():
    return Connection(
        SERVER, "cn=reader,dc=corp,dc=example", os.environ.get("LDAP_PASSWORD", ""), auto_bind=True
    )


@bp.route("/directory/mail")
def lookup_mail():
    params = parse_qs(request.query_string.decode())
    raw_uid = params.get("uid", [""])[0]
    mail = raw_uid.rstrip()
    conn = directory()
    search_filter = "(mail={})".format(mail)
    conn.search("dc=corp,dc=example", search_filter, attributes=["uid"])
    return {"matches": len(conn.entries)}
