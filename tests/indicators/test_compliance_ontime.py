import datetime as dt

from indicators.models import Dossier, ProcedureField
from tests.factories import DossierFactory, FeedbackFactory
from units.models import Unit

from .compliance_utils import fresh_rows, one, ratio

D = dt.date


def _dossier(unit, field="construction", *, received, due, resolved=None, **extra):
    return DossierFactory(
        unit=Unit.objects.get(code=unit),
        field=ProcedureField.objects.get(code=field),
        received_on=received,
        due_on=due,
        resolved_on=resolved,
        **extra,
    )


def test_ontime_counts_resolved_in_period_and_overdue_unresolved_at_its_end(plan):
    for day in (3, 4, 5):
        _dossier("P01", received=D(2021, 2, 1), due=D(2021, 2, 10), resolved=D(2021, 2, day))
    _dossier("P01", received=D(2021, 2, 1), due=D(2021, 2, 10), resolved=D(2021, 2, 11))
    _dossier("P01", received=D(2021, 3, 1), due=D(2021, 3, 20))  # overdue at Q1's end
    _dossier("P01", received=D(2021, 3, 25), due=D(2021, 4, 5))  # not yet due at Q1's end

    q1 = one(plan, "ONTIME", unit="P01", field="construction", period="2021-Q1")
    q2 = one(plan, "ONTIME", unit="P01", field="construction", period="2021-Q2")
    year = one(plan, "ONTIME", unit="P01", field="construction", period="2021")

    assert ratio(q1) == (3, 5, 60.0, "not_met")
    assert ratio(q2) == (0, 2, 0.0, "not_met")
    assert ratio(year) == (3, 6, 50.0, "not_met")


def test_rate_exactly_at_threshold_is_met(plan):
    for n in range(50):
        resolved = D(2021, 2, 11) if n == 0 else D(2021, 2, 9)
        _dossier("P02", received=D(2021, 2, 1), due=D(2021, 2, 10), resolved=resolved)

    row = one(plan, "ONTIME", unit="P02", field="construction", period="2021-Q1")

    assert ratio(row) == (49, 50, 98.0, "met")
    assert row["threshold"] == 98.0


def test_24499_of_25000_shows_98_00_but_is_not_met(plan):
    unit = Unit.objects.get(code="P03")
    field = ProcedureField.objects.get(code="certification")
    Dossier.objects.bulk_create(
        Dossier(
            code=f"BIG-{n:05d}",
            unit=unit,
            field=field,
            received_on=D(2021, 2, 1),
            due_on=D(2021, 2, 10),
            resolved_on=D(2021, 2, 12) if n < 501 else D(2021, 2, 9),
        )
        for n in range(25_000)
    )

    row = one(plan, "ONTIME", unit="P03", field="certification", period="2021-Q1")

    assert ratio(row) == (24_499, 25_000, 98.0, "not_met")


def test_land_has_its_own_threshold_of_96(plan):
    for field in ("land", "construction"):
        for n in range(25):
            resolved = D(2021, 2, 11) if n == 0 else D(2021, 2, 9)
            _dossier("P04", field, received=D(2021, 2, 1), due=D(2021, 2, 10), resolved=resolved)

    land = one(plan, "ONTIME", unit="P04", field="land", period="2021-Q1")
    construction = one(plan, "ONTIME", unit="P04", field="construction", period="2021-Q1")

    assert (land["value"], land["threshold"], land["status"]) == (96.0, 96.0, "met")
    assert (construction["value"], construction["threshold"]) == (96.0, 98.0)
    assert construction["status"] == "not_met"


