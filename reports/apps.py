from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from projects import panels

        panels.register(
            panels.ProjectPanel(
                name="reports",
                template="reports/_project_panel.html",
                data=lambda project: None,
                order=20,
            )
        )
