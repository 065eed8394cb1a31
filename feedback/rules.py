"""Who may do what with feedback surveys: the one place these rules live.

Project managers build surveys and see everything but the respondents (no
one does); the steering group sees results, and free text only when the
manager allows it; anyone with the link answers an open survey.
"""

import rules

from projects.rules import is_project_manager, is_site_admin, is_steering_member


def _project(obj):  # noqa: ANN001, ANN202
    return getattr(obj, "project", obj)


@rules.predicate
def manages_survey_project(user, obj) -> bool:  # noqa: ANN001
    return obj is not None and is_project_manager(user, _project(obj))


@rules.predicate
def steers_survey_project(user, obj) -> bool:  # noqa: ANN001
    return obj is not None and is_steering_member(user, _project(obj))


@rules.predicate
def free_text_shared_with_steering(user, survey) -> bool:  # noqa: ANN001, ARG001
    return survey is not None and bool(getattr(survey, "free_text_to_steering", False))


@rules.predicate
def survey_is_open(user, survey) -> bool:  # noqa: ANN001, ARG001
    return survey is not None and survey.is_open


can_manage = is_site_admin | manages_survey_project

rules.add_perm("feedback.manage_survey", can_manage)
rules.add_perm("feedback.view_results", can_manage | steers_survey_project)
rules.add_perm(
    "feedback.view_free_text",
    can_manage | (steers_survey_project & free_text_shared_with_steering),
)
rules.add_perm("feedback.answer_survey", survey_is_open)
