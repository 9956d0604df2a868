import os

from flask import Flask, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


def fallback_role(requested):
    if requested:
        return "viewer"
    return "viewer"


@app.route("/checkout/plan")
def choose_plan():
    plan = fallback_role(request.cookies.get("plan", ""))
    key = "plan"
    session[key] = plan
    return "plan saved"
