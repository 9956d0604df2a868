from flask import Flask, jsonify, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/welcome")
def welcome():
    name = request.args.get("name", "guest")
    return "<html><body><h1>Welcome, " + escape(name) + "</h1></body></html>"


@app.route("/api/welcome")
def welcome_api():
    return jsonify(greeting="Welcome", name=request.args.get("name", "guest"))
