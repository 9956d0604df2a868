from flask import Flask, render_template_string, request

app = Flask(__name__)


def prepare_expr(value):
    value = value.strip()
    return value


@app.route("/greeting")
def greeting():
    title = prepare_expr(request.cookies.get("saved_formula", ""))
    page = "<h1>Welcome, %s</h1>" % title
    return render_template_string(page)
