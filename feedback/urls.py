from django.urls import path
from django.utils.translation import gettext_lazy as _

from feedback import views

app_name = "feedback"

urlpatterns = [
    # Public: /fi/palaute/<token>/ and /sv/respons/<token>/.
    path(_("feedback/<str:token>/"), views.answer, name="answer"),
    path(_("feedback/<str:token>/thanks/"), views.thanks, name="thanks"),
    # Workspace: /fi/tyotila/kyselyt/ and /sv/arbetsyta/enkater/.
    path(_("workspace/surveys/"), views.survey_list, name="list"),
    path(_("workspace/surveys/<int:pk>/"), views.survey_detail, name="survey"),
    path(_("workspace/surveys/<int:pk>/edit/"), views.survey_edit, name="edit"),
    path(
        _("workspace/surveys/<int:pk>/questions/new/"),
        views.question_edit,
        name="question-add",
    ),
    path(
        _("workspace/surveys/<int:pk>/questions/<int:qpk>/"),
        views.question_edit,
        name="question-edit",
    ),
    path(
        _("workspace/surveys/<int:pk>/questions/<int:qpk>/delete/"),
        views.question_delete,
        name="question-delete",
    ),
    path(
        _("workspace/surveys/<int:pk>/questions/<int:qpk>/move/"),
        views.question_move,
        name="question-move",
    ),
    path(_("workspace/surveys/<int:pk>/status/"), views.survey_status, name="status"),
    path(
        _("workspace/surveys/<int:pk>/duplicate/"),
        views.survey_duplicate,
        name="duplicate",
    ),
    path(
        _("workspace/surveys/<int:pk>/preview/"), views.survey_preview, name="preview"
    ),
    path(_("workspace/surveys/<int:pk>/qr.svg"), views.survey_qr, name="qr"),
    path(_("workspace/surveys/<int:pk>/results/"), views.results, name="results"),
    path(
        _("workspace/surveys/<int:pk>/answers/<int:apk>/hide/"),
        views.answer_hide,
        name="answer-hide",
    ),
    path(_("workspace/surveys/<int:pk>/export/"), views.export, name="export"),
    path(
        _("workspace/surveys/<int:pk>/exports/<int:job>/"),
        views.export_job,
        name="export-job",
    ),
    path(
        _("workspace/surveys/<int:pk>/exports/<int:job>/download/"),
        views.export_download,
        name="export-download",
    ),
]
