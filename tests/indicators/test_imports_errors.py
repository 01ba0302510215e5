import pytest

from indicators.evidence.errors import ImportRejected
from indicators.evidence.imports import import_file
from indicators.models import Dossier, Feedback, SatisfactionSurvey
from tests.indicators.importfiles import GOOD, write_csv, write_xlsx
from units.models import Unit

DOSSIER_HEADER = GOOD["dossiers"][0]


def rejected(tmp_path, kind, rows, fmt="csv"):
    writer = write_csv if fmt == "csv" else write_xlsx
    path = writer(tmp_path / f"f.{fmt}", rows)
    with pytest.raises(ImportRejected) as info:
        import_file(kind=kind, source=str(path))
    return [str(e) for e in info.value.errors]


def dossier(**changes):
    row = dict(zip(DOSSIER_HEADER, GOOD["dossiers"][1], strict=True))
    row.update(changes)
    return [row[c] for c in DOSSIER_HEADER]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"unit": "P99"}, 'Không có đơn vị mã "P99"'),
        ({"field": "space"}, 'Không có lĩnh vực TTHC mã "space"'),
        ({"received_on": "31/02/2021"}, 'Ngày không hợp lệ ở cột "received_on": "31/02/2021"'),
        ({"due_on": "2021-01-20"}, 'Ngày hẹn trả "due_on" trước ngày nhận "received_on"'),
        ({"resolved_on": "2021-01-20"}, 'Ngày giải quyết "resolved_on" trước ngày nhận'),
        ({"online": "2"}, 'Cột "online" phải là 0 hoặc 1'),
        ({"e_paid": "yes"}, 'Cột "e_paid" phải là 0 hoặc 1'),
        ({"code": ""}, 'Thiếu giá trị cột "code"'),
    ],
)
def test_bad_dossier_row_is_named_with_its_line(plan, tmp_path, changes, reason):
    rows = [DOSSIER_HEADER, GOOD["dossiers"][2], dossier(**{"code": "HS-X", **changes})]
    errors = rejected(tmp_path, "dossiers", rows)
    assert any(e.startswith("Dòng 3: ") and reason in e for e in errors), errors


def test_every_bad_row_is_listed(plan, tmp_path):
    rows = [
        DOSSIER_HEADER,
        dossier(code="A", unit="P99"),
        dossier(code="B"),
        dossier(code="C", received_on="30/02/2021"),
        dossier(code="D", online="x"),
    ]
    errors = rejected(tmp_path, "dossiers", rows)
    assert [e.split(":")[0] for e in errors] == ["Dòng 2", "Dòng 4", "Dòng 5"]


def test_duplicate_key_inside_file(plan, tmp_path):
    rows = [DOSSIER_HEADER, dossier(code="HS-1"), dossier(code="HS-2"), dossier(code="HS-1")]
    errors = rejected(tmp_path, "dossiers", rows)
    assert len(errors) == 1
    assert errors[0].startswith('Dòng 4: Trùng mã hồ sơ "HS-1"')


def test_bad_file_writes_no_row_at_all(plan, tmp_path):
    import_file(kind="dossiers", source=str(write_csv(tmp_path / "ok.csv", GOOD["dossiers"])))
    before = list(Dossier.objects.order_by("code").values_list("code", "resolved_on"))
    rows = [DOSSIER_HEADER, dossier(code="HS-1", resolved_on=""), dossier(code="NEW", unit="P99")]
    rejected(tmp_path, "dossiers", rows)
    assert list(Dossier.objects.order_by("code").values_list("code", "resolved_on")) == before


def test_bad_xlsx_row_is_named_with_its_line(plan, tmp_path):
    rows = [DOSSIER_HEADER, dossier(code="A"), dossier(code="B", due_on="2021-01-01")]
    errors = rejected(tmp_path, "dossiers", rows, fmt="xlsx")
    assert errors[0].startswith("Dòng 3: Ngày hẹn trả")


def test_missing_column_is_a_whole_file_error(plan, tmp_path):
    rows = [[c for c in DOSSIER_HEADER if c != "due_on"], ["HS-1", "P01", "land", "2021-02-01"]]
    errors = rejected(tmp_path, "dossiers", rows)
    assert errors == ['Dòng 1: Thiếu cột "due_on".']


@pytest.mark.parametrize("rows", [[], [DOSSIER_HEADER]])
def test_empty_file_is_rejected(plan, tmp_path, rows):
    errors = rejected(tmp_path, "dossiers", rows)
    assert "Tệp rỗng" in errors[0]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["P01", "land", "2021-Q1", "10", "11"], 'Số phiếu hài lòng "satisfied" lớn hơn'),
        (["P01", "land", "2021-Q1", "-3", "0"], 'Cột "responses" phải là số nguyên không âm'),
        (["P01", "land", "2021-Q1", "10", "2.5"], 'Cột "satisfied" phải là số nguyên không âm'),
        (["P01", "land", "2021-Q5", "10", "5"], 'Kỳ không hợp lệ: "2021-Q5"'),
        (["P01", "land", "Q1/2021", "10", "5"], 'Kỳ không hợp lệ: "Q1/2021"'),
        (["P01", "nope", "2021-Q1", "10", "5"], 'Không có lĩnh vực TTHC mã "nope"'),
    ],
)
def test_bad_satisfaction_row(plan, tmp_path, row, reason):
    errors = rejected(tmp_path, "satisfaction", [GOOD["satisfaction"][0], row])
    assert errors[0].startswith("Dòng 2: ") and reason in errors[0], errors
    assert SatisfactionSurvey.objects.count() == 0


