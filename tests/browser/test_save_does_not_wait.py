"""Issue 13: in the embedded default (SQLite, no broker) saving a quarterly report returns before
the recompute it queued has run; the page says the figures are being updated, then that they
are, and the new figure is stored."""

import threading

from indicators.compliance import jobs
from indicators.models import ComplianceResult
from tests.browser.conftest import login


def test_saving_a_report_returns_before_its_recompute_then_the_figure_follows(
    page, plan, head_p01, settings, monkeypatch
):
    settings.BACKGROUND_SYNC = False  # as `make run`: the recompute runs in a thread
    started, release = threading.Event(), threading.Event()

    def held(recompute):
        def held_recompute(**kwargs):
            started.set()
            release.wait(30)
            return recompute(**kwargs)

        return held_recompute

    # whole or incremental, the job waits for the release
    monkeypatch.setattr(jobs, "compliance_recompute", held(jobs.compliance_recompute))
    monkeypatch.setattr(jobs, "compliance_recompute_units", held(jobs.compliance_recompute_units))
    login(page, "head-p01")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    page.goto("/don-vi/P01/bao-cao/2021-Q3/")
    row = page.locator('tr[data-field="civil-status"]')
    row.locator('input[name$="-responses"]').fill("200")
    row.locator('input[name$="-satisfied"]').fill("190")
    page.click("#save-draft")

    page.wait_for_selector("text=Đã lưu báo cáo")
    assert started.wait(10) and not release.is_set()  # the page came back; the recompute waits
    page.wait_for_selector("#results-updating")
    stored = ComplianceResult.objects.filter(
        target__code="SAT-FIELD", unit__code="P01", field__code="civil-status", period="2021-Q3"
    )
    assert not stored.filter(numerator=190, denominator=200).exists()

    release.set()
    page.wait_for_selector("#results-updated", timeout=30_000)
    assert stored.filter(numerator=190, denominator=200).exists()

    page.goto("/don-vi-cua-toi/?as_of=2021-10-25")  # the unit's home reads the new figure
    row = page.locator("#my-results tr", has_text="SAT-FIELD").filter(has_text="Quý 3/2021")
    assert "95" in row.filter(has_text="Hộ tịch").first.inner_text()
