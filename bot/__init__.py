"""Remediator: a self-hosted security reviewer for pull and merge requests."""

__version__ = "0.1.0"
