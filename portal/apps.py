from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from portal.pagecache import bump_version

        # Cache invalidation only: any content write makes cached pages stale.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(bump_version, dispatch_uid=f"pagecache-{signal}")
