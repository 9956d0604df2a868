import os

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
PASSWORD_FIELD = "password"


def create_app() -> Flask:
    app = Flask(__name__)
    app.secret_key = os.environ["SECRET_KEY"]
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    app.config["MAIL_PASSWORD"] = os.environ.get("MAIL_PASSWORD", "")
    db.init_app(app)
    return app
