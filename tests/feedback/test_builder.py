"""Building a survey in the workspace: template, questions, order, link."""

import pytest
from django.urls import reverse
from django.utils import translation

from feedback.models import Question, Survey
from tests.conftest import client_for
from tests.feedback.conftest import monday_weeks_ago, submit


def _url(name: str, language: str = "fi", **kwargs) -> str:  # noqa: ANN003
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def test_one_click_creates_the_thl_template_in_finnish_and_swedish(world):
    client = client_for(world, "manager")
    response = client.post(
        _url("feedback:list"), {"project": world.project.pk, "template": "thl"}
    )
    assert response.status_code == 302
    survey = Survey.objects.filter(is_template_thl=True).latest("created_at")
    kinds = list(survey.questions.values_list("kind", flat=True))
    assert kinds[0] == "nps" and kinds[-1] == "text"
    assert kinds.count("likert") >= 3
    for question in survey.questions.all():
        assert question.text_fi and question.text_sv
    assert survey.status == Survey.Status.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert "Asiakaspalaute" in page


def test_the_steering_group_cannot_create_surveys(world):
    response = client_for(world, "steering").post(
        _url("feedback:list"), {"project": world.project.pk, "template": "thl"}
    )
    assert response.status_code == 403


def test_a_question_is_added_with_options_in_both_languages(world):
    client = client_for(world, "manager")
    response = client.post(
        _url("feedback:question-add", pk=world.survey.pk),
        {
            "kind": "single",
            "text_fi": "Miten asioit?",
            "text_sv": "Hur uträttade du ärendet?",
            "choices_fi": "Puhelimessa\nVideolla",
            "choices_sv": "Per telefon\nPer video",
        },
    )
    assert response.status_code == 302
    question = world.survey.questions.get(text_fi="Miten asioit?")
    assert [c.text_sv for c in question.choices.all()] == ["Per telefon", "Per video"]
    assert question.order == world.survey.questions.count()


def test_reordering_swaps_neighbours_and_answers_htmx_with_the_list(world):
    client = client_for(world, "manager")
    first, second = list(world.survey.questions.all()[:2])
    response = client.post(
        _url("feedback:question-move", pk=world.survey.pk, qpk=second.pk),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and 'id="question-list"' in body
    assert 'aria-live="polite"' in body
    ordered = list(world.survey.questions.values_list("pk", flat=True)[:2])
    assert ordered == [second.pk, first.pk]


def test_editing_questions_is_refused_once_there_are_responses(world):
    submit(world.survey, monday_weeks_ago(1))
    client = client_for(world, "manager")
    question = world.survey.questions.first()
    edit = _url("feedback:question-edit", pk=world.survey.pk, qpk=question.pk)
    page = client.get(edit).content.decode()
    assert "Kopioi kysely" in page and "tuloksissa sekoittuisi" in page
    response = client.post(edit, {"kind": "text", "text_fi": "Muutettu"})
    assert response.status_code == 409
    question.refresh_from_db()
    assert question.text_fi != "Muutettu"
    delete = client.post(
        _url("feedback:question-delete", pk=world.survey.pk, qpk=question.pk)
    )
    assert delete.status_code == 409
    move = client.post(
        _url(
            "feedback:question-move", pk=world.survey.pk, qpk=question.pk, language="sv"
        ),
        {"direction": "down"},
    )
    assert move.status_code == 409
    assert "Kopiera enkäten" in move.content.decode()


def test_duplicating_gives_an_editable_draft_without_responses(world):
    submit(world.survey, monday_weeks_ago(1))
    client = client_for(world, "manager")
    response = client.post(_url("feedback:duplicate", pk=world.survey.pk))
    copy = Survey.objects.exclude(
        pk__in=[world.survey.pk, world.closed_survey.pk]
    ).get()
    assert response["Location"] == copy.get_absolute_url()
    assert copy.status == Survey.Status.DRAFT and copy.token != world.survey.token
    assert copy.title_fi == "Kopio: Asiakaspalaute"
    assert copy.title_sv == "Kopia: Kundrespons"
    assert copy.questions.count() == world.survey.questions.count()
    assert not copy.responses.exists()
    assert (
        client.get(
            _url("feedback:question-edit", pk=copy.pk, qpk=copy.questions.first().pk)
        ).status_code
        == 200
    )


def test_opening_and_closing_change_what_respondents_see(world):
    client = client_for(world, "manager")
    status = _url("feedback:status", pk=world.survey.pk)
    assert client.get(status).status_code == 405
    client.post(status, {"status": "closed"})
    answer = _url("feedback:answer", token=world.survey.token)
    assert (
        "Kysely on päättynyt"
        in client_for(world, "anonymous").get(answer).content.decode()
    )
    client.post(status, {"status": "open"})
    assert "<fieldset" in client_for(world, "anonymous").get(answer).content.decode()


def test_the_qr_code_is_an_svg_without_style(world):
    response = client_for(world, "manager").get(
        _url("feedback:qr", pk=world.survey.pk), {"download": "1"}
    )
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].startswith("attachment;")
    svg = response.content.decode()
    assert svg.startswith("<svg") and "style" not in svg and "<script" not in svg


@pytest.mark.parametrize(
    ("language", "text"), [("fi", "suosittelisit saamaasi"), ("sv", "rekommendera")]
)
def test_preview_shows_the_respondents_form_in_each_language(world, language, text):
    page = (
        client_for(world, "manager")
        .get(_url("feedback:preview", language, pk=world.survey.pk))
        .content.decode()
    )
    assert "<fieldset" in page
    assert text.lower() in page.lower()
    assert 'type="submit"' not in page.split('class="survey-form"')[1]


def test_the_builder_links_the_public_address_and_both_previews(world):
    page = (
        client_for(world, "manager")
        .get(_url("feedback:survey", pk=world.survey.pk))
        .content.decode()
    )
    assert f"/fi/palaute/{world.survey.token}/" in page
    assert "/fi/tyotila/kyselyt/" in page and "/sv/arbetsyta/enkater/" in page
    assert Question.objects.filter(survey=world.survey).count() == page.count(
        '<li id="question-'
    )
