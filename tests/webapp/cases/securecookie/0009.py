from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/session/start")
def start_session():
    pending = ["light"]
    pending.append(request.args.get("theme", ""))
    pending.append("light")
    session_id = pending[1]
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=False, httponly=False)
    return resp
