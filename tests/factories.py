"""factory_boy factories for incidental rows."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from projects.models import (
    Event,
    Goal,
    Group,
    Indicator,
    Measurement,
    Membership,
    Municipality,
    OperatingModel,
    Project,
    Region,
    Subproject,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Etu{n}")
    last_name = factory.Sequence(lambda n: f"Suku{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.fi")
    password = factory.django.Password("salasana-testi-123")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name_fi = factory.Sequence(lambda n: f"Alue {n}")
    name_sv = factory.Sequence(lambda n: f"Område {n}")
    code = factory.Sequence(lambda n: f"alue-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    name_fi = factory.Sequence(lambda n: f"Kunta {n}")
    name_sv = factory.Sequence(lambda n: f"Kommun {n}")
    region = factory.SubFactory(RegionFactory)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Hanke {n}")
    name_sv = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"hanke-{n}")
    summary_fi = "Hankkeen tiivistelmä."
    summary_sv = "Projektets sammanfattning."
    status = Project.Status.ONGOING
    start_date = datetime.date(2021, 1, 1)
    end_date = datetime.date(2023, 12, 31)
    is_published = True

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):  # noqa: ANN001
        if create and extracted:
            self.regions.set(extracted)


class SubprojectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subproject

    project = factory.SubFactory(ProjectFactory)
    name_fi = factory.Sequence(lambda n: f"Osakokonaisuus {n}")
    name_sv = factory.Sequence(lambda n: f"Delprojekt {n}")
    region = factory.SubFactory(RegionFactory)
    person_years = Decimal("1.5")
    costs = Decimal("120000")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    project = factory.SubFactory(ProjectFactory)
    kind = Group.Kind.WORKING
    name_fi = factory.Sequence(lambda n: f"Työryhmä {n}")
    name_sv = factory.Sequence(lambda n: f"Arbetsgrupp {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    group = factory.SubFactory(GroupFactory)
    role = Membership.Role.MEMBER


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    project = factory.SubFactory(ProjectFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    text_fi = "Tavoite"
    text_sv = "Mål"


class OperatingModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OperatingModel

    project = factory.SubFactory(ProjectFactory)
    name_fi = factory.Sequence(lambda n: f"Toimintamalli {n}")
    name_sv = factory.Sequence(lambda n: f"Verksamhetsmodell {n}")
    phase = OperatingModel.Phase.PILOTED


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    project = factory.SubFactory(ProjectFactory)
    kind = Event.Kind.TRAINING
    title_fi = factory.Sequence(lambda n: f"Koulutus {n}")
    title_sv = factory.Sequence(lambda n: f"Utbildning {n}")
    date = datetime.date(2022, 3, 1)
    participant_count = 10


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    name_fi = factory.Sequence(lambda n: f"Mittari {n}")
    name_sv = factory.Sequence(lambda n: f"Indikator {n}")
    baseline = Decimal(10)
    target = Decimal(20)


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    date = datetime.date(2022, 1, 1)
    value = Decimal(15)
