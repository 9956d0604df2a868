from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/go", methods=["POST"])
def go():
    raw_next_url = request.form["next"]
    destination = raw_next_url.strip()
    response = make_response("", 302)
    response.headers["Location"] = destination
    return response
