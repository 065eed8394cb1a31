"""Answering a survey from its public link: anonymously, once, in fi and sv."""

import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import translation

from feedback.models import Answer, AnswerDay, Question, Response, ResponseDay, Survey


def _url(survey: Survey, language: str = "fi") -> str:
    with translation.override(language):
        return reverse("feedback:answer", kwargs={"token": survey.token})


def _form(client: Client, survey: Survey, language: str = "fi") -> dict:
    """GET the form and fill it in like a respondent."""
    page = client.get(_url(survey, language)).content.decode()
    key = re.search(r'name="form_key" value="([^"]+)"', page).group(1)
    data = {"form_key": key, "website": ""}
    for question in survey.questions.all():
        name = f"q{question.pk}"
        if question.kind == Question.Kind.NPS:
            data[name] = "9"
        elif question.kind == Question.Kind.LIKERT:
            data[name] = "4"
        elif question.kind == Question.Kind.TEXT:
            data[name] = "Hoitaja oli ystävällinen ja yhteys toimi."
    return data


@pytest.mark.parametrize(
    ("language", "path", "heading", "thanks"),
    [
        ("fi", "/fi/palaute/", "Asiakaspalaute", "Kiitos palautteestasi"),
        ("sv", "/sv/respons/", "Kundrespons", "Tack för din respons"),
    ],
)
def test_it_answers_at_the_translated_address_and_thanks(
    world, language, path, heading, thanks
):
    client = Client()
    url = _url(world.survey, language)
    assert url == f"{path}{world.survey.token}/"
    page = client.get(url).content.decode()
    assert heading in page
    assert page.count("<fieldset") == world.survey.questions.count()
    assert page.count("<legend") == world.survey.questions.count()
    response = client.post(url, _form(client, world.survey, language), follow=True)
    assert thanks in response.content.decode()
    assert Response.objects.filter(survey=world.survey).count() == 1


def test_a_response_stores_nothing_about_the_respondent(world, caplog):
    """Only the date; no user, address, browser, session, cookie or time."""
    client = Client(
        HTTP_USER_AGENT="Tunnistettava-selain/1.0", REMOTE_ADDR="198.51.100.23"
    )
    client.force_login(world.outsider)  # even a signed-in person stays anonymous
    data = _form(client, world.survey)
    with caplog.at_level(logging.DEBUG):
        client.post(_url(world.survey), data)
    response = Response.objects.get(survey=world.survey)
    fields = {f.name for f in Response._meta.concrete_fields}
    assert fields == {"id", "survey", "submitted_on", "pilot_key"}
    stored = " ".join(
        str(v)
        for row in Response.objects.values_list().union(
            Response.objects.none().values_list()
        )
        for v in row
    )
    # No column can hold the user (the field set above); the values hold no
    # address, browser or username. (The user's pk is a short number that may
    # occur inside a random UUID, so it is not searched for as a substring.)
    for secret in ("198.51.100.23", "Tunnistettava", "outsider"):
        assert secret not in stored
    answer_columns = {f.name for f in Answer._meta.concrete_fields}
    assert answer_columns == {
        "id",
        "response",
        "question",
        "value",
        "choice",
        "text",
        "hidden",
    }
    # Nothing in the logs ties the token to an answer.
    logs = caplog.text
    assert world.survey.token not in logs
    assert str(response.pk) not in logs
    assert "ystävällinen" not in logs


def test_answering_sets_no_cookie_but_csrf_and_creates_no_session(world):
    client = Client()
    sessions = Session.objects.count()
    got = client.get(_url(world.survey))
    posted = client.post(_url(world.survey), _form(client, world.survey))
    thanks = client.get(posted["Location"])
    for response in (got, posted, thanks):
        assert set(response.cookies) <= {"csrftoken"}
    assert Session.objects.count() == sessions


