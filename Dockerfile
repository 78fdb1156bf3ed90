# Kinderschutz-Lotse: one container, one SQLite file on the /data volume, no root.
# Build:  docker build -t kinderschutz-lotse .
# Run:    docker run -d -v lotse-data:/data -e TELEGRAM_BOT_TOKEN_FILE=/run/secrets/token \
#           --mount type=bind,src=/path/to/token,dst=/run/secrets/token,readonly kinderschutz-lotse
# Check the shipped knowledge base:  docker run --rm kinderschutz-lotse check

FROM python:3.11-slim AS build
WORKDIR /src
# Dependencies first, so a change to the code does not rebuild every wheel.
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
# Pango (and a font) for WeasyPrint: the Aushang and Dokumentationsbogen PDFs (README, "Design").
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    KINDERSCHUTZ_LOTSE_CONFIG=/app/config.yaml
RUN useradd --create-home --uid 10001 lotse \
    && mkdir -p /data \
    && chown lotse:lotse /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
WORKDIR /app
COPY knowledge ./knowledge
COPY config.example.yaml ./config.yaml
# config.yaml keeps the database at data/lotse.sqlite3 relative to /app: that is the volume.
RUN ln -s /data /app/data
USER lotse
VOLUME ["/data"]
# A polling bot opens no port; the running bot rewrites /data/heartbeat every minute.
HEALTHCHECK --interval=1m --timeout=10s --start-period=30s \
    CMD ["kinderschutz-lotse", "health"]
ENTRYPOINT ["kinderschutz-lotse"]
CMD ["run"]
