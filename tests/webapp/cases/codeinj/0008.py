from flask import Flask, render_template_string, request

app = Flask(__name__)


def normalise_expr(value):
    return value.strip().replace("\r", "")


@app.route("/greeting", methods=["POST"])
def greeting():
    title = normalise_expr(request.form["formula"])
    return render_template_string("<h1>Welcome, {{ title }}</h1>", title=title)
