"""An incremental recompute (one unit's change: its rows and the whole-scope rows) stores what a
full recompute would, row for row, after random sequences of changes made as users make them:
files imported, quarterly reports saved, approved and reopened, inspections recorded, tasks
completed."""

import datetime as dt
import random
from unittest import mock

import pytest

from indicators.compliance import jobs
from indicators.compliance.models import ComplianceResult, RecomputeRequest
from indicators.compliance.store import (
    FIGURE_COLUMNS,
    compliance_compute,
    compliance_recompute,
    row_values,
)
from indicators.evidence.imports import import_file
from indicators.evidence.models import Dossier, SatisfactionSurvey
from indicators.reports.services import (
    report_approve,
    report_get_or_create,
    report_reopen,
    report_save_figures,
    report_submit,
)
from indicators.targets.models import ProcedureField
from inspections.models import Inspection
from inspections.services import inspection_record
from plans.models import Assignment
from plans.services import assignment_complete
from tests.factories import unit_head
from tests.indicators.importfiles import FORM06_LAND, write_csv
from units.models import Role, Unit

TODAY = dt.date(2021, 10, 25)
SNAPSHOTS = (TODAY, dt.date(2021, 6, 30))  # the default as-of date and an older stored one
FIELDS = ("land", "business", "civil-status")
DOSSIER_HEADER = ["code", "unit", "field", "received_on", "due_on", "resolved_on", "online"]
DOSSIER_HEADER += ["e_paid"]


def _stored(plan, as_of) -> dict:
    key = ("target_id", "unit_id", "field_id", "period")
    rows = ComplianceResult.objects.at(plan, as_of).values_list(*key, *FIGURE_COLUMNS)
    return {tuple(r[:4]): tuple(r[4:]) for r in rows}


def _full(plan, as_of) -> dict:
    return {tuple(r[:4]): row_values(r) for r in compliance_compute(plan=plan, as_of=as_of)}


def _day(rng, start=dt.date(2021, 1, 4), end=TODAY) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


class NoFindings:
    """An inspection recorded without findings (the form's empty inline formset)."""

    instance = None

    def save(self):
        return []


