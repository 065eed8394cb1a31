import os
from pathlib import Path

from celery import Celery
from celery.signals import import_modules

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@import_modules.connect
def _make_filesystem_broker_folders(sender=None, **kwargs) -> None:  # noqa: ANN001, ARG001
    """The demo's filesystem transport needs its folders before the first task."""
    options = app.conf.broker_transport_options or {}
    for key in (
        "data_folder_in",
        "data_folder_out",
        "processed_folder",
        "control_folder",
    ):
        if app.conf.broker_url == "filesystem://" and options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
