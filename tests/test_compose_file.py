"""docker-compose.yml: valid Compose and a complete production stack.

Static checks only (no Docker engine, no database): the file is validated
against the Compose specification schema vendored in check-jsonschema.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return YAML(typ="safe").load(COMPOSE_FILE.read_text(encoding="utf-8"))


def test_compose_file_follows_the_compose_specification():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            "docker-compose.yml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_stack_has_database_cache_web_worker_and_beat(compose):
    assert {"db", "redis", "web", "worker", "beat"} <= set(compose["services"])


@pytest.mark.parametrize("service", ["db", "redis", "web"])
def test_long_running_services_report_their_health(compose, service):
    healthcheck = compose["services"][service].get("healthcheck")
    assert healthcheck, f"{service} has no healthcheck"
    assert not healthcheck.get("disable")
    assert healthcheck["test"]


def test_web_health_is_the_readiness_endpoint(compose):
    probe = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/healthz" in probe
    assert "urllib" in probe


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_wait_for_healthy_database_and_redis(compose, service):
    depends_on = compose["services"][service]["depends_on"]
    assert depends_on["db"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_start_after_the_migrations(compose, service):
    migrate = compose["services"]["migrate"]
    assert "migrate" in migrate["command"]
    assert migrate.get("restart", "no") == "no"
    depends_on = compose["services"][service]["depends_on"]
    assert depends_on["migrate"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_run_in_production_mode(compose, service):
    environment = compose["services"][service]["environment"]
    assert environment["DEBUG"] == "0"
    assert environment["SECURE"] == "1"
    # The key must be given: the file must not carry a default for it.
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert "@db:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    for name in ("EMAIL_URL", "ALLOWED_HOSTS", "SITE_URL"):
        assert environment[name], name


def test_web_runs_gunicorn_with_several_workers(compose):
    command = compose["services"]["web"]["command"]
    assert command[:2] == ["gunicorn", "portal.wsgi"]
    assert any(part.startswith("--workers=") for part in command)


def test_worker_and_beat_run_celery(compose):
    assert compose["services"]["worker"]["command"][:4] == [
        "celery",
        "-A",
        "portal",
        "worker",
    ]
    beat = compose["services"]["beat"]
    assert beat["command"][:4] == ["celery", "-A", "portal", "beat"]
    schedule = next(p for p in beat["command"] if p.startswith("--schedule="))
    mounts = [volume.split(":")[1] for volume in beat["volumes"]]
    assert any(schedule.removeprefix("--schedule=").startswith(m) for m in mounts)


def test_data_lives_in_named_volumes(compose):
    named = set(compose["volumes"])
    services = compose["services"]

    def named_sources(service: str) -> set[str]:
        return {v.split(":")[0] for v in services[service].get("volumes", [])}

    assert named_sources("db") & named
    assert "/var/lib/postgresql/data" in str(services["db"]["volumes"])
    assert named_sources("web") & named, "media is not in a named volume"
    assert named_sources("beat") & named, "beat's schedule is not kept"
