"""The projects domain: regions, projects, their groups, goals and results."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def period_in_order(name: str) -> models.CheckConstraint:
    """A constraint that an end date, when given, is not before the start."""
    return models.CheckConstraint(
        condition=models.Q(end_date__isnull=True)
        | models.Q(start_date__isnull=True)
        | models.Q(end_date__gte=models.F("start_date")),
        name=name,
    )


class Region(models.Model):
    """A wellbeing services county (hyvinvointialue)."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Short code used in URLs.")
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality within a region."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReportApprovers(models.TextChoices):
    CHAIR = "chair", _("The steering group's chair")
    STEERING = "steering", _("Any steering-group member")


class Project(models.Model):
    """A development project (hanke), described in Innokylä's sections."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    name = models.CharField(_("name"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Part of the page address.")
    )
    summary = models.TextField(_("summary"), blank=True)
    background = models.TextField(_("background"), blank=True)
    goals_text = models.TextField(
        _("goals"), blank=True, help_text=_("The goals described in prose.")
    )
    implementation = models.TextField(_("implementation"), blank=True)
    outputs = models.TextField(_("outputs"), blank=True)
    benefits_clients = models.TextField(_("benefits for clients"), blank=True)
    benefits_staff = models.TextField(_("benefits for staff"), blank=True)
    benefits_organisation = models.TextField(
        _("benefits for the organisation"), blank=True
    )
    benefits_long_term = models.TextField(_("long-term benefits"), blank=True)
    dependencies = models.TextField(_("dependencies"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ONGOING
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    administrator = models.CharField(
        _("administrator organisation"), max_length=250, blank=True
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), related_name="projects", blank=True
    )
    funding_programme = models.CharField(
        _("funding programme"), max_length=250, blank=True
    )
    state_grant = models.DecimalField(
        _("state grant (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    own_funding = models.DecimalField(
        _("own funding (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    related_projects = models.ManyToManyField(
        "self", verbose_name=_("related projects"), blank=True
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project managers"),
        related_name="managed_projects",
        blank=True,
        help_text=_("Project managers may edit the project and its content."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published projects are shown to the public."),
    )
    report_approvers = models.CharField(
        _("who approves reports"),
        max_length=20,
        choices=ReportApprovers.choices,
        default=ReportApprovers.CHAIR,
        help_text=_("Steering-group members who may approve the project's reports."),
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["name"]
        constraints = [period_in_order("project_period_in_order")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"slug": self.slug})

    @property
    def total_funding(self) -> Decimal | None:
        if self.state_grant is None and self.own_funding is None:
            return None
        return (self.state_grant or Decimal(0)) + (self.own_funding or Decimal(0))


class Subproject(models.Model):
    """A functional sub-project (toiminnallinen osakokonaisuus)."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="subprojects",
    )
    name = models.CharField(_("name"), max_length=250)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subprojects",
    )
    organisation = models.CharField(_("organisation"), max_length=250, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    person_years = models.DecimalField(
        _("person-years"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Staff resource in person-years."),
    )
    costs = models.DecimalField(
        _("costs (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    staff = models.TextField(
        _("staff"),
        blank=True,
        help_text=_(
            'One person or post per line, e.g. "developer social worker 100 %".'
        ),
    )

    class Meta:
        verbose_name = _("sub-project")
        verbose_name_plural = _("sub-projects")
        ordering = ["project", "name"]

    def __str__(self) -> str:
        return self.name


class Group(models.Model):
    """A steering group, project team, working group or sub-group."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering group")
        PROJECT_TEAM = "project_team", _("Project team")
        WORKING = "working", _("Working group")
        SUB = "sub", _("Sub-group")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="groups",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Sub-groups belong to a working group."),
    )
    name = models.CharField(_("name"), max_length=250)
    theme = models.CharField(_("theme"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        verbose_name=_("members"),
        related_name="portal_groups",
    )

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["project", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "projects:group", kwargs={"slug": self.project.slug, "pk": self.pk}
        )


class Membership(models.Model):
    """A person's role in a group."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )
    is_contact = models.BooleanField(
        _("contact person"),
        default=False,
        help_text=_("Contact persons are named on the public group page."),
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group"], name="membership_unique_user_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.group}"


class Goal(models.Model):
    """A numbered goal ("1.2") of a project or a sub-project."""

    class Kind(models.TextChoices):
        OUTCOME = "outcome", _("Outcome goal")
        PROCESS = "process", _("Process goal")
        BENEFIT = "benefit", _("Benefit goal")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    subproject = models.ForeignKey(
        Subproject,
        verbose_name=_("sub-project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="goals",
    )
    number = models.CharField(
        _("number"), max_length=20, help_text=_('For example "1" or "1.2".')
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent goal"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OUTCOME
    )
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="goal_unique_project_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"

    @property
    def sort_key(self) -> tuple[int, ...]:
        """Numeric order, so that "1.10" comes after "1.9"."""
        return tuple(int(part) for part in self.number.split(".") if part.isdigit())


class GoalAssessment(models.Model):
    """The self-assessment of a goal (report appendix 1)."""

    class Result(models.TextChoices):
        MET = "met", _("Met")
        PARTLY = "partly", _("Partly met")
        NOT_MET = "not_met", _("Not met")

    goal = models.OneToOneField(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="assessment",
    )
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    evaluation = models.TextField(_("evaluation"), blank=True)

    class Meta:
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")

    def __str__(self) -> str:
        return f"{self.goal.number}: {self.get_result_display()}"


class Indicator(models.Model):
    """Something measured over time, with a baseline and a target."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    name = models.CharField(_("name"), max_length=250)
    unit = models.CharField(
        _("unit"), max_length=50, blank=True, help_text=_('For example "%" or "days".')
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["project", "name"]

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    """A dated value of an indicator."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "date"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date})"


class OperatingModel(models.Model):
    """An operating model (toimintamalli) the project develops."""

    class Phase(models.TextChoices):
        IN_DEVELOPMENT = "in_development", _("In development")
        PILOTED = "piloted", _("Piloted")
        ADOPTED = "adopted", _("Adopted")
        EMBEDDED = "embedded", _("Embedded")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="operating_models",
    )
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    phase = models.CharField(
        _("phase"),
        max_length=20,
        choices=Phase.choices,
        default=Phase.IN_DEVELOPMENT,
    )
    innokyla_url = models.URLField(
        _("Innokylä link"),
        blank=True,
        help_text=_("The operating model's description on Innokylä."),
    )
    benefits = models.TextField(_("benefits"), blank=True)

    class Meta:
        verbose_name = _("operating model")
        verbose_name_plural = _("operating models")
        ordering = ["project", "name"]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """A training, workshop, seminar or meeting of a project."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        WORKSHOP = "workshop", _("Workshop")
        SEMINAR = "seminar", _("Seminar")
        MEETING = "meeting", _("Meeting")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    group = models.ForeignKey(
        "Group",
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("For a meeting: the group that met."),
    )
    title = models.CharField(_("title"), max_length=250)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=250, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    audience = models.CharField(_("audience"), max_length=250, blank=True)
    participant_count = models.PositiveIntegerField(
        _("participants"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["project", "-date"]

    def __str__(self) -> str:
        return self.title
