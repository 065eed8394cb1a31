# syntax=docker/dockerfile:1
# Hankeportaali production image: gunicorn serves the app, WhiteNoise the
# static files collected at build time. docker-compose.yml runs the same
# image as web, migrate, worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/var/media

# WeasyPrint's runtime libraries (Pango, HarfBuzz subsetting), a font for the
# PDFs, and gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system app \
    && useradd --system --gid app --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. The PEP 735
# groups in pyproject.toml need pip 25.1 or later.
COPY pyproject.toml ./
RUN python -m pip install "pip>=25.1" \
    && python -m pip install --group run

COPY . .

# Compiled catalogues (*.mo) are not in git. compilemessages runs with the
# demo defaults (DEBUG on), which need no secret. collectstatic runs with
# DEBUG off so the manifest storage is used; its SECRET_KEY exists only for
# that command and is never part of the image's environment.
RUN python manage.py compilemessages --ignore=.venv -v0 \
    && SECRET_KEY=build-only DEBUG=0 python manage.py collectstatic --noinput -v0

# Named volumes mounted here start with the image's owner, so the app user
# can write media files and the beat schedule.
RUN mkdir -p /app/var/media /app/var/beat \
    && chown -R app:app /app/var

USER app

EXPOSE 8000

CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--no-control-socket"]
