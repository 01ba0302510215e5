import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from indicators.models import ProcedureField, Target
from plans.models import Assignment, Clause, Plan, Task
from units.models import Unit

SEED_LABELS = [
    "I",
    "I.1",
    "I.1.1",
    "I.1.2",
    "I.1.3",
    "I.2",
    "I.2.1",
    "I.2.1a",
    "I.2.1b",
    "I.2.2",
    "I.2.2a",
    "I.2.2b",
    "I.2.2c",
    "I.2.3",
    "I.2.4",
    "I.2.5",
    "II",
    "II.1",
    "II.2",
    "II.3",
    "II.4",
    "II.5",
    "II.6",
    "II.7",
    "II.8",
    "II.9",
    "II.10",
    "II.11",
    "III",
    "IV",
    "IV.1",
    "IV.2",
    "V",
    "V.1",
    "V.2",
    "V.2.1",
    "V.2.2",
    "V.2.3",
    "V.2.4",
    "V.2.5",
    "V.3",
    "V.3.1",
    "V.3.2",
    "V.3.3",
    "V.3.4",
    "V.4",
    "V.4.1",
    "V.4.2",
    "V.5",
    "V.6",
]
AGENCIES = ["VP", "NV", "TP", "TCKH", "TNMT", "LDTBXH", "VHTT", "GDDT", "YT", "TTR", "KT", "QLDT"]
WARDS = ["P-VTS", "P01", "P02", "P03", "P04", "P05", "P09", "P10", "P11", "P12", "P13", "P14"]
TARGETS = [
    "INSP-AGENCY",
    "INSP-PSU",
    "INSP-WARD",
    "INSP-CONDUCT-Q",
    "SAT-OVERALL",
    "SAT-FIELD",
    "SAT-PUBLISH",
    "ONTIME",
    "FEEDBACK",
    "INITIATIVE",
    "OUTREACH",
    "ONLINE-GROWTH",
    "EPAY-EDU",
    "TASKS-DONE",
]


def test_plan_has_contract_code_deadline_and_baseline(plan):
    assert (plan.code, plan.year, plan.deadline, plan.baseline_year) == (
        "CCHC-2021",
        2021,
        dt.date(2021, 10, 25),
        2020,
    )
    assert plan.scope.code == "Q3"


def test_every_clause_label_of_the_seed_is_loaded_in_order(plan):
    assert list(plan.clauses.values_list("label", flat=True)) == SEED_LABELS


def test_clause_text_is_verbatim(plan):
    clause = plan.clauses.get(label="V.2.2")
    assert "Phường Võ Thị Sáu" in clause.text
    assert clause.text.endswith("hoàn thành trước ngày 30 tháng 6 năm 2021.")
    assert plan.clauses.get(label="I.2.1b").text == (
        "b) Kiểm tra đột xuất về công vụ, việc thực hiện quy tắc ứng xử: tối thiểu 05 đơn vị/quý."
    )


def test_clauses_nest_under_their_parent(plan):
    assert plan.clauses.get(label="I.2.1a").parent.label == "I.2.1"
    assert plan.clauses.get(label="II.10").parent.label == "II"
    assert plan.clauses.get(label="V.3.4").parent.label == "V.3"
    assert plan.clauses.get(label="III").parent is None


def test_units_have_contract_codes_and_kinds(plan):
    assert list(Unit.objects.agencies().order_by("code").values_list("code", flat=True)) == sorted(
        AGENCIES
    )
    assert set(Unit.objects.wards().values_list("code", flat=True)) == set(WARDS)
    assert Unit.objects.get(code="P-VTS").name == "Phường Võ Thị Sáu"
    assert Unit.objects.get(code="LDTBXH").name == "Phòng Lao động – Thương binh và Xã hội"
    assert not Unit.objects.public_service().exists()


def test_fields_include_land_with_its_own_threshold(plan):
    ontime = plan.targets.get(rule="ontime")
    assert ontime.threshold_for(ProcedureField.objects.get(code="land")) == 96
    assert ontime.threshold_for(ProcedureField.objects.get(code="health")) == 98
    assert set(ProcedureField.objects.values_list("code", flat=True)) >= {
        "land",
        "construction",
        "civil-status",
        "certification",
        "business",
        "labour",
        "culture",
        "education",
        "health",
        "other",
    }


def test_fourteen_targets_with_thresholds(plan):
    assert sorted(plan.targets.values_list("code", flat=True)) == sorted(TARGETS)
    epay = plan.targets.get(code="EPAY-EDU")
    assert (epay.comparator, epay.threshold, epay.unit_sector) == ("gt", 95, "education")
    assert list(plan.targets.get(code="INSP-AGENCY").clauses.values_list("label", flat=True)) == [
        "I.2.1a",
        "V.2.1",
    ]


def test_vts_iso_task_due_30_june_led_by_noivu(plan):
    task = plan.tasks.get(code="V.2.2")
    assert task.due_on == dt.date(2021, 6, 30)
    assert task.lead_unit.code == "NV"
    assert list(task.assignments.values_list("unit__code", flat=True)) == ["P-VTS"]


def test_district_website_column_due_end_of_august_with_three_units(plan):
    task = plan.tasks.get(code="V.3.4")
    assert task.due_on == dt.date(2021, 8, 31)
    assert set(task.assignments.values_list("unit__code", flat=True)) == {"VP", "NV", "VHTT"}


def test_quarterly_dialogues_have_one_assignment_per_quarter(plan):
    task = plan.tasks.get(code="V.4.1")
    assert task.recurrence == Task.Recurrence.QUARTERLY
    rows = set(task.assignments.values_list("unit__code", "period", "due_on"))
    assert ("KT", "2021-Q1", dt.date(2021, 3, 31)) in rows
    assert ("VP", "2021-Q4", dt.date(2021, 10, 25)) in rows
    assert len(rows) == 8


def test_own_cchc_column_and_final_report_go_to_every_agency_and_ward(plan):
    for code in ("II.9", "BAO-CAO"):
        task = plan.tasks.get(code=code)
        assert set(task.assignments.values_list("unit__code", flat=True)) == set(AGENCIES + WARDS)
        assert task.due_on == dt.date(2021, 10, 25)


def test_second_load_changes_nothing(plan):
    def snapshot():
        return [
            list(model.objects.order_by("pk").values())
            for model in (Unit, Clause, Plan, Task, Target, ProcedureField, Assignment)
        ]

    before = snapshot()
    call_command("load_plan", "CCHC-2021", stdout=open("/dev/null", "w"))
    assert snapshot() == before


def test_new_public_service_unit_gets_plan_wide_tasks(plan):
    from plans.services import plan_expand_assignments

    Unit.objects.create(
        code="MN-01",
        name="Trường Mầm non 1",
        kind="public_service",
        sector="education",
        parent=plan.scope,
    )
    plan_expand_assignments(plan=plan)
    assert Assignment.objects.filter(unit__code="MN-01", task__code="II.5").exists()
    assert not Assignment.objects.filter(unit__code="MN-01", task__code="V.2.2").exists()


@pytest.mark.django_db
def test_unknown_plan_is_a_clear_error():
    with pytest.raises(CommandError, match="Không có kế hoạch"):
        call_command("load_plan", "CCHC-1999")
