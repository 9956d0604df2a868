from flask import Flask, request, abort
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
BASE_DN = "ou=people,dc=example,dc=com"


@app.post("/sso/lookup")
def lookup():
    username = escape_filter_chars(request.form["username"])
    conn = Connection(Server("ldap://ldap.internal"), "cn=reader,dc=example,dc=com",
                      app.config["LDAP_READER_PW"], auto_bind=True)
    conn.search(BASE_DN, f"(uid={username})", attributes=["cn", "mail"])
    if not conn.entries:
        abort(404)
    entry = conn.entries[0]
    return {"dn": entry.entry_dn, "mail": str(entry.mail)}