class Changes:
    """Changes a user makes, each in its own transaction (the job runs after its commit)."""

    def __init__(self, *, plan, rng, tmp_path, noivu):
        self.plan, self.rng, self.tmp, self.noivu = plan, rng, tmp_path, noivu
        self.units = list(
            Unit.objects.active_on(TODAY).below_scope().exclude(kind="district").order_by("code")
        )
        self.wards = [u for u in self.units if u.kind == "ward"]
        self.heads: dict[int, object] = {}
        self.n = 0

    def _unit(self, units=None):
        return self.rng.choice(units or self.units)

    def _head(self, unit):
        if unit.pk not in self.heads:
            self.heads[unit.pk] = unit_head(unit)
        return self.heads[unit.pk]

    def _import(self, kind, rows):
        self.n += 1
        path = write_csv(self.tmp / f"{kind}-{self.n}.csv", rows)
        import_file(kind=kind, source=str(path))

    def dossiers(self):
        rng, rows = self.rng, [DOSSIER_HEADER]
        for unit in {self._unit(self.wards) for _ in range(rng.randint(1, 2))}:
            for _ in range(rng.randint(1, 6)):
                self.n += 1
                received = _day(rng, start=dt.date(2020, 1, 2))
                due = received + dt.timedelta(days=rng.randint(1, 20))
                resolved = received + dt.timedelta(days=rng.randint(0, 30))
                resolved_text = "" if resolved > TODAY or rng.random() < 0.2 else str(resolved)
                rows.append(
                    [f"INC-{self.n}", unit.code, rng.choice(FIELDS), str(received), str(due)]
                    + [resolved_text, str(rng.randint(0, 1)), "0"]
                )
        self._import("dossiers", rows)

    def dossier_resolved_again(self):
        """An update of a dossier already stored (keyed by its code: recomputed whole)."""
        dossier = Dossier.objects.order_by("?").first()
        resolved = dossier.received_on + dt.timedelta(days=self.rng.randint(0, 40))
        self._import(
            "dossiers",
            [
                DOSSIER_HEADER,
                [dossier.code, dossier.unit.code, dossier.field.code, str(dossier.received_on)]
                + [str(dossier.due_on), str(min(resolved, TODAY)), "1", "0"],
            ],
        )

    def surveys(self):
        responses = self.rng.randint(1, 200)
        self._import(
            "satisfaction",
            [
                ["unit", "field", "period", "responses", "satisfied"],
                [self._unit().code, self.rng.choice(FIELDS), f"2021-Q{self.rng.randint(1, 4)}"]
                + [str(responses), str(self.rng.randint(0, responses))],
            ],
        )

    def form06(self):
        period = self.rng.choice(["2020-Q2", "2021-Q1", "2021-Q2", "2021-Q3"])
        scale = self.rng.randint(1, 3)  # every count alike: the totals still add up
        counts = [str(FORM06_LAND[k] * scale) for k in FORM06_LAND]
        self._import(
            "form06",
            [
                ["unit", "field", "period", *FORM06_LAND],
                [self._unit(self.wards).code, self.rng.choice(FIELDS), period, *counts],
            ],
        )

    def publication(self):
        quarter = self.rng.randint(1, 3)
        day = dt.date(2021, 3 * quarter, 28) + dt.timedelta(days=self.rng.randint(0, 20))
        unit = self._unit()
        self._import(
            "publications",
            [
                ["unit", "period", "url", "published_on"],
                [unit.code, f"2021-Q{quarter}", f"https://{unit.code.lower()}.example.vn/hl"]
                + [str(min(day, TODAY))],
            ],
        )

    def feedback(self):
        self.n += 1
        received = _day(self.rng)
        resolved = received + dt.timedelta(days=self.rng.randint(0, 20))
        resolved = min(resolved, TODAY)
        self._import(
            "feedback",
            [
                ["code", "channel", "unit", "received_on", "due_on", "resolved_on"]
                + ["published_on"],
                [f"PA-INC-{self.n}", "national", self._unit().code, str(received)]
                + [str(received + dt.timedelta(days=10)), str(resolved), str(resolved)],
            ],
        )

    def initiative(self):
        self.n += 1
        kind = self.rng.choice(["initiatives", "outreach"])
        self._import(
            kind,
            [
                ["code", "unit", "title", "date"],
                [f"INC-{kind}-{self.n}", self._unit().code, "Sáng kiến", str(_day(self.rng))],
            ],
        )

    def epayment(self):
        psu = [u for u in self.units if u.kind == "public_service"]
        if psu:
            self._import(
                "epayment", [["unit", "adopted_on"], [self._unit(psu).code, str(_day(self.rng))]]
            )

    def inspection(self):
        kind = self.rng.choice([Inspection.Kind.CCHC_PERIODIC, Inspection.Kind.CONDUCT_SURPRISE])
        inspection = Inspection(kind=kind, unit=self._unit(), date=_day(self.rng), lead="Tổ KT")
        inspection_record(inspection=inspection, findings_formset=NoFindings(), plan=self.plan)

    def task(self):
        pending = Assignment.objects.filter(task__plan=self.plan).exclude(
            status=Assignment.Status.DONE
        )
        assignment = pending.select_related("unit", "task__plan").order_by("?").first()
        if assignment is None:
            return
        assignment_complete(
            assignment=assignment,
            user=self._head(assignment.unit),
            completed_on=_day(self.rng),
            evidence_link="https://example.vn/minh-chung",
        )

    def report(self):
        unit, quarter = self._unit(self.wards), f"2021-Q{self.rng.randint(1, 3)}"
        report = report_get_or_create(plan=self.plan, unit=unit, period=quarter)
        if report.status == report.Status.APPROVED:
            report_reopen(report=report, user=self.noivu, reason="Số liệu cần sửa")
            return
        head = self._head(unit)
        responses, scale = self.rng.randint(1, 90), self.rng.randint(1, 2)
        figures = {
            self.rng.choice(FIELDS): {
                **{k: v * scale for k, v in FORM06_LAND.items()},
                "responses": responses,
                "satisfied": self.rng.randint(0, responses),
            }
        }
        report_save_figures(report=report, user=head, figures=figures)
        if self.rng.random() < 0.7:
            report_submit(report=report, user=head)
            report_approve(report=report, user=self.noivu)

    KINDS = (
        "dossiers",
        "dossier_resolved_again",
        "surveys",
        "form06",
        "publication",
        "feedback",
        "initiative",
        "epayment",
        "inspection",
        "task",
        "report",
    )


def _seed(plan, rng):
    """Some evidence before the first snapshot: dossiers of this year and the baseline year,
    surveys."""
    fields = {f.code: f for f in ProcedureField.objects.filter(code__in=FIELDS)}
    wards = list(Unit.objects.active_on(TODAY).filter(kind="ward").order_by("code"))
    dossiers, surveys = [], []
    for i in range(400):
        received = _day(rng, start=dt.date(2020, 1, 2))
        resolved = received + dt.timedelta(days=rng.randint(0, 25))
        dossiers.append(
            Dossier(
                code=f"SEED-{i}",
                unit=rng.choice(wards),
                field=fields[rng.choice(FIELDS)],
                received_on=received,
                due_on=received + dt.timedelta(days=rng.randint(1, 15)),
                resolved_on=resolved if resolved <= TODAY and rng.random() < 0.85 else None,
                online=rng.random() < 0.4,
            )
        )
    Dossier.objects.bulk_create(dossiers)
    for unit in wards[::2]:
        for q in (1, 2, 3):
            responses = rng.randint(10, 100)
            surveys.append(
                SatisfactionSurvey(
                    unit=unit,
                    field=fields["land"],
                    period=f"2021-Q{q}",
                    responses=responses,
                    satisfied=rng.randint(0, responses),
                )
            )
    SatisfactionSurvey.objects.bulk_create(surveys)


