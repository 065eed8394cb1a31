from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("", views.root, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz-live"),
]

urlpatterns += i18n_patterns(
    path("", include("portal.urls_i18n")),
    path(_("projects/"), include("projects.urls")),
    # Reports live under their project's address, in their own app.
    path(_("projects/"), include("reports.urls")),
    # Each upper app defines its own translated paths (public and workspace).
    path("", include("newsletters.urls")),
    path("", include("pilots.urls")),
    path("", include("feedback.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
