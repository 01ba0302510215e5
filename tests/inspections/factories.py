import datetime as dt

import factory

from inspections.models import CorrectiveAction, Finding, Inspection
from tests.factories import UnitFactory


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    code = factory.Sequence(lambda n: f"KT-T-{n:04d}")
    kind = Inspection.Kind.CCHC_PERIODIC
    unit = factory.SubFactory(UnitFactory)
    status = Inspection.Status.DONE
    date = dt.date(2021, 5, 10)
    lead = "Nguyễn Văn A"


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    text = "Chưa niêm yết thủ tục hành chính"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CorrectiveAction

    finding = factory.SubFactory(FindingFactory)
    unit = factory.LazyAttribute(lambda o: o.finding.inspection.unit)
    title = "Niêm yết đầy đủ thủ tục"
    due_on = dt.date(2021, 6, 30)
