# The actorgraph app (API + pages). Used by docker-compose.yml next to a Neo4j container;
# on its own it runs with the embedded store in /data.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ACTORGRAPH_DATA_DIR=/data

WORKDIR /app
# Dependencies first, so editing the code does not reinstall spaCy and its model.
COPY pyproject.toml README.md ./
RUN mkdir -p app graph && touch app/__init__.py graph/__init__.py \
    && pip install . && pip uninstall -y actorgraph && rm -rf app graph build *.egg-info

COPY app ./app
COPY graph ./graph
COPY templates ./templates
COPY static ./static
COPY seeds ./seeds
# Editable: the pages find templates/ and static/ next to the code, in /app.
RUN pip install --no-deps -e . \
    && useradd --system --create-home --home-dir /home/actorgraph actorgraph \
    && mkdir -p /data && chown actorgraph /data
USER actorgraph

EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4)"
CMD ["actorgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
