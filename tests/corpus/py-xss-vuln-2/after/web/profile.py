from flask import Flask, request

app = Flask(__name__)


@app.route("/welcome")
def welcome():
    name = request.args.get("name", "guest")
    html = "<html><body><h1>Welcome, " + name + "</h1></body></html>"
    return html
