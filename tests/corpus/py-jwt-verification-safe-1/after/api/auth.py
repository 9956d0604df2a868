import os

import jwt
from flask import request, abort, g

JWT_KEY = os.environ["JWT_SIGNING_KEY"]


def current_user_id() -> int:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        abort(401)
    token = header.removeprefix("Bearer ")
    try:
        claims = jwt.decode(token, JWT_KEY, algorithms=["HS256"], audience="api")
    except jwt.InvalidTokenError:
        abort(401)
    g.roles = claims.get("roles", [])
    return int(claims["sub"])
