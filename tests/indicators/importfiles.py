"""Build import files (CSV and XLSX) for the import and export tests."""

import csv

from openpyxl import Workbook

# A field's Biểu 06 figures, for the tests of the filled form (received 45, resolved 25).
FORM06_LAND = {
    "received_online": 12,
    "received_direct": 30,
    "carried_over": 3,
    "resolved_early": 10,
    "resolved_on_time": 14,
    "resolved_late": 1,
    "pending_in_time": 19,
    "pending_overdue": 1,
}

# One good file per KIND: header first, then data rows (units P01/P02/NV and fields from the plan).
GOOD = {
    "dossiers": [
        ["code", "unit", "field", "received_on", "due_on", "resolved_on", "online", "e_paid"],
        ["HS-1", "P01", "land", "2021-02-01", "2021-02-10", "2021-02-09", "1", "0"],
        ["HS-2", "P01", "business", "03/02/2021", "12/02/2021", "", "0", "1"],
        ["HS-3", "P02", "land", "2021-03-01", "2021-03-10", "2021-03-15", "0", "0"],
    ],
    "form06": [
        ["unit", "field", "period", "received_online", "received_direct", "carried_over"]
        + ["resolved_early", "resolved_on_time", "resolved_late", "pending_in_time"]
        + ["pending_overdue"],
        ["P01", "land", "2021-Q1", "10", "15", "2", "10", "14", "0", "2", "1"],
        ["P02", "business", "2021-Q1", "5", "5", "0", "8", "1", "1", "0", "0"],
    ],
    "satisfaction": [
        ["unit", "field", "period", "responses", "satisfied"],
        ["P01", "land", "2021-Q1", "100", "95"],
        ["P02", "land", "2021-Q1", "50", "40"],
    ],
    "feedback": [
        ["code", "channel", "unit", "received_on", "due_on", "resolved_on", "published_on"],
        ["PA-1", "national", "P01", "2021-02-01", "2021-02-15", "2021-02-10", "2021-02-11"],
        ["PA-2", "1022", "P02", "2021-02-01", "2021-02-15", "", ""],
    ],
    "inspections": [
        ["code", "kind", "unit", "date", "lead", "conclusion"],
        ["KT-1", "cchc_periodic", "P01", "2021-05-04", "Nguyễn Văn A", "Thực hiện tốt"],
        ["KT-2", "conduct_surprise", "NV", "2021-06-01", "", ""],
    ],
    "initiatives": [
        ["code", "unit", "title", "date"],
        ["SK-1", "P01", "Số hóa hồ sơ", "2021-04-01"],
    ],
    "outreach": [
        ["code", "unit", "title", "date"],
        ["TT-1", "P02", "Tờ rơi dịch vụ công", "2021-04-01"],
    ],
    "publications": [
        ["unit", "period", "url", "published_on"],
        ["P01", "2021-Q1", "https://p01.example.vn/hai-long-q1", "2021-04-05"],
    ],
    "epayment": [
        ["unit", "adopted_on"],
        ["P01", "2021-03-01"],
    ],
    "units": [
        ["code", "name", "kind", "sector", "parent"],
        ["TH-A", "Trường Tiểu học A", "public_service", "education", "GDDT"],
        ["P15", "Phường 15", "ward", "", ""],
        ["TH-B", "Trường Tiểu học B", "public_service", "education", "TH-A"],
    ],
}


def write_csv(path, rows, bom=False):
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def write_xlsx(path, rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path
