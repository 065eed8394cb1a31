import pytest


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, not var/."""
    settings.PILOTS_ATTACHMENT_ROOT = tmp_path / "attachments"
