from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.route("/greeting")
def greeting():
    raw_expr = request.headers.get("X-Calc", "")
    title = raw_expr.strip()
    return render_template_string("<h1>Welcome, {{ title }}</h1>", title=title)
