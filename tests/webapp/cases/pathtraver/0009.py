import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/exports/save")
def save_export():
    raw_filename = request.args.getlist("file")[0]
    target = raw_filename.rstrip()
    with open(os.path.join("/srv/app/exports", target), "w") as fh:
        fh.write("id,total\n")
    return {"saved": target}
