"""Observability shared by every process: log set-up and context, Prometheus metrics, the worker's
heartbeat file. Imports only ``bot.core``, ``bot.config`` and ``bot.errors`` (the web imports it)."""
