"""Demo data for the 2021 plan: public-service units, users and a realistic year of figures.

Deterministic (a fixed random seed) and safe to run twice. Never for production.
"""

import datetime as dt
import random
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from indicators.evidence.imports import import_file
from indicators.evidence.models import (
    Dossier,
    EPaymentAdoption,
    Feedback,
    Form06Figure,
    Initiative,
    OutreachProduct,
    SatisfactionPublication,
    SatisfactionSurvey,
)
from indicators.reports.models import QuarterlyReport
from indicators.reports.public_cache import public_cache_bump
from indicators.reports.selectors import report_dossier_counts
from indicators.reports.services import report_freeze_public_figures
from indicators.targets.models import ProcedureField
from inspections.models import Inspection
from plans.models import Assignment, Plan
from plans.periods import Period, quarters
from plans.services import plan_expand_assignments
from units.models import Role, Unit, User
from units.roles import roles_sync, user_set_role
from units.selectors import units_in_scope

DEMO_PASSWORD = "demo-2021"

EDUCATION_UNITS = [
    ("MN-01", "Trường Mầm non 1"),
    ("MN-02", "Trường Mầm non 2"),
    ("MN-03", "Trường Mầm non 3"),
    ("MN-04", "Trường Mầm non 4"),
    ("MN-05", "Trường Mầm non 5"),
    ("MN-06", "Trường Mầm non 6"),
    ("MN-07", "Trường Mầm non 7"),
    ("TH-LQD", "Trường Tiểu học Lê Quý Đôn"),
    ("TH-NTMK", "Trường Tiểu học Nguyễn Thị Minh Khai"),
    ("TH-KD", "Trường Tiểu học Kỳ Đồng"),
    ("TH-NTH", "Trường Tiểu học Nguyễn Thái Học"),
    ("TH-PVT", "Trường Tiểu học Phan Văn Trị"),
    ("TH-TQT", "Trường Tiểu học Trần Quốc Thảo"),
    ("TH-LVS", "Trường Tiểu học Lương Định Của"),
    ("THCS-CVA", "Trường THCS Colette"),
    ("THCS-LQD", "Trường THCS Lê Quý Đôn"),
    ("THCS-BTX", "Trường THCS Bàn Cờ"),
    ("THCS-LL", "Trường THCS Lê Lợi"),
    ("THCS-KD", "Trường THCS Kiến Thiết"),
    ("THCS-PSN", "Trường THCS Phan Sào Nam"),
]
OTHER_PSUS = [
    ("TTVH", "Trung tâm Văn hóa Thể thao Quận 3", ""),
    ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng khu vực Quận 3", ""),
    ("TTYT", "Trung tâm Y tế Quận 3", "health"),
]

# Which procedure fields each kind of unit handles, with a yearly volume.
WARD_FIELDS = {
    "civil-status": 900,
    "certification": 2500,
    "construction": 150,
    "land": 60,
    "labour": 120,
    "other": 80,
}
AGENCY_FIELDS = {
    "TNMT": {"land": 1500},
    "QLDT": {"construction": 1400},
    "TP": {"civil-status": 500, "certification": 300},
    "KT": {"business": 2200},
    "LDTBXH": {"labour": 700},
    "VHTT": {"culture": 150},
    "GDDT": {"education": 250},
    "YT": {"health": 200},
}


LINEAGE = Path(__file__).resolve().parent / "data" / "units-lineage.csv"
# A ward whose one-stop software has no dossier-level export: it reports Biểu 06 for 2021.
FORM06_WARD = "P14"


def _units(district: Unit, year: int) -> list[Unit]:
    psus = [(code, name, "education") for code, name in EDUCATION_UNITS] + OTHER_PSUS
    parents = {"education": "GDDT", "health": "YT", "": None}
    by_code = {u.code: u for u in Unit.objects.all()}
    for code, name, sector in psus:
        parent = by_code.get(parents[sector]) if parents[sector] else district
        Unit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": Unit.Kind.PUBLIC_SERVICE,
                "sector": sector,
                "parent": parent,
            },
        )
    return list(units_in_scope(scope=district, on=dt.date(year, 12, 31)))


def _user(
    username: str, *, role: str, unit: Unit | None, password: str, superuser=False, **names
) -> User:
    user, created = User.objects.get_or_create(username=username, defaults=names)
    if created:
        user.password = password
    user.is_superuser = superuser
    user.email = user.email or f"{username}@demo.quan3.local"
    user_set_role(user=user, role=role, unit=unit)
    return user


