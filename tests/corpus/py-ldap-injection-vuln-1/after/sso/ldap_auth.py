import ldap
from flask import Flask, request, abort

app = Flask(__name__)
BASE_DN = "ou=people,dc=example,dc=com"


@app.post("/sso/lookup")
def lookup():
    username = request.form["username"]
    conn = ldap.initialize("ldap://ldap.internal")
    conn.simple_bind_s("cn=reader,dc=example,dc=com", app.config["LDAP_READER_PW"])
    results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + username + ")", ["cn", "mail"])
    if not results:
        abort(404)
    dn, attrs = results[0]
    return {"dn": dn, "mail": attrs["mail"][0].decode()}
