from urllib.parse import parse_qs

from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.route("/greeting")
def greeting():
    params = parse_qs(request.query_string.decode())
    expr_arg = params.get("formula", [""])[0]
    title = "%s" % expr_arg
    page = "<h1>Welcome, %s</h1>" % title
    return render_template_string(page)
