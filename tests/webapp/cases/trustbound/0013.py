import os

from flask import Flask, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


@app.route("/checkout/plan")
def choose_plan():
    role_arg = request.args.getlist("team")[0]
    plan = "%s" % role_arg
    key = "plan"
    session[key] = plan
    return "plan saved"
