"""Test settings: the real services (PostgreSQL, Redis), fast hashing."""

import os
from pathlib import Path

os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hankeportaali"
)
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("EMAIL_URL", "smtp://127.0.0.1:2525")
os.environ.setdefault("DEBUG", "1")
# Report PDFs of one test database in a folder of their own (two suites may
# run side by side on one machine); workers started by the tests inherit it.
os.environ.setdefault(
    "REPORTS_PDF_DIR",
    str(
        Path(__file__).resolve().parent.parent
        / "var"
        / "test-report-pdfs"
        / os.environ["DATABASE_URL"].rsplit("/", 1)[-1]
    ),
)

from portal.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# live_server answers 404 for every file under a manifest storage.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CONN_MAX_AGE = 0
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
EMAIL_TIMEOUT = 5
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