def _users(district: Unit, units: list[Unit]) -> None:
    noivu = Unit.objects.get(code="NV")
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing per user takes seconds
    _user(
        "admin",
        role=Role.ADMIN,
        unit=district,
        password=password,
        superuser=True,
        first_name="Quản trị",
    )
    _user(
        "noivu",
        role=Role.NOIVU,
        unit=noivu,
        password=password,
        first_name="Chuyên viên",
        last_name="Nội vụ",
    )
    _user(
        "lanhdao",
        role=Role.LEADER,
        unit=district,
        password=password,
        first_name="Lãnh đạo",
        last_name="Quận",
    )
    _user(
        "head-q3",
        role=Role.LEADER,
        unit=district,
        password=password,
        first_name="Chủ tịch",
        last_name="UBND Quận 3",
    )
    for unit in units:
        _user(
            f"head-{unit.code.lower()}",
            role=Role.UNIT_HEAD,
            unit=unit,
            password=password,
            first_name="Thủ trưởng",
            last_name=unit.name,
        )


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _dossiers(rng, units, fields, year: int, online_share: float, scale: float) -> list[Dossier]:
    rows = []
    end = dt.date(year, 12, 31) if year < 2021 else dt.date(2021, 12, 31)
    for unit in units:
        volumes = WARD_FIELDS if unit.kind == Unit.Kind.WARD else AGENCY_FIELDS.get(unit.code, {})
        late_rate = rng.choice([0.002, 0.01, 0.015, 0.03])
        for field_code, volume in volumes.items():
            for n in range(int(volume * scale)):
                received = _day(rng, dt.date(year, 1, 1), end)
                due = received + dt.timedelta(days=rng.choice([1, 3, 5, 10, 15]))
                resolved = due - dt.timedelta(days=rng.randrange(0, 3))
                if rng.random() < late_rate:
                    resolved = due + dt.timedelta(days=rng.randrange(1, 10))
                resolved = max(resolved, received)
                rows.append(
                    Dossier(
                        code=f"{year}-{unit.code}-{field_code}-{n:05d}",
                        unit=unit,
                        field=fields[field_code],
                        received_on=received,
                        due_on=due,
                        resolved_on=resolved if resolved <= dt.date(2021, 12, 31) else None,
                        online=rng.random() < online_share,
                        e_paid=rng.random() < 0.4,
                    )
                )
    return rows


def _form06_instead_of_dossiers(*, unit: Unit | None, year: int) -> None:
    """The unit's year as Biểu 06 figures per quarter and field (counted from its dossiers by
    the report's one rule), its dossiers of the year then removed: its on-time figure comes from
    the forms (docs/counting-rules.md, "Biểu 06")."""
    if unit is None:
        return
    rows = []
    for quarter in quarters(year):
        counts = report_dossier_counts(unit=unit, period=quarter, as_of=quarter.last_day)
        rows += [
            Form06Figure(unit=unit, field_id=field_id, period=quarter.code, **numbers)
            for field_id, numbers in counts.items()
        ]
    Dossier.objects.filter(unit=unit).filter(
        Q(received_on__year=year) | Q(resolved_on__year=year) | Q(resolved_on__isnull=True)
    ).delete()
    Form06Figure.objects.bulk_create(rows)


def _surveys(rng, units, fields) -> list[SatisfactionSurvey]:
    rows = []
    for unit in units:
        volumes = WARD_FIELDS if unit.kind == Unit.Kind.WARD else AGENCY_FIELDS.get(unit.code, {})
        for field_code in volumes:
            for quarter in range(1, 4):
                responses = rng.randrange(40, 160)
                rate = rng.choice([0.88, 0.92, 0.95, 0.97, 0.99])
                rows.append(
                    SatisfactionSurvey(
                        unit=unit,
                        field=fields[field_code],
                        period=f"2021-Q{quarter}",
                        responses=responses,
                        satisfied=min(responses, round(responses * rate)),
                    )
                )
    return rows


