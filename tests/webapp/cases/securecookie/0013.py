from flask import Flask, make_response, request

app = Flask(__name__)


class ChoiceInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/session/start")
def start_session():
    session_id = ChoiceInput("light").value_of(request.headers.get("X-Client-Id", ""))
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=False, httponly=False)
    return resp
