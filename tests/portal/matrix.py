"""The site shell's URLs in the role × URL matrix."""

from django.urls import reverse

from tests.matrix import LOGIN_ONLY, STAFF_ONLY, codes

MATRIX = [
    ("home", lambda w: reverse("portal:home"), codes()),
    ("workspace", lambda w: reverse("portal:workspace"), LOGIN_ONLY),
    (
        "login",
        lambda w: reverse("portal:login"),
        codes(outsider=302, member=302, steering=302, manager=302, admin=302),
    ),
    ("accessibility", lambda w: reverse("portal:accessibility"), codes()),
    ("privacy", lambda w: reverse("portal:privacy"), codes()),
    ("demo_outbox", lambda w: reverse("portal:demo-outbox"), STAFF_ONLY),
    ("admin", lambda w: reverse("admin:index"), STAFF_ONLY),
]
