# The news index service: gunicorn on a slim Python, as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NEWS_INDEX_DATA_DIR=/data \
    PORT=8000

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY gunicorn.conf.py ./
COPY service ./service
COPY loaders ./loaders
COPY mappings ./mappings
COPY samples ./samples

RUN useradd --system --uid 10001 --home-dir /app news \
    && mkdir -p /data \
    && chown news /data
USER 10001
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2)"]

# Checks every setting (one line and exit 78 for a bad one), then execs
# `gunicorn -c gunicorn.conf.py service.wsgi:app` as the same process.
CMD ["python", "-m", "service.serve"]
