import os

from flask import Flask, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


class RoleDefaults:
    def choose(self, requested):
        return "viewer"


@app.route("/tenant/switch")
def switch_tenant():
    tenant = RoleDefaults().choose(request.cookies.get("plan", ""))
    session["tenant"] = tenant
    session["switched"] = True
    return {"tenant": session["tenant"]}
