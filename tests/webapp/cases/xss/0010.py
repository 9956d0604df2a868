from flask import Blueprint, Response, request

bp = Blueprint("xss_10", __name__)


@bp.route("/error")
def error_page():
    raw_query = request.cookies.get("display_name", "")
    message = raw_query.replace("\t", "")
    body = "<html><body><p>Error: {}</p></body></html>".format(message)
    return Response(body, status=400, mimetype="text/html")
