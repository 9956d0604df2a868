import html

from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/error", methods=["POST"])
def error_page():
    given_query = request.form["comment"]
    message = given_query if given_query else "welcome"
    body = "<html><body><p>Error: {}</p></body></html>".format(html.escape(message))
    return Response(body, status=400, mimetype="text/html")
