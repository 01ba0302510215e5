"""Hostile and careless import files: every one is a row or file error, never a traceback, a
500 or a lost row (docs/imports.md, "Limits" and "Normalisation")."""

import datetime as dt
import unicodedata
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.evidence import writers
from indicators.evidence.reading import count_rows
from indicators.models import EPaymentAdoption, ImportJob, Initiative, SatisfactionSurvey
from inspections.models import Inspection
from tests.indicators.importfiles import write_csv, write_xlsx
from units.models import Unit

START = reverse("import_start")
EPAYMENT = [["unit", "adopted_on"]] + [[f"P0{i}", "2021-03-01"] for i in range(1, 6)]
SATISFACTION = ["unit", "field", "period", "responses", "satisfied"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def patch_member(path, member, change):
    """Rewrite one member of an XLSX zip with `change(bytes) -> bytes`."""
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            out.writestr(info.filename, change(data) if info.filename == member else data)
    return path


def command_errors(kind, path, capsys):
    """Run import_data; it must refuse the file: the listed errors (stderr)."""
    with pytest.raises(CommandError) as info:
        call_command("import_data", kind, str(path))
    assert "không ghi dòng nào" in str(info.value)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def browser_job(client, path, kind):
    response = client.post(
        START, {"kind": kind, "file": SimpleUploadedFile(path.name, path.read_bytes())}
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    preview = client.get(reverse("import_preview", args=[job.pk]))
    assert preview.status_code == 200
    return job, preview.content.decode()


# --- the <dimension> of a sheet is not trusted --------------------------------------------------


def lying_dimension(tmp_path):
    path = write_xlsx(tmp_path / "epay.xlsx", EPAYMENT)
    return patch_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<dimension ref="A1:B6"', b'<dimension ref="A1:B2"'),
    )


def test_understated_dimension_imports_every_row(plan, tmp_path, capsys):
    path = lying_dimension(tmp_path)
    assert b'ref="A1:B2"' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    call_command("import_data", "epayment", str(path))
    assert EPaymentAdoption.objects.count() == 5
    assert count_rows(path) == 5


def test_understated_dimension_counts_every_row_in_the_browser(client, noivu_user, tmp_path):
    client.force_login(noivu_user)
    job, body = browser_job(client, lying_dimension(tmp_path), "epayment")
    assert (job.status, job.created) == ("done", 5)
    assert "P05" in body


# --- bad cells: NUL, over-long, huge numbers -----------------------------------------------------


def test_nul_in_a_cell_is_a_row_error(plan, tmp_path, capsys):
    path = write_csv(tmp_path / "nul.csv", [EPAYMENT[0], EPAYMENT[1], ["P0\x002", "2021-03-01"]])
    err = command_errors("epayment", path, capsys)
    assert "Dòng 3: " in err and "ký tự NUL" in err
    assert not EPaymentAdoption.objects.exists()


def test_long_xlsx_cell_is_a_row_error_quoting_an_excerpt(plan, tmp_path, capsys):
    path = write_xlsx(tmp_path / "long.xlsx", [EPAYMENT[0], EPAYMENT[1], ["LONG", "2021-03-01"]])
    patch_member(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"LONG", b"X" * 140_000))
    err = command_errors("epayment", path, capsys)
    assert "Dòng 3: " in err and "dài quá 131.072 ký tự" in err
    assert "X" * 50 in err and "X" * 51 not in err
    assert not EPaymentAdoption.objects.exists()


def test_long_csv_cell_is_a_file_error_naming_its_line(plan, tmp_path, capsys):
    path = write_csv(tmp_path / "long.csv", [EPAYMENT[0], EPAYMENT[1], ["P02", "9" * 140_000]])
    err = command_errors("epayment", path, capsys)
    assert "Dòng 3: " in err and "dài quá 131.072 ký tự" in err
    assert len(err) < 500
    assert not EPaymentAdoption.objects.exists()


