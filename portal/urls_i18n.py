from django.urls import path
from django.utils.translation import gettext_lazy as _

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("workspace/"), views.workspace, name="workspace"),
    path(_("login/"), views.login, name="login"),
    path(_("logout/"), views.logout, name="logout"),
    path(_("accessibility/"), views.accessibility, name="accessibility"),
    path(_("privacy/"), views.privacy, name="privacy"),
    path(_("demo-outbox/"), views.demo_outbox, name="demo-outbox"),
    path(
        _("demo-outbox/<str:name>/"),
        views.demo_outbox_message,
        name="demo-outbox-message",
    ),
]
