from flask import Blueprint, request, session

bp = Blueprint("trustbound_5", __name__)


@bp.route("/tenant/switch")
def switch_tenant():
    queue = ["viewer"]
    queue.append(request.args.getlist("team")[0])
    queue.append("viewer")
    tenant = queue[1]
    session["tenant"] = tenant
    session["switched"] = True
    return {"tenant": session["tenant"]}