def test_as_of_cut_a_dossier_resolved_after_as_of_is_unresolved(plan):
    _dossier("P05", received=D(2021, 6, 20), due=D(2021, 7, 5), resolved=D(2021, 7, 20))
    _dossier("P05", received=D(2021, 7, 1), due=D(2021, 7, 20), resolved=D(2021, 7, 15))

    early = one(
        plan, "ONTIME", unit="P05", field="construction", period="2021-Q3", as_of=D(2021, 7, 10)
    )
    late = one(
        plan, "ONTIME", unit="P05", field="construction", period="2021-Q3", as_of=D(2021, 7, 31)
    )

    assert ratio(early) == (0, 1, 0.0, "not_met")
    assert ratio(late) == (1, 2, 50.0, "not_met")


def test_unresolved_due_on_the_period_end_is_not_yet_overdue(plan):
    _dossier("P09", received=D(2021, 3, 1), due=D(2021, 3, 31))
    _dossier("P09", received=D(2021, 3, 1), due=D(2021, 3, 31), resolved=D(2021, 3, 31))

    q1 = one(plan, "ONTIME", unit="P09", field="construction", period="2021-Q1")
    q2 = one(plan, "ONTIME", unit="P09", field="construction", period="2021-Q2")

    assert ratio(q1) == (1, 1, 100.0, "met")
    assert ratio(q2) == (0, 1, 0.0, "not_met")


def test_feedback_resolved_and_published_after_as_of_is_unresolved(plan):
    FeedbackFactory(
        unit=Unit.objects.get(code="P09"),
        received_on=D(2021, 6, 20),
        due_on=D(2021, 7, 5),
        resolved_on=D(2021, 7, 4),
        published_on=D(2021, 7, 20),
    )
    FeedbackFactory(
        unit=Unit.objects.get(code="P09"),
        received_on=D(2021, 6, 20),
        due_on=D(2021, 7, 5),
        resolved_on=D(2021, 7, 20),
        published_on=D(2021, 7, 20),
    )

    early = one(plan, "FEEDBACK", unit="P09", period="2021-Q3", as_of=D(2021, 7, 10))
    late = one(plan, "FEEDBACK", unit="P09", period="2021-Q3", as_of=D(2021, 7, 31))

    assert ratio(early) == (0, 2, 0.0, "not_met")
    assert ratio(late) == (1, 2, 50.0, "not_met")


def test_periods_starting_after_as_of_are_not_reported(plan):
    periods = {r["period"] for r in fresh_rows(plan, D(2021, 7, 10), target="ONTIME")}

    assert periods == {"2021-Q1", "2021-Q2", "2021-Q3", "2021"}


def test_every_unit_and_field_gets_a_row_no_data_included(plan):
    """A ward closed on 30/06 has rows for the quarters it was active at the end of, only."""
    _dossier("P01", received=D(2021, 2, 1), due=D(2021, 2, 10), resolved=D(2021, 2, 9))
    Unit.objects.filter(code="P14").update(active_to=D(2021, 6, 30))

    rows = fresh_rows(plan, target="ONTIME")

    units = set(Unit.objects.below_scope().filter(active_to=None).values_list("code", flat=True))
    fields = set(ProcedureField.objects.values_list("code", flat=True))
    assert {(r["unit"], r["field"], r["period"]) for r in rows} == {
        (u, f, p)
        for u in units
        for f in fields
        for p in ("2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4", "2021")
    } | {("P14", f, p) for f in fields for p in ("2021-Q1", "2021-Q2")}
    assert len(rows) == len(units) * len(fields) * 5 + len(fields) * 2
    empty = [r for r in rows if r["unit"] == "P02" and r["field"] == "land"]
    assert {(r["numerator"], r["denominator"], r["value"], r["status"]) for r in empty} == {
        (0, 0, None, "no_data")
    }
    assert "P14" not in {r["unit"] for r in rows if r["period"] in ("2021-Q3", "2021")}


def test_a_backlog_from_the_baseline_year_counts_as_overdue(plan):
    _dossier("P09", received=D(2020, 12, 1), due=D(2020, 12, 20))

    row = one(plan, "ONTIME", unit="P09", field="construction", period="2021-Q1")

    assert ratio(row) == (0, 1, 0.0, "not_met")
