"""Biểu 06 as units fill it (title lines, the 13-column table, fields by name), read into the
same `form06` rows as the contract's columns."""

import io

import pytest

from indicators.evidence.errors import ImportRejected
from indicators.evidence.form06_sheet import form06_sheet_workbook, sheet_period
from indicators.evidence.imports import import_file
from indicators.models import Form06Figure
from plans.periods import Period
from tests.indicators.importfiles import FORM06_LAND as LAND
from units.models import Unit


def sheet_file(book) -> io.BytesIO:
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "bieu-06.xlsx"
    return out


def fill(book, row_of_field: str, **cells):
    """Overwrite cells of the row naming a field (column letter → value)."""
    sheet = book.active
    row = next(r for r in sheet.iter_rows() if r[1].value == row_of_field)
    for column, value in cells.items():
        sheet[f"{column}{row[0].row}"] = value
    return book


@pytest.mark.parametrize(
    "text, period",
    [
        ("Kỳ báo cáo: Quý III năm 2021", "2021-Q3"),
        ("KỲ BÁO CÁO: QUÝ IV NĂM 2025", "2025-Q4"),
        ("Kỳ báo cáo: quý 1/2022", "2022-Q1"),
        ("Kỳ báo cáo 2021-Q2", "2021-Q2"),
        ("Đơn vị báo cáo: Phường 1", None),
    ],
)
def test_the_period_is_read_from_the_title_line(text, period):
    assert sheet_period(text) == period


def test_a_filled_form_is_imported_as_form06_rows(plan):
    unit = Unit.objects.get(code="P01")
    book = form06_sheet_workbook(unit=unit, period=Period(2021, 2), figures={"land": LAND})

    result = import_file(kind="form06", source=sheet_file(book), name="bieu-06.xlsx")

    assert result.created == 1  # the fields left blank are not rows
    row = Form06Figure.objects.get()
    assert (row.unit.code, row.field.code, row.period) == ("P01", "land", "2021-Q2")
    assert {key: getattr(row, key) for key in LAND} == LAND


def test_the_unit_may_be_written_by_its_name(plan):
    book = form06_sheet_workbook(unit=None, period=Period(2021, 3), figures={"land": LAND})
    book.active["A4"] = "Đơn vị báo cáo: PHƯỜNG 2"
    import_file(kind="form06", source=sheet_file(book), name="bieu-06.xlsx")
    assert Form06Figure.objects.get().unit.code == "P02"


def test_typed_totals_that_do_not_add_up_reject_the_sheet(plan):
    unit = Unit.objects.get(code="P01")
    book = form06_sheet_workbook(unit=unit, period=Period(2021, 2), figures={"land": LAND})
    fill(book, "Đất đai", G=99)  # resolved total 99, parts 10 + 14 + 1

    with pytest.raises(ImportRejected) as exc:
        import_file(kind="form06", source=sheet_file(book), name="bieu-06.xlsx")

    messages = [e.message for e in exc.value.errors]
    assert "Tổng số hồ sơ đã giải quyết (99) khác tổng các cột thành phần (25)." in messages
    assert not Form06Figure.objects.exists()


def test_a_form_without_unit_or_period_says_what_is_missing(plan):
    book = form06_sheet_workbook(unit=None, period=None, figures={"land": LAND})
    with pytest.raises(ImportRejected) as exc:
        import_file(kind="form06", source=sheet_file(book), name="bieu-06.xlsx")
    text = " ".join(e.message for e in exc.value.errors)
    assert "không ghi đơn vị" in text and "không ghi kỳ báo cáo" in text


def test_a_field_name_the_portal_does_not_know_is_an_error_on_its_line(plan):
    unit = Unit.objects.get(code="P01")
    book = form06_sheet_workbook(unit=unit, period=Period(2021, 2), figures={"land": LAND})
    fill(book, "Đất đai", B="Nông nghiệp")
    with pytest.raises(ImportRejected) as exc:
        import_file(kind="form06", source=sheet_file(book), name="bieu-06.xlsx")
    assert any("Nông nghiệp" in e.message and e.line > 7 for e in exc.value.errors)
    assert not Form06Figure.objects.exists()


def test_a_spreadsheet_that_is_neither_layout_is_rejected_clearly(plan, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as exc:
        import_file(kind="form06", source=str(path))
    assert "Biểu số 06/VPCP/KSTT" in exc.value.errors[0].message


def test_the_blank_form_downloads_for_a_unit_head_and_reads_back(client, plan, head_p01):
    from openpyxl import load_workbook

    client.force_login(head_p01)
    response = client.get("/nhap-du-lieu/bieu-06.xlsx?period=2021-Q3")

    assert response.status_code == 200
    assert 'filename="bieu-06-P01-2021-Q3.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.active["A3"].value == "Kỳ báo cáo: Quý 3 năm 2021"
    fill(book, "Đất đai", D=5, E=5, I=9, J=1)
    import_file(kind="form06", source=sheet_file(book), name="bieu-06.xlsx")
    row = Form06Figure.objects.get()
    assert (row.unit.code, row.period, row.resolved_on_time, row.resolved_late) == (
        "P01",
        "2021-Q3",
        9,
        1,
    )


def test_a_bad_period_in_the_link_gives_the_blank_title_not_an_error(client, plan, noivu_user):
    client.force_login(noivu_user)
    response = client.get("/nhap-du-lieu/bieu-06.xlsx?period=2021&unit=nope")
    assert response.status_code == 200
    assert 'filename="bieu-06.xlsx"' in response["Content-Disposition"]


def test_the_import_page_points_to_the_form(client, plan, noivu_user):
    client.force_login(noivu_user)
    body = client.get("/nhap-du-lieu/").content.decode()
    assert 'id="form06-sheet"' in body and "Biểu số 06/VPCP/KSTT" in body
