"""Flask app factory: ``create_app(settings=None)``; nothing happens at import time."""

from __future__ import annotations

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue

from bot import __version__
from bot.config import Settings


def create_app(settings: Settings | None = None) -> Flask:
    """The web application; ``settings`` default to the environment, read once here."""
    app = Flask("remediator")
    app.config["REMEDIATOR_SETTINGS"] = settings or Settings.from_env()

    @app.get("/healthz")
    def healthz() -> ResponseReturnValue:
        return jsonify(status="ok", version=__version__)

    return app
