# Remediator: the webhook service by default; run `remediator worker` from the same image for workers.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    REMEDIATOR_DATA_DIR=/var/lib/remediator

RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system remediator \
    && useradd --system --gid remediator --home-dir /home/remediator --create-home remediator \
    && mkdir -p /var/lib/remediator \
    && chown remediator:remediator /var/lib/remediator

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY webhooks ./webhooks
RUN pip install ".[postgres,redis]"

USER remediator
EXPOSE 8000
VOLUME ["/var/lib/remediator"]
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-", "webhooks:create_app()"]
