"""Who may do what with reports and their PDFs: the one place these rules live.

Drafts, reports in review, their approval record and the PDFs of any
revision but the approved one belong to the project's managers and its
steering group. An approved report of a published project, and the PDFs of
exactly the approved revision, are public.
"""

import rules

from projects.models import Group, Membership, ReportApprovers
from projects.rules import (
    can_manage_project,
    is_project_manager,
    is_published,
    is_site_admin,
    is_steering_member,
)
from reports.models import Report


@rules.predicate
def is_report_approved(user, report) -> bool:  # noqa: ANN001, ARG001
    return report is not None and report.status == Report.Status.APPROVED


@rules.predicate
def is_report_in_review(user, report) -> bool:  # noqa: ANN001, ARG001
    return report is not None and report.status == Report.Status.REVIEW


@rules.predicate
def is_report_approver(user, report) -> bool:  # noqa: ANN001
    """A steering-group member the project lets approve its reports."""
    if report is None or not user.is_authenticated:
        return False
    memberships = Membership.objects.filter(
        user=user, group__project_id=report.project_id, group__kind=Group.Kind.STEERING
    )
    if report.project.report_approvers == ReportApprovers.CHAIR:
        memberships = memberships.filter(role=Membership.Role.CHAIR)
    return memberships.exists()


# Those who follow the report's making: they see drafts, every PDF and the
# approval record. Works on a project or a report (both name their project).
can_see_drafts = is_site_admin | is_project_manager | is_steering_member


@rules.predicate
def is_approved_revision(user, render) -> bool:  # noqa: ANN001, ARG001
    """The PDF is of the revision that was approved (and so is public)."""
    report = render.report
    return (
        report.status == Report.Status.APPROVED and render.revision == report.revision
    )


@rules.predicate
def follows_report_of(user, render) -> bool:  # noqa: ANN001
    return can_see_drafts.test(user, render.report)


@rules.predicate
def is_render_report_public(user, render) -> bool:  # noqa: ANN001, ARG001
    return is_published.test(user, render.report)


rules.add_perm("reports.view_drafts", can_see_drafts)
rules.add_perm(
    "reports.view_report", (is_report_approved & is_published) | can_see_drafts
)
# Asking for a PDF costs a worker's time: only those who follow the report.
rules.add_perm("reports.render_report", can_see_drafts)
rules.add_perm("reports.view_approvals", can_see_drafts)
rules.add_perm("reports.add_report", can_manage_project)
rules.add_perm("reports.change_report", can_manage_project & ~is_report_approved)
rules.add_perm("reports.submit_report", can_manage_project)
rules.add_perm(
    "reports.download_render",
    (is_approved_revision & is_render_report_public) | follows_report_of,
)
rules.add_perm("reports.follows_render", follows_report_of)

# Checked with ``rules.test_rule``, not ``has_perm``: Django grants every
# permission to a superuser, but a site admin is not the steering group and
# an approved PDF is not public just because an admin downloads it.
rules.add_rule("reports.may_approve", is_report_in_review & is_report_approver)
rules.add_rule(
    "reports.render_is_public", is_approved_revision & is_render_report_public
)
