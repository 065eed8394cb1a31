"""Results: figures, small-group suppression (with differencing), free text."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from feedback import selectors, services
from feedback.models import Answer, Question, Survey
from tests.conftest import client_for
from tests.feedback.conftest import monday_weeks_ago, submit


def _results(world, role="manager", language="fi", **query) -> str:  # noqa: ANN001
    with translation.override(language):
        url = reverse("feedback:results", kwargs={"pk": world.survey.pk})
    response = client_for(world, role).get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_counts_mean_and_nps_with_a_chart_and_a_table(world):
    week = monday_weeks_ago(2)
    for nps in (10, 9, 8, 3, 0):
        submit(world.survey, week, nps=nps, likert=4)
    page = _results(world)
    assert "5 vastausta" in page
    assert "NPS" in page
    nps_section = page.split(f'id="q{world.survey.questions.get(kind="nps").pk}"')[1]
    assert '<strong translate="no">0</strong>' in nps_section.split("</section>")[0]
    assert "Keskiarvo" in page and "4,0" in page
    assert page.count("<svg") >= 6
    assert page.count("<table") >= 6


@pytest.mark.parametrize("count", [1, 4])
def test_fewer_than_five_responses_show_no_figures(world, count):
    for _ in range(count):
        submit(world.survey, monday_weeks_ago(2), text="Nimeni on Matti")
    page = _results(world)
    assert "Liian vähän vastauksia näytettäväksi." in page
    assert "<svg" not in page
    assert "Matti" not in page
    sv = _results(world, language="sv")
    assert "För få svar för att visas." in sv


def test_the_threshold_is_a_setting_but_never_below_three(world, settings):
    settings.FEEDBACK_MIN_GROUP = 2
    assert selectors.min_group() == 3
    settings.FEEDBACK_MIN_GROUP = 8
    for _ in range(6):
        submit(world.survey, monday_weeks_ago(2))
    assert "Liian vähän vastauksia" in _results(world)


def test_this_weeks_responses_wait_until_the_week_is_over(world):
    for _ in range(5):
        submit(world.survey, monday_weeks_ago(2))
    before = _results(world)
    submit(world.survey, monday_weeks_ago(0), nps=0)
    after = _results(world)
    assert "5 vastausta" in before and "5 vastausta" in after
    assert "1 uudempi vastaus ei ole vielä mukana" in after


def _view_total(survey, date_from=None, date_to=None, pilot_key=None) -> int:  # noqa: ANN001
    ctx = selectors.survey_results(
        survey=survey,
        filters=selectors.Filters(date_from, date_to, pilot_key),
        with_text=False,
        charts=False,
    )
    return 0 if ctx["suppressed"] else ctx["total"]


def test_comparing_two_date_filters_cannot_reveal_a_small_group(world):
    """Week 1 has 6 responses, week 2 only 2, week 3 has 5: no pair of
    views differs by 1–4 responses, whatever dates are picked."""
    survey = world.survey
    start = monday_weeks_ago(5)
    for offset, count in ((0, 6), (7, 2), (14, 5)):
        for n in range(count):
            submit(survey, start + timedelta(days=offset + n % 3))
    days = [start + timedelta(days=d) for d in range(-1, 29, 2)]
    views = [(a, b) for a in days for b in days if a <= b] + [(None, None)]
    totals = {view: _view_total(survey, *view) for view in views}
    k = selectors.min_group()

    def inside(inner, outer) -> bool:  # noqa: ANN001
        return (outer[0] is None or (inner[0] and inner[0] >= outer[0])) and (
            outer[1] is None or (inner[1] and inner[1] <= outer[1])
        )

    # Subtracting a view from a view that contains it leaves 0 or >= k.
    for outer in views:
        for inner in views:
            if inside(inner, outer):
                difference = totals[outer] - totals[inner]
                assert difference == 0 or difference >= k, (outer, inner, totals)
    assert _view_total(survey) == 13  # weeks 2 and 3 form one block of 7


def test_comparing_pilots_cannot_reveal_a_small_pilot(world):
    survey = world.survey
    week = monday_weeks_ago(2)
    for _ in range(6):
        submit(survey, week)
    Survey.objects.filter(pk=survey.pk).update(pilot=None)
    for _ in range(2):
        services.response_submit(
            survey=survey,
            answers=[],
            today=week,
        )
    from feedback.models import Response, ResponseDay

    # Move the last two responses to another pilot (as if the survey's pilot
    # had changed), tallies included.
    ids = list(Response.objects.order_by("pk").values_list("pk", flat=True))
    ResponseDay.objects.filter(survey=survey).update(pilot_key=0)
    ResponseDay.objects.create(survey=survey, day=week, pilot_key=77, count=2)
    ResponseDay.objects.filter(survey=survey, pilot_key=0).update(count=6)
    Response.objects.filter(pk__in=ids[:2]).update(pilot_key=77)
    assert _view_total(survey) == 6
    assert _view_total(survey, pilot_key=0) == 6
    assert _view_total(survey, pilot_key=77) == 0


def test_free_text_is_for_managers_unless_shared_and_can_be_hidden(world):
    for n in range(5):
        submit(world.survey, monday_weeks_ago(2), text=f"Palaute numero {n}")
    assert "Palaute numero 3" in _results(world, "manager")
    steering = _results(world, "steering")
    assert "Palaute numero 3" not in steering
    assert "näytetään vain hankepäälliköille" in steering

    world.survey.free_text_to_steering = True
    world.survey.save(update_fields=["free_text_to_steering"])
    assert "Palaute numero 3" in _results(world, "steering")

    answer = Answer.objects.get(text="Palaute numero 3")
    client = client_for(world, "manager")
    with translation.override("fi"):
        url = reverse(
            "feedback:answer-hide", kwargs={"pk": world.survey.pk, "apk": answer.pk}
        )
    assert client.get(url).status_code == 405
    assert client_for(world, "steering").post(url).status_code == 403
    assert client.post(url).status_code == 302
    assert "Palaute numero 3" not in _results(world, "steering")
    manager_page = _results(world, "manager")
    assert "Palaute numero 3" in manager_page and "Piilotettu" in manager_page


def test_multiple_choice_counts_options_not_combinations(world):
    survey = services.survey_create(project=world.project, title_fi="Kanavat")
    question = Question(kind=Question.Kind.MULTIPLE, text_fi="Mitä kanavia käytit?")
    services.question_save(
        survey=survey,
        question=question,
        choices=[("Puhelin", "Telefon"), ("Video", "Video"), ("Chat", "Chatt")],
    )
    phone, video, chat = question.choices.all()
    for picked in ([phone, video], [phone], [phone, chat], [video], [phone]):
        services.response_submit(
            survey=survey,
            answers=[
                services.AnswerInput(
                    question=question, choice_ids=[c.pk for c in picked]
                )
            ],
            today=monday_weeks_ago(2),
        )
    ctx = selectors.survey_results(
        survey=survey, filters=selectors.Filters(), with_text=False, charts=False
    )
    rows = {r["label"]: r["count"] for r in ctx["questions"][0].rows}
    assert rows == {"Puhelin": 4, "Video": 2, "Chat": 1}


def test_for_report_applies_the_same_suppression(world):
    small = services.survey_create_from_thl(project=world.project)
    services.survey_set_status(survey=small, status=Survey.Status.OPEN)
    for _ in range(3):
        submit(small, monday_weeks_ago(2))
    for _ in range(7):
        submit(world.survey, monday_weeks_ago(3), nps=10)
    summaries = {s["survey"].pk: s for s in selectors.for_report(world.project)}
    assert summaries[small.pk]["suppressed"] is True
    assert summaries[small.pk]["questions"] == []
    big = summaries[world.survey.pk]
    assert big["responses"] == 7
    assert big["questions"][0].nps == 100
    assert all(q.question.kind != "text" for q in big["questions"])


def test_the_results_page_takes_the_same_queries_with_ten_times_the_rows(
    world, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world, "manager")
    with translation.override("fi"):
        url = reverse("feedback:results", kwargs={"pk": world.survey.pk})

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for week in range(1, 3):
        for _ in range(5):
            submit(world.survey, monday_weeks_ago(week), text="Hyvä")
    few = count()
    for week in range(3, 23):
        for _ in range(5):
            submit(world.survey, monday_weeks_ago(week), text="Hyvä")
    assert count() == few


def test_an_outsider_cannot_reach_results_or_builder_posts(world):
    with translation.override("fi"):
        urls = [
            reverse("feedback:status", kwargs={"pk": world.survey.pk}),
            reverse("feedback:duplicate", kwargs={"pk": world.survey.pk}),
            reverse("feedback:export", kwargs={"pk": world.survey.pk}),
        ]
    for url in urls:
        assert client_for(world, "outsider").post(url).status_code == 404
        assert Client().post(url).status_code == 302
