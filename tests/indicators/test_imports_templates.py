"""Import templates (XLSX per kind), Vietnamese headers and labels, errors listing valid codes."""

import datetime as dt
import io
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from common.dates import parse_date
from indicators.evidence import columns as col
from indicators.evidence.columns import choice_lookup, column_spec, text_fold
from indicators.evidence.errors import ImportRejected
from indicators.evidence.imports import import_file
from indicators.evidence.templates_xlsx import import_template_write
from indicators.evidence.validators import KINDS, VALIDATORS
from indicators.models import Dossier, Feedback, ImportJob
from inspections.models import Inspection
from tests.factories import UnitFactory
from tests.indicators.importfiles import GOOD, write_csv
from units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def template_bytes(client, kind) -> bytes:
    response = client.get(reverse("import_template", args=[kind]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert f"mau-nhap-{kind}.xlsx" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def labels(kind):
    validator = VALIDATORS[kind]
    return [
        str(column_spec(kind=kind, code=c).label)
        for c in validator.columns + validator.optional_columns
    ]


def validation_of(sheet, letter):
    """The data validation covering a column's cells below the header."""
    found = [dv for dv in sheet.data_validations.dataValidation if f"{letter}2" in dv.sqref]
    assert len(found) == 1, letter
    return found[0]


def list_values(workbook, validation) -> list[str]:
    sheet_name, cells = validation.formula1.rsplit("!", 1)
    sheet = workbook[sheet_name.strip("'")]
    return [c.value for row in sheet[cells.replace("$", "")] for c in row]


def fill(template: bytes, kind: str, rows, path):
    """Fill a downloaded template as a user would: choices by their Vietnamese label, dates as
    dates, counts as numbers."""
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    codes = GOOD[kind][0]
    for r, row in enumerate(rows, 2):
        for c, (code, value) in enumerate(zip(codes, row, strict=True), 1):
            sheet.cell(row=r, column=c, value=_typed(kind, code, value))
    workbook.save(path)
    return path


def _typed(kind, code, value):
    spec = column_spec(kind=kind, code=code)
    if not value:
        return None
    if spec.type == col.CHOICE:
        return str(dict(spec.choices.choices)[value])
    if spec.type == col.DATE:
        return parse_date(value)
    if spec.type in (col.COUNT, col.FLAG):
        return int(value)
    return value


# --- the template ------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_template_has_vietnamese_headers_and_its_three_sheets(client, noivu_user, kind):
    client.force_login(noivu_user)
    workbook = load_workbook(io.BytesIO(template_bytes(client, kind)))
    assert workbook.sheetnames == ["Dữ liệu", "Danh mục", "Hướng dẫn"]
    assert workbook["Danh mục"].sheet_state == "hidden"
    data = workbook["Dữ liệu"]
    assert [c.value for c in data[1]] == labels(kind)
    assert data.freeze_panes == "A2"
    assert all(c.font.b for c in data[1])
    assert data.max_row == 1  # no data rows: nothing to delete before filling it
    first = VALIDATORS[kind].columns[0]
    assert f"Mã cột: {first}" in data["A1"].comment.text


@pytest.mark.parametrize("kind", KINDS)
def test_instructions_have_one_line_per_column_and_the_all_or_nothing_rule(
    client, noivu_user, kind
):
    client.force_login(noivu_user)
    sheet = load_workbook(io.BytesIO(template_bytes(client, kind)))["Hướng dẫn"]
    rows = [r for r in sheet.iter_rows(values_only=True) if any(r)]
    texts = " ".join(str(v) for r in rows for v in r if v)
    assert "Tất cả hoặc không" in texts and "không ghi dòng nào" in texts
    heading = rows.index(
        ("Tiêu đề cột", "Mã cột", "Ý nghĩa", "Bắt buộc", "Định dạng", "Giá trị cho phép")
    )
    validator = VALIDATORS[kind]
    columns = validator.columns + validator.optional_columns
    lines = rows[heading + 1 :]
    assert [(r[0], r[1]) for r in lines] == list(zip(labels(kind), columns, strict=True))
    assert all(r[2] and r[3] and r[4] for r in lines)


def test_dossier_template_validations(client, noivu_user):
    client.force_login(noivu_user)
    workbook = load_workbook(io.BytesIO(template_bytes(client, "dossiers")))
    data = workbook["Dữ liệu"]
    unit = validation_of(data, "B")
    assert unit.type == "list" and unit.errorStyle == "warning"  # a closed unit's code may do
    units = list_values(workbook, unit)
    assert {"P01", "P-VTS", "NV"} <= set(units) and "Q3" not in units
    field = validation_of(data, "C")
    assert field.type == "list" and field.errorStyle in (None, "stop")
    assert "land" in list_values(workbook, field)
    received = validation_of(data, "D")
    assert received.type == "date"
    assert data.column_dimensions["D"].number_format == "DD/MM/YYYY"
    assert list_values(workbook, validation_of(data, "G")) == ["0", "1"]


def test_template_unit_list_is_the_current_map_as_of_today(client, noivu_user):
    Unit.objects.filter(code="P10").update(active_to="2024-12-31")
    client.force_login(noivu_user)
    workbook = load_workbook(io.BytesIO(template_bytes(client, "epayment")))
    units = list_values(workbook, validation_of(workbook["Dữ liệu"], "A"))
    assert "P10" not in units and "P09" in units


@pytest.mark.parametrize(
    ("kind", "letter", "choices"),
    [
        ("inspections", "B", Inspection.Kind),
        ("feedback", "B", Feedback.Channel),
        ("units", "C", Unit.Kind),
    ],
)
def test_choice_columns_offer_their_vietnamese_labels(client, noivu_user, kind, letter, choices):
    client.force_login(noivu_user)
    workbook = load_workbook(io.BytesIO(template_bytes(client, kind)))
    validation = validation_of(workbook["Dữ liệu"], letter)
    assert validation.type == "list"
    assert list_values(workbook, validation) == [str(label) for label in choices.labels]


def test_count_columns_take_whole_numbers(client, noivu_user):
    client.force_login(noivu_user)
    workbook = load_workbook(io.BytesIO(template_bytes(client, "satisfaction")))
    validation = validation_of(workbook["Dữ liệu"], "D")
    assert (validation.type, validation.formula1) == ("whole", "0")
    assert "2021-Q1" in list_values(workbook, validation_of(workbook["Dữ liệu"], "C"))


@pytest.mark.parametrize("fixture", ["head_p01", "leader_user"])
def test_template_is_for_phong_noi_vu_only(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("import_template", args=["dossiers"])).status_code == 404


def test_unknown_kind_is_404(client, noivu_user):
    client.force_login(noivu_user)
    assert client.get(reverse("import_template", args=["nope"])).status_code == 404


def test_anonymous_is_sent_to_login(client, plan):
    response = client.get(reverse("import_template", args=["dossiers"]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


# --- a filled template imports as it is ---------------------------------------------------------
@pytest.mark.parametrize("kind", list(GOOD))
def test_filled_template_imports(client, noivu_user, tmp_path, kind):
    client.force_login(noivu_user)
    rows = GOOD[kind][1:]
    path = fill(template_bytes(client, kind), kind, rows, tmp_path / f"{kind}.xlsx")
    result = import_file(kind=kind, source=str(path))
    assert (result.created, result.updated) == (len(rows), 0)
    assert import_file(kind=kind, source=str(path)).unchanged == len(rows)


def test_filled_template_imports_with_the_command(client, noivu_user, tmp_path):
    client.force_login(noivu_user)
    path = fill(
        template_bytes(client, "feedback"), "feedback", GOOD["feedback"][1:], tmp_path / "f.xlsx"
    )
    call_command("import_data", "feedback", str(path), stdout=io.StringIO())
    assert dict(Feedback.objects.values_list("code", "channel")) == {
        "PA-1": "national",
        "PA-2": "1022",
    }


def test_filled_template_uploads_to_a_preview_with_labels(client, noivu_user, tmp_path):
    client.force_login(noivu_user)
    path = fill(
        template_bytes(client, "inspections"),
        "inspections",
        GOOD["inspections"][1:],
        tmp_path / "kt.xlsx",
    )
    upload = SimpleUploadedFile("kt.xlsx", path.read_bytes())
    body = client.post(
        reverse("import_start"), {"kind": "inspections", "file": upload}, follow=True
    ).content.decode()
    assert '<strong data-count="created">2</strong>' in body
    assert "<td>Kiểm tra CCHC định kỳ</td>" in body
    assert "<td>cchc_periodic</td>" not in body
    assert "Loại kiểm tra" in body  # column headers by label
    assert Inspection.objects.count() == 0  # only the preview
    job = ImportJob.objects.get()
    client.post(reverse("import_confirm", args=[job.pk]))
    assert set(Inspection.objects.values_list("kind", flat=True)) == {
        "cchc_periodic",
        "conduct_surprise",
    }


def test_filled_template_with_a_bad_row_writes_nothing(client, noivu_user, tmp_path):
    client.force_login(noivu_user)
    rows = GOOD["dossiers"][1:] + [
        ["HS-9", "P99", "land", "2021-02-01", "2021-02-10", "", "0", "0"]
    ]
    path = fill(template_bytes(client, "dossiers"), "dossiers", rows, tmp_path / "d.xlsx")
    with pytest.raises(ImportRejected) as info:
        import_file(kind="dossiers", source=str(path))
    assert [e.line for e in info.value.errors] == [5]
    with pytest.raises(CommandError):
        call_command(
            "import_data", "dossiers", str(path), stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert Dossier.objects.count() == 0


# --- labels accepted for headers and choices ---------------------------------------------------
def test_headers_may_be_labels_without_accents_or_case(plan, tmp_path):
    header = ["MA HO SO", "Mã đơn vị", "mã lĩnh vực", "Ngày tiếp nhận", "ngay hen tra"]
    header += ["Ngày giải quyết", "Nộp trực tuyến", "e_paid"]
    path = write_csv(tmp_path / "d.csv", [header, *GOOD["dossiers"][1:]])
    assert import_file(kind="dossiers", source=str(path)).created == 3


@pytest.mark.parametrize(
    ("kind", "column", "value", "code"),
    [
        ("inspections", "kind", "Kiểm tra CCHC đột xuất", "cchc_surprise"),
        ("inspections", "kind", "kiểm tra cchc định kỳ", "cchc_periodic"),
        ("feedback", "channel", "Cổng thông tin 1022", "1022"),
        ("feedback", "channel", "CỔNG DỊCH VỤ CÔNG QUỐC GIA", "national"),
        ("units", "kind", "Phường", "ward"),
        ("units", "kind", "Đơn vị sự nghiệp công lập", "public_service"),
    ],
)
def test_choice_given_by_its_vietnamese_label(plan, tmp_path, kind, column, value, code):
    rows = [list(r) for r in GOOD[kind]]
    rows[1][rows[0].index(column)] = value
    path = write_csv(tmp_path / "f.csv", rows)
    import_file(kind=kind, source=str(path))
    stored = {
        "inspections": lambda: Inspection.objects.get(code=rows[1][0]).kind,
        "feedback": lambda: Feedback.objects.get(code=rows[1][0]).channel,
        "units": lambda: Unit.objects.get(code=rows[1][0]).kind,
    }[kind]()
    assert stored == code


def test_a_choice_label_in_nfd_is_accepted(plan, tmp_path):
    rows = [list(r) for r in GOOD["units"]]
    rows[2][2] = unicodedata.normalize("NFD", "Phường")
    import_file(kind="units", source=str(write_csv(tmp_path / "u.csv", rows)))
    assert Unit.objects.get(code="P15").kind == "ward"


@pytest.mark.parametrize("kind", KINDS)
def test_labels_and_choices_are_unambiguous(kind):
    validator = VALIDATORS[kind]
    codes = validator.columns + validator.optional_columns
    folded = {c: text_fold(str(column_spec(kind=kind, code=c).label)) for c in codes}
    assert len(set(folded.values())) == len(codes)
    assert not [c for c, label in folded.items() if label in set(codes) - {c}]
    for code in codes:
        choices = column_spec(kind=kind, code=code).choices
        if choices:
            assert len(choice_lookup(choices)) == 2 * len(choices.values)


# --- errors list the valid values -------------------------------------------------------------
def rejected(tmp_path, kind, rows):
    with pytest.raises(ImportRejected) as info:
        import_file(kind=kind, source=str(write_csv(tmp_path / "f.csv", rows)))
    return [str(e) for e in info.value.errors]


def test_unknown_unit_lists_the_valid_codes(plan, tmp_path):
    rows = [GOOD["epayment"][0], ["P99", "2021-03-01"]]
    (error,) = rejected(tmp_path, "epayment", rows)
    assert error.startswith('Dòng 2: Không có đơn vị mã "P99". Chọn trong: GDDT, KT,')
    assert "P01" in error and "…" not in error


def test_unknown_unit_lists_at_most_thirty_codes(plan, tmp_path):
    for n in range(10):
        UnitFactory(code=f"X{n:02d}")
    total = Unit.objects.count()
    (error,) = rejected(tmp_path, "epayment", [GOOD["epayment"][0], ["P99", "2021-03-01"]])
    listed = error.split("Chọn trong: ")[1]
    assert listed.count(",") == 30
    assert f"… (và {total - 30} mã khác)" in error


def test_only_the_first_thousand_unknown_codes_list_the_valid_ones(plan, tmp_path):
    rows = [GOOD["epayment"][0]] + [[f"X{n}", "2021-03-01"] for n in range(1001)]
    errors = rejected(tmp_path, "epayment", rows)
    assert "Chọn trong: " in errors[999]
    assert errors[1000] == 'Dòng 1002: Không có đơn vị mã "X1000".'


def test_unknown_field_lists_the_valid_codes(plan, tmp_path):
    rows = [GOOD["satisfaction"][0], ["P01", "space", "2021-Q1", "10", "5"]]
    (error,) = rejected(tmp_path, "satisfaction", rows)
    assert 'Không có lĩnh vực TTHC mã "space". Chọn trong: ' in error
    assert "land" in error and "business" in error


def test_unknown_choice_lists_labels_and_codes(plan, tmp_path):
    rows = [GOOD["inspections"][0], ["KT-9", "audit", "P01", "2021-05-04", "", ""]]
    (error,) = rejected(tmp_path, "inspections", rows)
    assert 'Giá trị "audit" không hợp lệ ở cột "kind"' in error
    assert "Kiểm tra CCHC định kỳ (cchc_periodic)" in error
    assert "conduct_surprise" in error


def test_unknown_period_lists_the_current_plans_periods(plan, tmp_path):
    rows = [GOOD["publications"][0], ["P01", "Q1/2021", "https://x.example.vn", "2021-04-05"]]
    (error,) = rejected(tmp_path, "publications", rows)
    assert (
        'Kỳ không hợp lệ: "Q1/2021" (chọn trong: 2021-Q1, 2021-Q2, 2021-Q3, 2021-Q4, 2021' in error
    )


def test_unknown_parent_lists_the_codes_in_the_system(plan, tmp_path):
    rows = [GOOD["units"][0], ["X1", "X", "ward", "", "NOPE"]]
    (error,) = rejected(tmp_path, "units", rows)
    assert 'Không có đơn vị cấp trên mã "NOPE"' in error and "P01" in error


# --- the import page --------------------------------------------------------------------------
def test_import_page_links_templates_and_lists_valid_codes(client, noivu_user):
    client.force_login(noivu_user)
    body = client.get(reverse("import_start")).content.decode()
    for kind in KINDS:
        assert f'href="{reverse("import_template", args=[kind])}"' in body
    assert "Tải tệp mẫu" in body
    assert '<details class="mb-2" id="valid-units">' in body
    assert "<code>P-VTS</code>" in body and "<code>Q3</code>" not in body
    assert '<details id="valid-fields">' in body and "<code>land</code>" in body


def test_preview_shows_choice_labels_for_codes(client, noivu_user, tmp_path):
    client.force_login(noivu_user)
    path = write_csv(tmp_path / "f.csv", GOOD["feedback"])
    upload = SimpleUploadedFile("f.csv", path.read_bytes())
    body = client.post(
        reverse("import_start"), {"kind": "feedback", "file": upload}, follow=True
    ).content.decode()
    assert "<td>Cổng dịch vụ công Quốc gia</td>" in body
    assert "<td>national</td>" not in body


def test_units_admin_import_links_the_units_template(client, admin_user_):
    client.force_login(admin_user_)
    body = client.get(reverse("admin:units_unit_import")).content.decode()
    assert f'href="{reverse("import_template", args=["units"])}"' in body
    assert client.get(reverse("import_template", args=["units"])).status_code == 200


def test_form06_template_offers_quarters_only(client, noivu_user):
    client.force_login(noivu_user)
    workbook = load_workbook(io.BytesIO(template_bytes(client, "form06")))
    data = workbook["Dữ liệu"]
    assert data["D1"].value == "Số hồ sơ nhận trực tuyến"
    periods = list_values(workbook, validation_of(data, "C"))
    assert periods == ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]
    assert validation_of(data, "D").type == "whole"


def test_template_without_any_plan_or_unit(db):
    target = io.BytesIO()
    import_template_write(kind="units", target=target, today=dt.date(2026, 1, 5))
    workbook = load_workbook(io.BytesIO(target.getvalue()))
    assert [c.value for c in workbook["Dữ liệu"][1]] == labels("units")
    kinds = validation_of(workbook["Dữ liệu"], "C")  # the kinds still; no unit list to offer
    assert "Quận" in list_values(workbook, kinds)
    assert not [
        dv for dv in workbook["Dữ liệu"].data_validations.dataValidation if "E2" in dv.sqref
    ]
