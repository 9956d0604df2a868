# Remediator: the webhook service by default; run `remediator worker` from the same image for workers.
# Two stages: dependencies (pinned by constraints.txt) in a layer of their own, then the code.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md constraints.txt ./
# A stand-in package lets pip resolve and install every dependency before the code is copied, so a
# code change rebuilds only the layers below.
RUN mkdir -p bot webhooks && echo '__version__ = "0"' > bot/__init__.py && touch webhooks/__init__.py \
    && python -m venv /opt/remediator \
    && /opt/remediator/bin/pip install -c constraints.txt ".[postgres,redis]" \
    && /opt/remediator/bin/pip uninstall -y remediator
COPY bot ./bot
COPY webhooks ./webhooks
RUN /opt/remediator/bin/pip install --no-deps .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/remediator/bin:$PATH \
    REMEDIATOR_DATA_DIR=/var/lib/remediator
RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system remediator \
    && useradd --system --gid remediator --home-dir /home/remediator --create-home remediator \
    && mkdir -p /var/lib/remediator /var/lib/remediator-metrics \
    && chown remediator:remediator /var/lib/remediator /var/lib/remediator-metrics
COPY --from=build /opt/remediator /opt/remediator

USER remediator
EXPOSE 8000
VOLUME ["/var/lib/remediator"]
# One check for either role: REMEDIATOR_ROLE=web (the default) probes /healthz on port 8000; a worker
# container sets REMEDIATOR_ROLE=worker and the check reads the heartbeat file the worker touches.
ENV REMEDIATOR_ROLE=web
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD ["remediator", "health"]
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-", "--logger-class", "webhooks.app.GunicornLogger", "webhooks:create_app()"]
