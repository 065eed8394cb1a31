"""``manage.py load_demo``: the demo users, then each app's ``demo.load()``."""

import importlib
import importlib.util

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo_users import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = (
        "Create the demo users and load every app's demo data (the load() of "
        "its demo module). Safe to run again: existing rows are updated, and "
        "the passwords of existing users are left alone."
    )

    def handle(self, *args, **options) -> None:
        new_users = self.create_users()
        counts: dict[str, int] = {}
        for app in apps.get_app_configs():
            if importlib.util.find_spec(f"{app.name}.demo") is None:
                continue
            module = importlib.import_module(f"{app.name}.demo")
            for key, value in module.load().items():
                counts[key] = counts.get(key, 0) + value
        if options["verbosity"] < 1:
            return
        created = counts.pop("created", 0)
        details = ", ".join(f"{key} {value}" for key, value in counts.items())
        self.stdout.write(
            f"Demo loaded: {len(DEMO_USERS)} demo users ({new_users} new), "
            f"{created} new rows; {details}."
        )

    @transaction.atomic
    def create_users(self) -> int:
        """Create the missing demo users; return how many were created."""
        user_model = get_user_model()
        created_count = 0
        for username, (first, last, email, superuser) in DEMO_USERS.items():
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": email,
                    "is_superuser": superuser,
                    "is_staff": superuser,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                created_count += 1
        return created_count
