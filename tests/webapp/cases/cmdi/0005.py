import os

from flask import Blueprint, request

bp = Blueprint("cmdi_5", __name__)


@bp.route("/tools/lookup")
def dns_lookup():
    opts = {}
    opts["host"] = request.args.getlist("host")[0]
    opts["source"] = "localhost"
    name = opts["host"]
    status = os.system("nslookup " + name + " > /dev/null")
    return {"resolved": status == 0}
