from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/error")
def error_page():
    query_arg = request.args.get("q", "")
    message = "%s" % query_arg
    body = "<html><body><p>Error: {}</p></body></html>".format(message)
    return Response(body, status=400, mimetype="text/html")
