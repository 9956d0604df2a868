from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/go")
def go():
    lookup = {}
    lookup["next_url"] = request.values.get("goto", "")
    lookup["source"] = "/dashboard"
    destination = lookup["next_url"]
    response = make_response("", 302)
    response.headers["Location"] = destination
    return response
