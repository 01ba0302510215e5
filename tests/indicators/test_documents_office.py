"""The Word documents open in LibreOffice: each is converted to PDF and its sections are read
back from the PDF's text (Nghị định 30/2020/NĐ-CP layout). Run by .ci/run, not by `make test`."""

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from indicators.compliance.store import compliance_recompute
from plans.models import Clause

pytestmark = pytest.mark.office

LIBREOFFICE = shutil.which("libreoffice") or "/usr/bin/libreoffice"
AS_OF = dt.date(2021, 9, 30)


def pdf_text(docx: bytes, tmp_path: Path) -> str:
    """The PDF LibreOffice makes of the document, as one line of NFC text."""
    source = tmp_path / "document.docx"
    source.write_bytes(docx)
    profile = tmp_path / "profile"  # its own profile: other LibreOffice runs do not block it
    subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = PdfReader(tmp_path / "document.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture
def noivu(client, noivu_user):
    client.force_login(noivu_user)
    return client


def test_the_chairmans_report_converts_with_every_section(noivu, plan, tmp_path):
    compliance_recompute(plan=plan, as_of=AS_OF)
    response = noivu.get("/bao-cao-chu-tich/CCHC-2021/?as_of=2021-09-30&format=docx")
    text = pdf_text(response.content, tmp_path)
    for section in (
        "ỦY BAN NHÂN DÂN QUẬN 3",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: ……/BC-UBND",
        "Quận 3, ngày 30 tháng 9 năm 2021",
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch cải cách hành chính năm 2021",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Võ Văn Đức",
    ):
        assert section in text, section
    for clause in Clause.objects.filter(plan=plan):
        assert f"{clause.label}. " in text, clause.label
    assert text.index("Nơi nhận:") > text.index("V.")  # the recipients close the document


def test_a_units_quarterly_report_converts_with_every_section(client, plan, tmp_path):
    from tests.indicators.test_reports_document import LAND, submitted

    client.force_login(submitted(plan, "NV", feedback_received=2, feedback_handled=2))
    response = client.get(reverse("report_docx", args=["NV", "2021-Q3"]))
    text = pdf_text(response.content, tmp_path)
    for section in (
        "ỦY BAN NHÂN DÂN QUẬN 3",
        "PHÒNG NỘI VỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: ……/BC-NV",
        "Quận 3, ngày 05 tháng 10 năm 2021",
        "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính quý 3/2021",
        "1. Tình hình, kết quả giải quyết thủ tục hành chính",
        "Số hồ sơ tiếp nhận",
        "Đất đai 6 3 2 1 5 1 3 1 1 0 1",
        f"Đất đai {LAND['responses']} {LAND['satisfied']} 90%",
        "3. Tiếp nhận, xử lý phản ánh, kiến nghị",
        "Tiếp nhận 2 phản ánh, kiến nghị; đã xử lý 2.",
        "Nơi nhận:",
        "- Ủy ban nhân dân Quận 3;",
        "- Lưu: VT.",
        "TRƯỞNG PHÒNG",
        "Văn An Trần",
    ):
        assert section in text, section
