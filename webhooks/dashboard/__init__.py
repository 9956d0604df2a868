"""The dashboard and JSON API for security leads: pages, API, sign-in, filters, charts."""
