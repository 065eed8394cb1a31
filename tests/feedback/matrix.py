"""The feedback app's URLs in the role × URL matrix."""

from django.urls import reverse

from feedback import services
from feedback.models import Survey
from tests.matrix import LOGIN_ONLY, ROLES, codes

BUILDER = codes(anonymous=302, outsider=404, member=404, steering=403)
RESULTS = codes(anonymous=302, outsider=404, member=404)
NOWHERE = codes(**dict.fromkeys(ROLES, 404))


def extend_world(world) -> None:  # noqa: ANN001
    """An open THL survey of world.project with a few responses, and a closed one."""
    survey = services.survey_create_from_thl(project=world.project)
    services.survey_set_status(survey=survey, status=Survey.Status.OPEN)
    closed = services.survey_create(
        project=world.project, title_fi="Päättynyt kysely", title_sv="Avslutad enkät"
    )
    services.survey_set_status(survey=closed, status=Survey.Status.CLOSED)
    world.survey = survey
    world.closed_survey = closed
    world.question = survey.questions.first()


def _answer(w, **kw):  # noqa: ANN001, ANN202
    return reverse("feedback:answer", kwargs={"token": w.survey.token})


def _pk(name: str, attr: str = "survey"):  # noqa: ANN202
    return lambda w: reverse(name, kwargs={"pk": getattr(w, attr).pk})


MATRIX = [
    ("feedback_answer", _answer, codes()),
    (
        "feedback_answer_closed",
        lambda w: reverse("feedback:answer", kwargs={"token": w.closed_survey.token}),
        codes(),
    ),
    (
        "feedback_thanks",
        lambda w: reverse("feedback:thanks", kwargs={"token": w.survey.token}),
        codes(),
    ),
    (
        "feedback_unknown_token",
        lambda w: reverse("feedback:answer", kwargs={"token": "nosuchtoken"}),
        NOWHERE,
    ),
    ("feedback_list", lambda w: reverse("feedback:list"), LOGIN_ONLY),
    ("feedback_builder", _pk("feedback:survey"), BUILDER),
    ("feedback_edit", _pk("feedback:edit"), BUILDER),
    ("feedback_question_add", _pk("feedback:question-add"), BUILDER),
    (
        "feedback_question_edit",
        lambda w: reverse(
            "feedback:question-edit", kwargs={"pk": w.survey.pk, "qpk": w.question.pk}
        ),
        BUILDER,
    ),
    ("feedback_preview", _pk("feedback:preview"), BUILDER),
    ("feedback_results", _pk("feedback:results"), RESULTS),
    ("feedback_results_closed", _pk("feedback:results", "closed_survey"), RESULTS),
]
