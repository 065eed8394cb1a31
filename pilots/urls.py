from django.urls import path
from django.utils.translation import gettext_lazy as _

from pilots import views

app_name = "pilots"

urlpatterns = [
    path(_("pilots/"), views.pilot_list, name="list"),
    path(_("pilots/<int:pk>/"), views.pilot_detail, name="detail"),
    path(
        _("pilots/attachments/<int:pk>/<str:name>"),
        views.attachment_download,
        name="attachment",
    ),
    path(_("workspace/pilots/"), views.workspace_pilots, name="workspace"),
    path(_("workspace/pilots/<int:pk>/"), views.pilot_log, name="log"),
    path(
        _("workspace/pilots/<int:pk>/entries/<int:entry_pk>/edit/"),
        views.entry_edit,
        name="entry-edit",
    ),
    path(
        _("workspace/pilots/<int:pk>/entries/<int:entry_pk>/delete/"),
        views.entry_delete,
        name="entry-delete",
    ),
    path(
        _("workspace/pilots/<int:pk>/measurements/"),
        views.measurements_import,
        name="measurements-import",
    ),
]
