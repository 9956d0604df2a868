from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/cart", methods=["POST"])
def keep_cart():
    resp = make_response("saved")
    resp.set_cookie("cart_session", request.form.get("cart", ""), path="/", secure=False, httponly=True)
    return resp