def test_duplicate_satisfaction_key(plan, tmp_path):
    rows = GOOD["satisfaction"] + [["P01", "land", "2021-Q1", "5", "5"]]
    errors = rejected(tmp_path, "satisfaction", rows)
    assert errors[0].startswith("Dòng 4: Trùng khóa")


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({1: "email"}, 'Giá trị "email" không hợp lệ ở cột "channel"'),
        ({6: "2021-01-01"}, 'Ngày ở cột "published_on" trước ngày ở cột "received_on"'),
        ({5: "2021-01-01"}, 'Ngày ở cột "resolved_on" trước ngày ở cột "received_on"'),
        ({4: "2021-01-01"}, 'Ngày ở cột "due_on" trước ngày ở cột "received_on"'),
    ],
)
def test_bad_feedback_row(plan, tmp_path, changes, reason):
    row = list(GOOD["feedback"][1])
    for index, value in changes.items():
        row[index] = value
    errors = rejected(tmp_path, "feedback", [GOOD["feedback"][0], row])
    assert errors[0].startswith("Dòng 2: ") and reason in errors[0], errors
    assert Feedback.objects.count() == 0


def test_unknown_inspection_kind(plan, tmp_path):
    rows = [GOOD["inspections"][0], ["KT-9", "audit", "P01", "2021-05-04", "", ""]]
    errors = rejected(tmp_path, "inspections", rows)
    assert 'Giá trị "audit" không hợp lệ ở cột "kind"' in errors[0]


def test_bad_publication_url(plan, tmp_path):
    rows = [GOOD["publications"][0], ["P01", "2021-Q1", "not a url", "2021-04-05"]]
    errors = rejected(tmp_path, "publications", rows)
    assert 'Đường dẫn "url" không hợp lệ' in errors[0]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["X1", "X", "province", "", ""], 'Giá trị "province" không hợp lệ ở cột "kind"'),
        (["X1", "X", "ward", "", "NOPE"], 'Không có đơn vị cấp trên mã "NOPE"'),
        (["X1", "X", "ward", "", "X2"], 'Không có đơn vị cấp trên mã "X2"'),
        (["Q3", "Quận", "agency", "", ""], 'Không thể đổi đơn vị cấp quận/thành phố "Q3"'),
    ],
)
def test_bad_unit_row(plan, tmp_path, row, reason):
    rows = [GOOD["units"][0], row, ["X2", "Y", "ward", "", ""]]
    before = Unit.objects.count()
    errors = rejected(tmp_path, "units", rows)
    assert errors[0].startswith("Dòng 2: ") and reason in errors[0], errors
    assert Unit.objects.count() == before


def test_units_blank_parent_with_two_districts_is_an_error(plan, tmp_path):
    Unit.objects.create(code="Q1", name="Quận 1", kind="district")
    errors = rejected(tmp_path, "units", [GOOD["units"][0], ["X1", "X", "ward", "", ""]])
    assert "2 đơn vị cấp quận" in errors[0]


UNITS_DATED = ["code", "name", "kind", "sector", "parent", "active_from", "active_to", "successors"]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (
            ["X1", "X", "ward", "", "", "2025-01-01", "31/12/2024", ""],
            'Ngày "hoạt động đến ngày" (active_to) trước ngày "hoạt động từ ngày" (active_from)',
        ),
        (
            ["X1", "X", "ward", "", "", "2025-13-01", "", ""],
            'Ngày không hợp lệ ở cột "active_from"',
        ),
        (["X1", "X", "ward", "", "", "", "", "X2;NOPE"], 'Không có đơn vị kế thừa mã "NOPE"'),
        (["X1", "X", "ward", "", "", "", "", "X1"], "kế thừa của chính nó"),
    ],
)
def test_bad_dated_unit_row(plan, tmp_path, row, reason):
    rows = [UNITS_DATED, row, ["X2", "Y", "ward", "", "", "", "", ""]]
    before = Unit.objects.count()
    errors = rejected(tmp_path, "units", rows)
    assert len(errors) == 1 and errors[0].startswith("Dòng 2: ") and reason in errors[0], errors
    assert Unit.objects.count() == before


def test_dated_units_file_with_bad_rows_writes_nothing_and_names_each_row(plan, tmp_path):
    rows = [
        UNITS_DATED,
        ["X1", "X", "ward", "", "", "", "", "X9"],
        ["X2", "Y", "ward", "", "", "2025-06-01", "2025-01-01", ""],
        ["X3", "Z", "ward", "", "", "", "2024-12-31", "X1"],
    ]
    errors = rejected(tmp_path, "units", rows)
    assert [e.split(":")[0] for e in errors] == ["Dòng 2", "Dòng 3"], errors
    assert 'Không có đơn vị kế thừa mã "X9"' in errors[0]
    assert not Unit.objects.filter(code__in=["X1", "X2", "X3"]).exists()


def test_active_to_before_an_existing_active_from_is_an_error(plan, tmp_path):
    Unit.objects.filter(code="P01").update(active_from="2025-01-01")
    header = ["code", "name", "kind", "sector", "parent", "active_to"]
    errors = rejected(
        tmp_path, "units", [header, ["P01", "Phường 1", "ward", "", "", "2024-12-31"]]
    )
    assert (
        'Ngày "hoạt động đến ngày" (active_to) trước ngày "hoạt động từ ngày" (active_from)'
        in errors[0]
    )


def test_non_utf8_csv_is_rejected(plan, tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes("code,unit\nHồ sơ,P01\n".encode("cp1258", errors="replace") + b"\xff\xfe")
    with pytest.raises(ImportRejected):
        import_file(kind="dossiers", source=str(path))
