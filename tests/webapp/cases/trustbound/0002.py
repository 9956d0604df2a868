import os

from flask import Flask, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


@app.route("/tenant/switch", methods=["POST"])
def switch_tenant():
    payload = request.get_json(silent=True) or {}
    lookup = {}
    lookup["role"] = payload.get("tenant", "")
    lookup["source"] = "viewer"
    tenant = lookup["role"]
    session["tenant"] = tenant
    session["switched"] = True
    return {"tenant": session["tenant"]}
