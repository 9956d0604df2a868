from flask import Flask, request
from flask_cors import CORS

TRUSTED_ORIGINS = ["https://app.example.com", "https://admin.example.com"]


def create_app() -> Flask:
    app = Flask(__name__)
    CORS(app, origins=TRUSTED_ORIGINS, supports_credentials=True)

    @app.after_request
    def legacy_cors(response):
        origin = request.headers.get("Origin", "")
        if origin in TRUSTED_ORIGINS:
            response.headers["Access-Control-Allow-Origin"] = origin
        return response

    return app
