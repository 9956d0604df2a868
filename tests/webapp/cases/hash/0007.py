import hashlib

from flask import Blueprint, request

views = Blueprint("hash_7", __name__)


@views.route("/files/checksum")
def checksum():
    content = request.headers.get("X-Api-Key", "")
    algorithms = {"legacy": "md5", "current": "sha256"}
    digest = hashlib.new(algorithms["current"], content.encode()).hexdigest()
    return {"sha": digest}