@pytest.fixture
def noivu(plan):
    from tests.factories import user_with_role

    return user_with_role(Role.NOIVU, Unit.objects.get(code="NV"), username="noivu-inc")


@pytest.fixture
def counted_paths():
    """How many snapshot recomputes took the incremental path, and how many the full one."""
    with (
        mock.patch.object(
            jobs, "compliance_recompute_units", wraps=jobs.compliance_recompute_units
        ) as incremental,
        mock.patch.object(jobs, "compliance_recompute", wraps=jobs.compliance_recompute) as full,
    ):
        yield incremental, full


@pytest.mark.parametrize("seed", [3, 17, 2021])
def test_incremental_recomputes_equal_a_full_one_after_random_changes(
    plan, noivu, tmp_path, time_machine, django_capture_on_commit_callbacks, counted_paths, seed
):
    time_machine.move_to(dt.datetime(2021, 10, 25, 9, 0, tzinfo=dt.UTC), tick=False)
    rng = random.Random(seed)
    _seed(plan, rng)
    for day in SNAPSHOTS:
        compliance_recompute(plan=plan, as_of=day)
    RecomputeRequest.objects.update_or_create(plan=plan, defaults={"pending": False})
    changes = Changes(plan=plan, rng=rng, tmp_path=tmp_path, noivu=noivu)
    incremental, full = counted_paths
    done = []
    for _step in range(24):
        kind = rng.choice(Changes.KINDS)
        wholes = full.call_count
        with django_capture_on_commit_callbacks(execute=True):
            getattr(changes, kind)()
        done.append(kind)
        # only a dossier re-imported under its code (it may have moved unit) is recomputed whole
        assert full.call_count == wholes or kind == "dossier_resolved_again", done
        for day in SNAPSHOTS:
            assert _stored(plan, day) == _full(plan, day), (kind, day, done)
    assert incremental.call_count >= len(done)  # two snapshots for most steps
    assert RecomputeRequest.objects.get(plan=plan).pending is False


def test_one_units_change_rewrites_only_its_rows_and_the_whole_scope_rows(
    plan, tmp_path, time_machine, django_capture_on_commit_callbacks, counted_paths
):
    time_machine.move_to(dt.datetime(2021, 10, 25, 9, 0, tzinfo=dt.UTC), tick=False)
    _seed(plan, random.Random(5))
    compliance_recompute(plan=plan, as_of=TODAY)
    RecomputeRequest.objects.update_or_create(plan=plan, defaults={"pending": False})
    before = dict(ComplianceResult.objects.at(plan, TODAY).values_list("pk", "unit_id"))
    p01 = Unit.objects.get(code="P01")
    rows = [DOSSIER_HEADER, ["NEW-1", "P01", "land", "2021-08-02", "2021-08-10", "2021-08-05"]]
    rows[1] += ["1", "0"]

    with django_capture_on_commit_callbacks(execute=True):
        import_file(kind="dossiers", source=str(write_csv(tmp_path / "one.csv", rows)))

    incremental, full = counted_paths
    assert incremental.call_count == 1 and full.call_count == 0
    after = dict(ComplianceResult.objects.at(plan, TODAY).values_list("pk", "unit_id"))
    rewritten = {before[pk] for pk in before.keys() - after.keys()}
    assert rewritten and rewritten <= {p01.pk, None}
    assert _stored(plan, TODAY) == _full(plan, TODAY)


def test_a_change_that_moves_no_figure_still_dates_the_figures_it_counted_again(plan, time_machine):
    from indicators.compliance.incremental import compliance_recompute_units
    from indicators.compliance.selectors import results_computed_at

    time_machine.move_to(dt.datetime(2021, 10, 25, 9, 0, tzinfo=dt.UTC), tick=False)
    _seed(plan, random.Random(5))
    compliance_recompute(plan=plan, as_of=TODAY)
    first = results_computed_at(plan=plan, as_of=TODAY)
    p01 = Unit.objects.get(code="P01")
    time_machine.move_to(dt.datetime(2021, 10, 25, 9, 30, tzinfo=dt.UTC), tick=False)

    written = compliance_recompute_units(
        plan=plan, as_of=TODAY, unit_ids={p01.pk}, kinds=["dossiers"]
    )

    assert written == 0  # nothing was imported: every figure is as it was
    later = results_computed_at(plan=plan, as_of=TODAY)
    assert later - first == dt.timedelta(minutes=30)
    stamped = ComplianceResult.objects.at(plan, TODAY).filter(computed_at=later)
    assert set(stamped.values_list("unit_id", flat=True)) == {p01.pk, None}
    assert ComplianceResult.objects.at(plan, TODAY).filter(computed_at=first).exists()
