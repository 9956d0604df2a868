from flask import Flask, request

app = Flask(__name__)


def normalise_query(value):
    value = value.strip()
    return value


@app.route("/search")
def search():
    term = normalise_query(request.cookies.get("display_name", ""))
    return f"<h2>Results for {term}</h2><p>No matches.</p>"
