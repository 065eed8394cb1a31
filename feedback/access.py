"""Object access for the feedback views: one helper per resource, 404 for
outsiders (who cannot tell a survey from nothing), 403 for those who may
see it but not do that with it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from feedback import selectors
from feedback.models import Answer, ExportJob, Question, Survey
from portal.http import HtmxHttpRequest


def get_public_survey(token: str) -> Survey:
    """The survey behind an answering link; its state is the page's to say."""
    survey = selectors.survey_by_token(token=token)
    if survey is None:
        raise Http404
    return survey


def get_survey_for_user(
    request: HtmxHttpRequest, pk: int, *, perm: str = "feedback.view_results"
) -> Survey:
    """The survey if the user may see its results (else 404) and, with
    ``perm``, may also do that (else 403)."""
    survey = selectors.survey_get(pk=pk)
    user = request.user
    if survey is None or not user.has_perm("feedback.view_results", survey):
        raise Http404
    if not user.has_perm(perm, survey):
        raise PermissionDenied
    return survey


def get_question_for_user(request: HtmxHttpRequest, pk: int, qpk: int) -> Question:
    survey = get_survey_for_user(request, pk, perm="feedback.manage_survey")
    question = selectors.question_get(survey=survey, pk=qpk)
    if question is None:
        raise Http404
    return question


def get_answer_for_user(request: HtmxHttpRequest, pk: int, apk: int) -> Answer:
    survey = get_survey_for_user(request, pk, perm="feedback.manage_survey")
    answer = selectors.answer_get(survey=survey, pk=apk)
    if answer is None:
        raise Http404
    return answer


def get_export_for_user(request: HtmxHttpRequest, pk: int, job: int) -> ExportJob:
    """An export job of a survey the user sees, and only their own."""
    survey = get_survey_for_user(request, pk)
    found = selectors.export_get(survey=survey, pk=job, user=request.user)
    if found is None:
        raise Http404
    found.survey = survey
    return found
