"""HTTP edge of Remediator: the Flask app factory that gunicorn serves.

Must not import openai, PyGithub or python-gitlab (the worker does the heavy work).
"""

from __future__ import annotations

from webhooks.app import create_app

__all__ = ["create_app"]
