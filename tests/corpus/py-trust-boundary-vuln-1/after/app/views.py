from flask import Flask, request, session

app = Flask(__name__)


@app.route("/switch")
def switch_user():
    session["user_id"] = request.args.get("user")
    return "ok"
