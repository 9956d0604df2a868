from flask import Flask
from flask_cors import CORS


def create_app() -> Flask:
    app = Flask(__name__)
    CORS(app, origins="*", supports_credentials=True)
    from api.routes import bp
    app.register_blueprint(bp)
    return app