def test_a_double_submit_stores_one_response(world):
    client = Client()
    data = _form(client, world.survey)
    first = client.post(_url(world.survey), data)
    second = client.post(_url(world.survey), data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Response.objects.filter(survey=world.survey).count() == 1
    nps = world.survey.questions.get(kind="nps")
    tally = AnswerDay.objects.get(question=nps, bucket=AnswerDay.ANSWERED)
    assert tally.count == 1
    assert ResponseDay.objects.get(survey=world.survey).count == 1


def test_the_honeypot_stores_nothing(world):
    client = Client()
    data = _form(client, world.survey) | {"website": "http://spam.example"}
    response = client.post(_url(world.survey), data)
    assert response.status_code == 302
    assert not Response.objects.exists()


def test_the_rate_limit_stops_a_flood_from_one_client(world, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    client = Client(REMOTE_ADDR="203.0.113.9")
    codes = [
        client.post(_url(world.survey), _form(client, world.survey)).status_code
        for _ in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    assert Response.objects.count() == 3
    other = Client(REMOTE_ADDR="203.0.113.10")
    assert other.post(_url(world.survey), _form(other, world.survey)).status_code == 302


def _bad(world, change) -> str:  # noqa: ANN001
    client = Client()
    data = _form(client, world.survey)
    change(data)
    response = client.post(_url(world.survey, "sv"), data)
    assert response.status_code == 200
    assert not Response.objects.exists()
    assert not AnswerDay.objects.exists()
    return response.content.decode()


def test_bad_input_shows_the_form_again_in_the_pages_language(world):
    survey = world.survey
    nps = survey.questions.get(kind="nps")
    likert = survey.questions.filter(kind="likert").first()
    text = survey.questions.get(kind="text")

    page = _bad(world, lambda d: d.update({f"q{nps.pk}": "11"}))
    assert "Kontrollera dina svar" in page
    assert "Välj ett giltigt alternativ" in page
    assert 'lang="sv"' in page

    page = _bad(world, lambda d: d.update({f"q{likert.pk}": "0"}))
    assert "Välj ett giltigt alternativ" in page

    page = _bad(world, lambda d: d.pop(f"q{nps.pk}"))
    assert "Detta fält måste fyllas i." in page

    page = _bad(world, lambda d: d.update({"q999999": "3"}))
    assert "Svaren motsvarade inte frågorna" in page

    page = _bad(world, lambda d: d.update({f"q{text.pk}": "x" * 2001}))
    assert "2000" in page

    page = _bad(world, lambda d: d.update({"form_key": "forged"}))
    assert "Formuläret har gått ut" in page


def test_unknown_choice_ids_are_refused(world):
    from feedback import services

    survey = services.survey_create(project=world.project, title_fi="Valinnat")
    question = Question(kind=Question.Kind.MULTIPLE, text_fi="Mitä käytit?")
    services.question_save(
        survey=survey,
        question=question,
        choices=[("Puhelin", "Telefon"), ("Video", "Video")],
    )
    services.survey_set_status(survey=survey, status=Survey.Status.OPEN)
    other = Question.objects.exclude(survey=survey).first()
    client = Client()
    data = _form(client, survey)
    data[f"q{question.pk}"] = [str(other.pk + 10_000)]
    response = client.post(_url(survey), data)
    assert response.status_code == 200
    assert "Valitse oikea vaihtoehto" in response.content.decode()
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("language", "closed_text", "not_open_text"),
    [
        ("fi", "Kysely on päättynyt", "Kysely ei ole vielä avoinna"),
        ("sv", "Enkäten har stängts", "Enkäten är inte öppen ännu"),
    ],
)
def test_a_closed_or_not_yet_open_survey_says_so_and_stores_nothing(
    world, language, closed_text, not_open_text
):
    from datetime import timedelta

    from django.utils import timezone

    client = Client()
    open_form = _form(client, world.survey)
    world.survey.status = Survey.Status.CLOSED
    world.survey.save(update_fields=["status"])
    page = client.get(_url(world.survey, language))
    assert closed_text in page.content.decode()
    posted = client.post(_url(world.survey, language), open_form)
    assert posted.status_code == 409
    assert closed_text in posted.content.decode()

    world.survey.status = Survey.Status.OPEN
    world.survey.opens_at = timezone.now() + timedelta(days=2)
    world.survey.save(update_fields=["status", "opens_at"])
    assert not_open_text in client.get(_url(world.survey, language)).content.decode()
    assert not Response.objects.exists()


def test_the_answering_form_is_usable_without_javascript(world):
    """Plain form post with radio inputs; the only script is htmx's file."""
    page = Client().get(_url(world.survey)).content.decode()
    assert '<form method="post"' in page
    assert 'type="radio"' in page
    assert page.count('type="radio"') == 11 + 5 * 5
