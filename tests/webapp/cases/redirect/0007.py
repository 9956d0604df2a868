from flask import Blueprint, make_response, request

views = Blueprint("redirect_7", __name__)


@views.route("/go")
def go():
    items = ["/dashboard"]
    items.append(request.args.getlist("next")[0])
    items.pop()
    destination = items[-1]
    response = make_response("", 302)
    response.headers["Location"] = destination
    return response
