# Kinderschutz-Lotse: one container, one SQLite file on the /data volume, no root.
# Build:  docker build -t kinderschutz-lotse .
# Check the shipped knowledge base:  docker run --rm kinderschutz-lotse check

FROM python:3.11-slim AS build
WORKDIR /src
# Dependencies first, so a change to the code does not rebuild every wheel.
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
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
USER lotse
VOLUME ["/data"]
# Until the chat service exists the container's job is validating the knowledge base; the
# health check proves the installed command and the shipped content still work together.
HEALTHCHECK --interval=5m --timeout=30s --start-period=10s \
    CMD ["kinderschutz-lotse", "check"]
ENTRYPOINT ["kinderschutz-lotse"]
CMD ["check"]
