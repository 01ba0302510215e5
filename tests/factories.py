import datetime as dt

import factory
from django.contrib.auth.hashers import make_password

from indicators.models import Dossier, ProcedureField
from units.models import Role, Unit, User
from units.roles import user_set_role

PASSWORD = "demo-2021"
_HASHED = make_password(PASSWORD)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.LazyAttribute(lambda o: f"Đơn vị {o.code}")
    kind = Unit.Kind.WARD


class ProcedureFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureField
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"field-{n}")
    name = factory.LazyAttribute(lambda o: o.code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = _HASHED
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")

    @factory.post_generation
    def with_role(self, create, extracted, **kwargs):
        role = kwargs.get("role") or extracted
        if role:
            user_set_role(user=self, role=role, unit=kwargs.get("unit") or self.unit)


def user_with_role(role: str, unit: Unit | None = None, username: str | None = None) -> User:
    user = UserFactory(
        username=username or f"{role}-{unit.code if unit else 'x'}".lower(), unit=unit
    )
    user_set_role(user=user, role=role, unit=unit)
    return user


def unit_head(unit: Unit) -> User:
    return user_with_role(Role.UNIT_HEAD, unit, username=f"head-{unit.code.lower()}")


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    code = factory.Sequence(lambda n: f"HS-{n:07d}")
    unit = factory.SubFactory(UnitFactory)
    field = factory.SubFactory(ProcedureFieldFactory)
    received_on = dt.date(2021, 2, 1)
    due_on = dt.date(2021, 2, 10)
    resolved_on = dt.date(2021, 2, 9)


# --- dashboard, public page, Chairman's report (helper F) ------------------------------------
def compliance_result(*, plan, as_of, target, unit=None, field=None, period="2021", **kw):
    """A `ComplianceResult` row as the engine would write it (value from the counts)."""
    from decimal import Decimal

    from django.utils import timezone

    from indicators.models import ComplianceResult

    num, den = kw.pop("numerator", 0), kw.pop("denominator", 0)
    value = kw.pop("value", None)
    if value is None and den:
        value = (Decimal(100) * num / den).quantize(Decimal("0.01"))
    threshold = kw.pop("threshold", target.threshold_for(field))
    status = kw.pop("status", None)
    if status is None:
        status = "no_data" if not den else ("met" if value >= threshold else "not_met")
    return ComplianceResult.objects.create(
        plan=plan,
        as_of=as_of,
        target=target,
        unit=unit,
        field=field,
        period=period,
        numerator=num,
        denominator=den,
        value=value,
        threshold=threshold,
        status=status,
        computed_at=timezone.now(),
        **kw,
    )


class QuarterlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.QuarterlyReport"

    unit = factory.SubFactory(UnitFactory)
    period = "2021-Q1"
    status = "draft"


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.Feedback"

    code = factory.Sequence(lambda n: f"PA-{n:06d}")
    channel = "1022"
    unit = factory.SubFactory(UnitFactory)
    received_on = dt.date(2021, 2, 1)
    due_on = dt.date(2021, 2, 10)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.SatisfactionSurvey"

    unit = factory.SubFactory(UnitFactory)
    field = factory.SubFactory(ProcedureFieldFactory)
    period = "2021-Q1"
    responses = 100
    satisfied = 95


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.Inspection"

    code = factory.Sequence(lambda n: f"KT-{n:05d}")
    kind = "cchc_periodic"
    unit = factory.SubFactory(UnitFactory)
    date = dt.date(2021, 5, 1)


class CorrectiveActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "inspections.CorrectiveAction"

    finding = factory.LazyAttribute(
        lambda o: __import__("inspections.models", fromlist=["Finding"]).Finding.objects.create(
            inspection=InspectionFactory(unit=o.unit), text="Phát hiện"
        )
    )
    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Khắc phục {n}")
    due_on = dt.date(2021, 6, 30)


class ReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "plans.Reminder"

    recipient = factory.SubFactory(UserFactory)
    item_key = factory.Sequence(lambda n: f"item-{n}")
    offset = "-3"
    on_date = dt.date(2021, 6, 1)
    subject = factory.Sequence(lambda n: f"Nhắc việc {n}")


# --- Compliance evidence (helper C); FeedbackFactory, InspectionFactory, SurveyFactory above ---
SatisfactionSurveyFactory = SurveyFactory


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.Initiative"

    code = factory.Sequence(lambda n: f"SK-{n:05d}")
    unit = factory.SubFactory(UnitFactory)
    title = "Sáng kiến"
    date = dt.date(2021, 5, 1)


class OutreachProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.OutreachProduct"

    code = factory.Sequence(lambda n: f"TT-{n:05d}")
    unit = factory.SubFactory(UnitFactory)
    title = "Sản phẩm tuyên truyền"
    date = dt.date(2021, 5, 1)


class SatisfactionPublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.SatisfactionPublication"

    unit = factory.SubFactory(UnitFactory)
    period = "2021-Q1"
    url = "https://quan3.example.vn/hai-long"
    published_on = dt.date(2021, 3, 28)


class EPaymentAdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.EPaymentAdoption"

    unit = factory.SubFactory(UnitFactory, kind=Unit.Kind.PUBLIC_SERVICE, sector=Unit.EDUCATION)
    adopted_on = dt.date(2021, 3, 1)


class BaselineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.Baseline"

    unit = factory.SubFactory(UnitFactory)
    year = 2020
    received = 100
    online = 20
