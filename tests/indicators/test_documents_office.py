"""The Word documents open in LibreOffice: each is converted to PDF and its sections are read
back from the PDF's text (Nghị định 30/2020/NĐ-CP layout). Run by .ci/run, not by `make test`."""

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
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