@pytest.mark.parametrize("value", ["2147483648", "99999999999999999999", "1000000001", "9" * 5000])
def test_huge_count_is_a_row_error(plan, tmp_path, capsys, value):
    rows = [SATISFACTION, ["P01", "land", "2021-Q1", value, "1"]]
    err = command_errors("satisfaction", write_csv(tmp_path / "n.csv", rows), capsys)
    assert 'Dòng 2: Cột "responses": số' in err and "quá lớn" in err
    assert len(err) < 500
    assert not SatisfactionSurvey.objects.exists()


def test_long_unknown_code_is_quoted_as_an_excerpt(plan, tmp_path, capsys):
    path = write_csv(tmp_path / "u.csv", [EPAYMENT[0], ["Y" * 5000, "2021-03-01"]])
    err = command_errors("epayment", path, capsys)
    assert "Y" * 50 + "…" in err and "Y" * 51 not in err


# --- broken and hostile XML inside an XLSX -------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _with_doctype(doctype, entity):
    def change(xml):
        body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
        return doctype + body.replace(b"<v>", b"<v>" + entity, 1)

    return change


@pytest.mark.parametrize(
    "change",
    [
        lambda xml: xml[: len(xml) // 2],  # cut short
        lambda xml: xml.replace(b"</row>", b"</rw>", 1),  # malformed
        lambda xml: xml.replace(b"<v>", b"<v>&#0;", 1),  # a NUL character reference
        _with_doctype(BILLION_LAUGHS, b"&lol3;"),
        _with_doctype(XXE, b"&xxe;"),
    ],
    ids=["truncated", "malformed", "nul-reference", "billion-laughs", "xxe"],
)
def test_bad_xml_is_a_file_error(plan, tmp_path, capsys, change):
    rows = [["unit", "field", "period", "responses", "satisfied"]] + [
        ["P01", "land", "2021-Q1", 10, 5]
    ]
    path = write_xlsx(tmp_path / "x.xlsx", rows)
    patch_member(path, "xl/worksheets/sheet1.xml", change)
    err = command_errors("satisfaction", path, capsys)
    assert "tệp excel" in err.lower()
    assert "root:" not in err
    assert not SatisfactionSurvey.objects.exists()


def test_openpyxl_parses_through_defusedxml():
    from openpyxl import DEFUSEDXML

    assert DEFUSEDXML  # pyproject.toml: defusedxml; entities are refused, not expanded


def test_bad_xml_fails_the_browser_job(client, noivu_user, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", EPAYMENT)
    patch_member(path, "xl/worksheets/sheet1.xml", _with_doctype(BILLION_LAUGHS, b"&lol3;"))
    client.force_login(noivu_user)
    job, body = browser_job(client, path, "epayment")
    assert job.status == "failed"
    assert "tệp excel" in job.errors[0]["message"].lower()
    assert 'id="import-rejected"' in body


# --- decompression bombs and row caps ------------------------------------------------------------


def bomb(tmp_path, rows):
    """A valid workbook whose sheet holds `rows` identical rows: it compresses ~1000:1."""
    path = write_xlsx(tmp_path / "bomb.xlsx", EPAYMENT[:2])
    row = b'<row r="2"><c r="A2" t="inlineStr"><is><t>P01</t></is></c></row>'

    def change(xml):
        head, tail = xml.split(b"</sheetData>")
        return head + row * rows + b"</sheetData>" + tail

    return patch_member(path, "xl/worksheets/sheet1.xml", change)


def test_highly_compressed_sheet_is_refused_before_reading(plan, tmp_path, capsys):
    path = bomb(tmp_path, 200_000)  # ~13 MB of XML in a ~30 KB file
    assert path.stat().st_size < 200_000
    err = command_errors("epayment", path, capsys)
    assert "nén bất thường" in err


def test_uncompressed_size_is_capped_by_a_setting(plan, tmp_path, capsys, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 100_000
    settings.IMPORT_MAX_COMPRESSION_RATIO = 10**6
    err = command_errors("epayment", bomb(tmp_path, 5_000), capsys)
    assert "giải nén quá lớn" in err


def test_bomb_fails_the_browser_job(client, noivu_user, tmp_path):
    client.force_login(noivu_user)
    job, body = browser_job(client, bomb(tmp_path, 200_000), "epayment")
    assert job.status == "failed" and "nén bất thường" in job.errors[0]["message"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_rows_are_capped_by_a_setting(plan, tmp_path, capsys, settings, fmt):
    settings.IMPORT_MAX_ROWS = 3
    writer = write_csv if fmt == "csv" else write_xlsx
    err = command_errors("epayment", writer(tmp_path / f"r.{fmt}", EPAYMENT), capsys)
    assert "quá 3 dòng" in err
    assert not EPaymentAdoption.objects.exists()


def test_browser_has_its_own_row_cap(client, noivu_user, tmp_path, settings):
    settings.IMPORT_BROWSER_MAX_ROWS = 2
    client.force_login(noivu_user)
    job, _ = browser_job(client, write_csv(tmp_path / "r.csv", EPAYMENT), "epayment")
    assert job.status == "failed" and "quá 2 dòng" in job.errors[0]["message"]


# --- an unexpected failure still ends the job ----------------------------------------------------


def test_unexpected_error_fails_the_job_with_a_generic_message(
    client, noivu_user, tmp_path, monkeypatch, caplog
):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writers.WRITERS["epayment"], "run", boom)
    client.force_login(noivu_user)
    job, body = browser_job(client, write_csv(tmp_path / "e.csv", EPAYMENT), "epayment")
    assert job.status == "failed" and job.finished_at
    assert "Lỗi không mong đợi" in job.errors[0]["message"]
    assert "disk on fire" not in body
    assert "disk on fire" in caplog.text  # the trace is logged


# --- normalisation: NFC, case-insensitive codes --------------------------------------------------


def test_nfc_and_nfd_spellings_are_one_key(plan, tmp_path, capsys):
    nfc = "SK-Hòa"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    rows = [["code", "unit", "title", "date"], [nfc, "P01", "A", "2021-04-01"]]
    rows.append([nfd, "P01", "B", "2021-04-01"])
    err = command_errors("initiatives", write_csv(tmp_path / "i.csv", rows), capsys)
    assert "Dòng 3: " in err and "Trùng khóa" in err


def test_text_is_stored_in_nfc(plan, tmp_path):
    title = unicodedata.normalize("NFD", "Số hóa hồ sơ")
    rows = [["code", "unit", "title", "date"], ["SK-1", "P01", title, "2021-04-01"]]
    call_command("import_data", "initiatives", str(write_xlsx(tmp_path / "i.xlsx", rows)))
    assert Initiative.objects.get().title == unicodedata.normalize("NFC", title)


def test_unit_and_field_codes_are_case_insensitive(plan, tmp_path):
    rows = [SATISFACTION, ["p01", "LAND", "2021-Q1", "10", "9"]]
    call_command("import_data", "satisfaction", str(write_csv(tmp_path / "s.csv", rows)))
    survey = SatisfactionSurvey.objects.get()
    assert (survey.unit.code, survey.field.code) == ("P01", "land")


def test_same_unit_in_two_cases_is_a_duplicate_key(plan, tmp_path, capsys):
    rows = [EPAYMENT[0], ["P01", "2021-03-01"], ["p01", "2021-03-02"]]
    err = command_errors("epayment", write_csv(tmp_path / "e.csv", rows), capsys)
    assert "Dòng 3: " in err and "Trùng khóa" in err


def test_units_import_does_not_create_a_lower_case_twin(plan, tmp_path):
    before = Unit.objects.count()
    rows = [["code", "name", "kind", "sector", "parent"], ["p01", "Phường 1 mới", "ward", "", ""]]
    rows.append(["th-x", "Trường X", "public_service", "education", "p01"])
    call_command("import_data", "units", str(write_csv(tmp_path / "u.csv", rows)))
    assert Unit.objects.count() == before + 1
    assert Unit.objects.get(code="P01").name == "Phường 1 mới"
    assert Unit.objects.get(code="TH-X").parent.code == "P01"


def test_choice_codes_are_case_insensitive(plan, tmp_path):
    rows = [["code", "kind", "unit", "date", "lead", "conclusion"]]
    rows.append(["KT-1", "CCHC_Periodic", "p01", "2021-05-04", "", ""])
    call_command("import_data", "inspections", str(write_csv(tmp_path / "k.csv", rows)))
    assert Inspection.objects.get(code="KT-1").kind == "cchc_periodic"


# --- unit parent cycles --------------------------------------------------------------------------


def test_parent_cycle_through_an_existing_unit_is_rejected(plan, tmp_path, capsys):
    rows = [["code", "name", "kind", "sector", "parent"]]
    rows.append(["TH-A", "Trường A", "public_service", "education", "P01"])
    rows.append(["P01", "Phường 1", "ward", "", "TH-A"])
    err = command_errors("units", write_csv(tmp_path / "u.csv", rows), capsys)
    assert "Dòng 2: Vòng lặp đơn vị cấp trên" in err and "Dòng 3: Vòng lặp" in err
    assert "(các dòng 2, 3)" in err
    assert not Unit.objects.filter(code="TH-A").exists()
    assert Unit.objects.get(code="P01").parent.code == "Q3"


def test_parent_cycle_of_existing_units_changed_by_one_row(plan, tmp_path, capsys):
    Unit.objects.create(
        code="TH-B", name="B", kind="public_service", parent=Unit.objects.get(code="P02")
    )
    rows = [["code", "name", "kind", "sector", "parent"], ["P02", "Phường 2", "ward", "", "th-b"]]
    err = command_errors("units", write_csv(tmp_path / "u.csv", rows), capsys)
    assert "Dòng 2: Vòng lặp đơn vị cấp trên: P02 → TH-B → P02" in err


# --- inspections are not dated in the future (the form's rule) ----------------------------------


@time_machine.travel(dt.datetime(2021, 7, 2, 9), tick=False)
def test_future_inspection_date_is_rejected(plan, tmp_path, capsys):
    rows = [["code", "kind", "unit", "date", "lead", "conclusion"]]
    rows.append(["KT-1", "cchc_periodic", "P01", "2021-07-01", "", ""])
    rows.append(["KT-2", "cchc_periodic", "P01", "2021-07-03", "", ""])
    err = command_errors("inspections", write_csv(tmp_path / "k.csv", rows), capsys)
    assert "Dòng 3: Ngày kiểm tra không được ở tương lai." in err
    assert "Dòng 2" not in err
    assert not Inspection.objects.exists()


# --- every class of bad file, through the browser ------------------------------------------------


def _nul(tmp_path):
    return write_csv(tmp_path / "nul.csv", [EPAYMENT[0], ["P0\x002", "2021-03-01"]]), "ký tự NUL"


def _long(tmp_path):
    return write_csv(tmp_path / "long.csv", [EPAYMENT[0], ["P02", "9" * 140_000]]), "dài quá"


def _huge(tmp_path):
    rows = [SATISFACTION, ["P01", "land", "2021-Q1", "2147483648", "1"]]
    return write_csv(tmp_path / "n.csv", rows), "quá lớn"


def _cycle(tmp_path):
    rows = [["code", "name", "kind", "sector", "parent"]]
    rows.append(["TH-A", "Trường A", "public_service", "education", "P01"])
    rows.append(["p01", "Phường 1", "ward", "", "TH-A"])
    return write_csv(tmp_path / "u.csv", rows), "Vòng lặp đơn vị cấp trên"


@pytest.mark.parametrize(
    ("build", "kind"),
    [(_nul, "epayment"), (_long, "epayment"), (_huge, "satisfaction"), (_cycle, "units")],
    ids=["nul", "long-cell", "huge-count", "parent-cycle"],
)
def test_bad_file_fails_the_browser_job_with_its_message(client, noivu_user, tmp_path, build, kind):
    path, message = build(tmp_path)
    client.force_login(noivu_user)
    job, body = browser_job(client, path, kind)
    assert job.status == "failed"
    assert any(message in e["message"] and e["line"] >= 2 for e in job.errors), job.errors
    assert 'id="import-rejected"' in body
    assert not EPaymentAdoption.objects.exists() and not SatisfactionSurvey.objects.exists()
    assert not Unit.objects.filter(code="TH-A").exists()