def _feedback(rng, units) -> list[Feedback]:
    rows = []
    for unit in units:
        if unit.kind == Unit.Kind.PUBLIC_SERVICE:
            continue
        for n in range(rng.randrange(3, 12)):
            received = _day(rng, dt.date(2021, 1, 4), dt.date(2021, 10, 10))
            due = received + dt.timedelta(days=10)
            resolved = received + dt.timedelta(days=rng.randrange(2, 14))
            rows.append(
                Feedback(
                    code=f"PA-{unit.code}-{n:03d}",
                    unit=unit,
                    channel=rng.choice(["national", "1022", "1022", "other"]),
                    received_on=received,
                    due_on=due,
                    resolved_on=resolved,
                    published_on=resolved + dt.timedelta(days=1) if rng.random() < 0.9 else None,
                )
            )
    return rows


def _dated(rng, model, units, prefix: str, titles: list[str], rate: float) -> list:
    return [
        model(
            code=f"{prefix}-{unit.code}",
            unit=unit,
            title=rng.choice(titles),
            date=_day(rng, dt.date(2021, 2, 1), dt.date(2021, 10, 15)),
            evidence_link=f"https://quan3.hochiminhcity.gov.vn/cchc/{prefix.lower()}-"
            f"{unit.code.lower()}",
        )
        for unit in units
        if rng.random() < rate
    ]


def _publications(rng, units) -> list[SatisfactionPublication]:
    return [
        SatisfactionPublication(
            unit=unit,
            period=f"2021-Q{q}",
            url=f"https://quan3.hochiminhcity.gov.vn/{unit.code.lower()}/hai-long-q{q}",
            published_on=dt.date(2021, 3 * q, 28),
        )
        for unit in units
        if unit.kind != Unit.Kind.PUBLIC_SERVICE
        for q in range(1, 4)
        if rng.random() < 0.85
    ]


