from flask import Flask, request

app = Flask(__name__)


@app.route("/tags")
def tag_page():
    tag = request.headers.get("User-Agent", "")
    items = "".join(f"<li>{t}</li>" for t in [tag, "all"])
    return "<ul>" + items + "</ul>"
