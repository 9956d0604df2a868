from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def create_app() -> Flask:
    app = Flask(__name__)
    app.secret_key = "k3P9x!vQ2rT8wZ4mN6bY"
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://app@db/app"
    app.config["MAIL_PASSWORD"] = "Sup3rS3cretMail!"
    db.init_app(app)
    return app