def _inspections(rng, units) -> list[Inspection]:
    rows = []
    cchc_targets = rng.sample(units, k=len(units) // 3)
    for n, unit in enumerate(cchc_targets):
        rows.append(
            Inspection(
                code=f"KT-CCHC-{n:03d}",
                kind=rng.choice(["cchc_periodic", "cchc_surprise"]),
                unit=unit,
                date=_day(rng, dt.date(2021, 3, 1), dt.date(2021, 10, 20)),
                lead="Trưởng phòng Nội vụ",
                head_responsibility=True,
                conclusion="Thực hiện cơ bản đầy đủ nhiệm vụ CCHC; cần khắc phục một số hạn chế.",
            )
        )
    for quarter in range(1, 5):
        start = dt.date(2021, 3 * quarter - 2, 1)
        end = min(dt.date(2021, 10, 20), start + dt.timedelta(days=85))
        for n, unit in enumerate(rng.sample(units, k=rng.choice([4, 5, 6]))):
            rows.append(
                Inspection(
                    code=f"KT-CV-Q{quarter}-{n:02d}",
                    kind="conduct_surprise",
                    unit=unit,
                    date=_day(rng, start, end),
                    lead="Chuyên viên Phòng Nội vụ",
                    conclusion="Cán bộ, công chức chấp hành tốt quy tắc ứng xử.",
                )
            )
    return rows


def _complete_assignments(rng, plan: Plan) -> None:
    done = []
    # Up to the plan's deadline: the dashboard opens on it, and a demo where every task due
    # that day is still open looks like a district that did nothing.
    for assignment in Assignment.objects.filter(task__plan=plan, due_on__lte=plan.deadline):
        if rng.random() < 0.85:
            assignment.status = Assignment.Status.DONE
            late = rng.random() < 0.1
            assignment.completed_on = assignment.due_on + dt.timedelta(
                days=rng.randrange(1, 15) if late else -rng.randrange(0, 20)
            )
            assignment.note = "Đã hoàn thành theo kế hoạch."
            done.append(assignment)
    Assignment.objects.bulk_update(done, ["status", "completed_on", "note"])


def _reports(rng, plan: Plan, units) -> None:
    """Quarterly reports of every unit, submitted around their due date and mostly approved.

    P01's 2021-Q3 report stays a draft, for a demo of filling and submitting one.
    """
    heads = {u.unit_id: u for u in User.objects.filter(role=Role.UNIT_HEAD)}
    reviewer = User.objects.filter(username="noivu").first()
    for unit in units:
        for quarter in range(1, 4):
            period = Period(plan.year, quarter)
            status = rng.choice(["approved", "approved", "approved", "submitted", "draft"])
            if unit.code == "P01" and quarter == 3:
                status = "draft"
            received = rng.randrange(0, 10)
            defaults = {
                "status": status,
                "published": status == "approved",
                "feedback_received": received,
                "feedback_handled": max(0, received - rng.choice([0, 0, 0, 1])),
            }
            if status != "draft":
                due = plan.report_due_on(period)
                late = rng.random() < 0.1
                day = due + dt.timedelta(days=rng.randrange(1, 8) if late else -rng.randrange(0, 6))
                submitted_at = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
                defaults.update(submitted_at=submitted_at, submitted_by=heads.get(unit.pk))
                if status == "approved":
                    defaults.update(
                        reviewed_at=submitted_at + dt.timedelta(days=2), reviewed_by=reviewer
                    )
            report, created = QuarterlyReport.objects.get_or_create(
                plan=plan, unit=unit, period=period.code, defaults=defaults
            )
            if created and status == "approved":
                # approved as the service approves: its public figures frozen at approval
                summary = report_freeze_public_figures(
                    report=report, approved_at=report.reviewed_at
                )
                QuarterlyReport.objects.filter(pk=report.pk).update(published_summary=summary)


@transaction.atomic
def demo_seed(*, plan_code: str = "CCHC-2021", scale: float = 1.0) -> dict[str, int]:
    """Create the demo units, users and figures; a second run adds nothing."""
    roles_sync()
    plan = Plan.objects.get(code=plan_code)
    rng = random.Random(2021)
    units = _units(plan.scope, plan.year)
    # The real map through 2025: P10 into P09 and P13 into P12 on 01/01/2025, then on 01/07/2025
    # the district's wards into three wards of the city, and its agencies (phòng) closed with
    # the district level (units import, docs/imports.md).
    import_file(kind="units", source=LINEAGE)
    plan_expand_assignments(plan=plan)
    _users(plan.scope, list(Unit.objects.below_scope()))  # every unit's head, later ones too
    if Dossier.objects.exists():
        return {"units": len(units), "dossiers": Dossier.objects.count()}

    fields = {f.code: f for f in ProcedureField.objects.all()}
    education = [u for u in units if u.sector == Unit.EDUCATION]
    with_dossiers = [u for u in units if u.kind == Unit.Kind.WARD or u.code in AGENCY_FIELDS]
    Dossier.objects.bulk_create(
        _dossiers(rng, with_dossiers, fields, 2020, 0.25, scale), batch_size=5000
    )
    Dossier.objects.bulk_create(
        _dossiers(rng, with_dossiers, fields, 2021, 0.30, scale), batch_size=5000
    )
    _form06_instead_of_dossiers(unit=Unit.objects.filter(code=FORM06_WARD).first(), year=2021)
    SatisfactionSurvey.objects.bulk_create(_surveys(rng, with_dossiers, fields))
    Feedback.objects.bulk_create(_feedback(rng, units))
    Initiative.objects.bulk_create(
        _dated(
            rng,
            Initiative,
            units,
            "SK",
            [
                "Số hóa hồ sơ lưu trữ một cửa",
                "Tra cứu tiến độ hồ sơ qua mã QR",
                "Tổ hỗ trợ dịch vụ công trực tuyến",
                "Hẹn giờ trả kết quả qua Zalo",
            ],
            0.8,
        )
    )
    OutreachProduct.objects.bulk_create(
        _dated(
            rng,
            OutreachProduct,
            units,
            "TT",
            [
                "Video hướng dẫn nộp hồ sơ trực tuyến",
                "Tờ rơi dịch vụ công mức độ 3, 4",
                "Chuyên mục CCHC trên trang thông tin điện tử",
                "Pa-nô tuyên truyền tại khu phố",
            ],
            0.75,
        )
    )
    SatisfactionPublication.objects.bulk_create(_publications(rng, with_dossiers))
    EPaymentAdoption.objects.bulk_create(
        [
            EPaymentAdoption(
                unit=u, adopted_on=_day(rng, dt.date(2021, 1, 10), dt.date(2021, 9, 30))
            )
            for u in education
            if rng.random() < 0.95
        ]
    )
    Inspection.objects.bulk_create(_inspections(rng, units))
    _complete_assignments(rng, plan)
    _reports(rng, plan, units)
    public_cache_bump(plan_id=plan.pk)  # its reports were approved behind the services' back
    return {"units": len(units), "dossiers": Dossier.objects.count()}
