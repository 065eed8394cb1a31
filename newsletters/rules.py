"""Who may write and send a project's newsletters: its managers and admins."""

import rules

from newsletters.models import NewsletterIssue
from projects.rules import is_project_manager, is_site_admin


@rules.predicate
def manages_issue_project(user, issue) -> bool:  # noqa: ANN001
    if not isinstance(issue, NewsletterIssue):
        return False
    return is_project_manager(user, issue.project)


can_manage_issue = is_site_admin | manages_issue_project

rules.add_perm("newsletters.change_issue", can_manage_issue)
# Object: a projects.Project.
rules.add_perm("newsletters.add_issue", is_site_admin | is_project_manager)
