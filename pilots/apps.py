from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "pilots"
    verbose_name = _("Pilots")

    def ready(self) -> None:
        from pilots import selectors
        from projects import panels

        panels.register(
            panels.ProjectPanel(
                name="pilots",
                template="pilots/_project_pilots.html",
                data=lambda project: selectors.project_pilots(project=project),
                order=10,
            )
        )
