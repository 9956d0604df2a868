from flask import Flask, make_response, request

app = Flask(__name__)


def prepare_next_url(value):
    value = value.strip()
    return value


@app.route("/go")
def go():
    destination = prepare_next_url(request.args.get("return_url", ""))
    response = make_response("", 302)
    response.headers["Location"] = destination
    return response
