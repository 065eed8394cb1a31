"""The report pages, under their project: ``/fi/hankkeet/<slug>/raportit/…``,
``/sv/projekt/<slug>/rapporter/…`` (included at the projects' prefix)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from reports import views

app_name = "reports"

urlpatterns = [
    path(_("<slug:slug>/reports/"), views.report_list, name="list"),
    path(_("<slug:slug>/reports/new/"), views.report_create, name="create"),
    path(_("<slug:slug>/reports/<int:pk>/"), views.report_detail, name="detail"),
    path(
        _("<slug:slug>/reports/<int:pk>/edit/<slug:section>/"),
        views.report_edit,
        name="edit",
    ),
    path(_("<slug:slug>/reports/<int:pk>/status/"), views.report_move, name="move"),
    path(
        _("<slug:slug>/reports/<int:pk>/approve/"),
        views.report_approve,
        name="approve",
    ),
    path(
        _("<slug:slug>/reports/<int:pk>/pdf/"),
        views.report_render_create,
        name="render-create",
    ),
    path(
        _("<slug:slug>/reports/<int:pk>/pdf/<str:key>/"),
        views.report_render_status,
        name="render",
    ),
    path(
        _("<slug:slug>/reports/<int:pk>/pdf/<str:key>/retry/"),
        views.report_render_retry,
        name="render-retry",
    ),
    path(
        _("<slug:slug>/reports/<int:pk>/pdf/<str:key>/download/"),
        views.report_render_download,
        name="render-download",
    ),
]
