# articlebot: the Telegram bot in a small image, running as a non-root user, the database on a
# volume. Build: docker build -t articlebot .   Run: see compose.yaml (or the README, "Deploy").

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml requirements.lock README.md LICENSE ./
COPY articlebot ./articlebot
COPY bot ./bot
COPY handlers ./handlers
COPY store ./store
# Pinned versions, no pip cache, no compilers in the final image.
RUN python -m venv /opt/articlebot \
    && /opt/articlebot/bin/pip install --no-cache-dir -c requirements.lock . \
    && find /opt/articlebot -name __pycache__ -prune -exec rm -rf {} +

FROM python:3.11-slim
RUN useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin articlebot \
    && mkdir -p /data \
    && chown articlebot:articlebot /data
COPY --from=build /opt/articlebot /opt/articlebot
ENV PATH=/opt/articlebot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    ARTICLEBOT_DB=/data/articlebot.db \
    ARTICLEBOT_HEARTBEAT_FILE=/tmp/articlebot.heartbeat
USER articlebot
WORKDIR /data
VOLUME ["/data"]
# Healthy while the bot's event loop keeps touching its heartbeat file (every 30 s).
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
    CMD ["articlebot", "health"]
# SIGTERM (docker stop) finishes what is in flight and closes the database cleanly.
STOPSIGNAL SIGTERM
CMD ["articlebot", "run"]
