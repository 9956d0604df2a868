from flask import Flask, make_response

app = Flask(__name__)


@app.route("/session/start/<locale>")
def start_session(locale):
    session_id = locale
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=True, httponly=True)
    return resp
