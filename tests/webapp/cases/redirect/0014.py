from flask import Blueprint, redirect, request

views = Blueprint("redirect_14", __name__)


class NextUrlInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@views.route("/sso/callback", methods=["POST"])
def sso_callback():
    return_to = NextUrlInput("/dashboard").value_of(request.form["next"])
    url = "%s?status=ok" % return_to
    return redirect(url)
