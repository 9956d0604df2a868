from flask import Flask, request, session

from .models import User

app = Flask(__name__)


@app.route("/page")
def page():
    session["page"] = int(request.args.get("page", "1"))
    session["theme"] = "dark"
    return "ok"
