import os
from urllib.parse import parse_qs

from flask import Flask, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


def prepare_role(value):
    return value.strip().replace("\r", "")


@app.route("/checkout/plan")
def choose_plan():
    params = parse_qs(request.query_string.decode())
    plan = prepare_role(params.get("org", [""])[0])
    key = "plan"
    session[key] = plan
    return "plan saved"
