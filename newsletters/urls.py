from django.urls import path
from django.utils.translation import gettext_lazy as _

from newsletters import feeds, views

app_name = "newsletters"

urlpatterns = [
    # The developer community.
    path(_("developer-community/"), views.signup, name="signup"),
    path(
        _("developer-community/check-your-email/"),
        views.signup_done,
        name="signup-done",
    ),
    path(_("developer-community/confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("developer-community/manage/<str:token>/"), views.manage, name="manage"),
    path(
        _("developer-community/manage/<str:token>/my-data.json"),
        views.export,
        name="export",
    ),
    path(_("developer-community/leave/<str:token>/"), views.leave, name="leave"),
    # The public archive and feeds.
    path(_("newsletters/"), views.archive, name="archive"),
    path(_("newsletters/feed/"), feeds.IssueFeed(), name="feed"),
    path(_("newsletters/<slug:slug>/"), views.project_archive, name="project-archive"),
    path(
        _("newsletters/<slug:slug>/<int:year>/<int:number>/"),
        views.issue_detail,
        name="issue",
    ),
    # The workspace of project managers.
    path(_("workspace/newsletters/"), views.ws_list, name="ws-list"),
    path(
        _("workspace/newsletters/new/<slug:slug>/"), views.ws_create, name="ws-create"
    ),
    path(_("workspace/newsletters/<int:pk>/"), views.ws_detail, name="ws-detail"),
    path(
        _("workspace/newsletters/<int:pk>/images/"),
        views.ws_image_add,
        name="ws-image-add",
    ),
    path(
        _("workspace/newsletters/<int:pk>/images/<int:image_pk>/remove/"),
        views.ws_image_remove,
        name="ws-image-remove",
    ),
    path(
        _("workspace/newsletters/<int:pk>/preview/<str:lang>/"),
        views.ws_preview,
        name="ws-preview",
    ),
    path(
        _("workspace/newsletters/<int:pk>/preview/<str:lang>/email/"),
        views.ws_preview_email,
        name="ws-preview-email",
    ),
    path(_("workspace/newsletters/<int:pk>/test/"), views.ws_test_send, name="ws-test"),
    path(
        _("workspace/newsletters/<int:pk>/publish/"),
        views.ws_publish,
        name="ws-publish",
    ),
    path(
        _("workspace/newsletters/<int:pk>/schedule/"),
        views.ws_schedule,
        name="ws-schedule",
    ),
    path(
        _("workspace/newsletters/<int:pk>/unschedule/"),
        views.ws_unschedule,
        name="ws-unschedule",
    ),
    path(
        _("workspace/newsletters/<int:pk>/progress/"),
        views.ws_progress,
        name="ws-progress",
    ),
    path(
        _("workspace/newsletters/deliveries/<int:pk>/retry/"),
        views.ws_retry,
        name="ws-retry",
    ),
]
