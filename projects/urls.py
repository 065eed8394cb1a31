from django.urls import path
from django.utils.translation import gettext_lazy as _

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path(_("<slug:slug>/groups/<int:pk>/"), views.group_detail, name="group"),
    path(_("<slug:slug>/reports/"), views.report_list, name="reports"),
    path(_("<slug:slug>/reports/new/"), views.report_create, name="report-create"),
    path(_("<slug:slug>/reports/<int:pk>/"), views.report_detail, name="report"),
    path(
        _("<slug:slug>/reports/<int:pk>/edit/<slug:section>/"),
        views.report_edit,
        name="report-edit",
    ),
    path(
        _("<slug:slug>/reports/<int:pk>/status/"),
        views.report_move,
        name="report-move",
    ),
    path(
        _("<slug:slug>/reports/<int:pk>/pdf/"),
        views.report_render_create,
        name="report-render-create",
    ),
    path(
        _("<slug:slug>/reports/<int:pk>/pdf/<int:render_pk>/"),
        views.report_render_status,
        name="report-render",
    ),
    path(
        _("<slug:slug>/reports/<int:pk>/pdf/<int:render_pk>/retry/"),
        views.report_render_retry,
        name="report-render-retry",
    ),
    path(
        _("<slug:slug>/reports/<int:pk>/pdf/<int:render_pk>/download/"),
        views.report_render_download,
        name="report-render-download",
    ),
]
