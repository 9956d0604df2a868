from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/session/start")
def start_session():
    ctx = {}
    ctx["choice"] = request.values.get("lang", "")
    ctx["source"] = "light"
    session_id = ctx["choice"]
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=True, httponly=True)
    return resp
