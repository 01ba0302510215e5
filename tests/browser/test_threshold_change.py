"""A threshold edited in the admin reaches every page with figures after one recompute."""

import datetime as dt
import re

from indicators.compliance.store import compliance_recompute
from indicators.models import Target
from tests.browser.conftest import login

AS_OF = dt.date(2021, 9, 20)  # inside Q3 and the year: neither period has ended


def _computed_at(page) -> str:
    return page.locator("#computed-at").get_attribute("data-computed-at")


def test_a_threshold_edited_in_the_admin_shows_everywhere_after_one_recompute(
    page, admin_user_, plan, time_machine
):
    time_machine.move_to(dt.datetime(2021, 9, 20, 7, 0, tzinfo=dt.UTC), tick=True)
    compliance_recompute(plan=plan, as_of=AS_OF)
    target = Target.objects.get(plan=plan, code="SAT-OVERALL")
    login(page, "admin")
    page.goto("/tong-quan/CCHC-2021/")
    row = page.locator('#target-lines tr[data-target="SAT-OVERALL"]')
    assert "≥ 91" in row.inner_text()
    before = _computed_at(page)

    time_machine.move_to(dt.datetime(2021, 9, 20, 8, 30, tzinfo=dt.UTC), tick=True)
    page.goto(f"/admin/indicators/target/{target.pk}/change/")
    page.fill("#id_threshold", "95")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/indicators/target/")

    page.goto("/tong-quan/CCHC-2021/")
    page.wait_for_selector('#target-lines tr[data-target="SAT-OVERALL"]')
    assert "≥ 95" in page.locator('#target-lines tr[data-target="SAT-OVERALL"]').inner_text()
    after = _computed_at(page)
    assert after > before
    assert re.search(r"Số liệu tính lúc 15:3\d ngày 20/09/2021", page.content())

    page.goto("/ke-hoach/CCHC-2021/")
    assert "≥ 95%" in page.locator("body").inner_text()
    page.goto("/bao-cao-chu-tich/CCHC-2021/")
    chairman = page.locator('tr[data-target="SAT-OVERALL"]').first.inner_text()
    assert "≥ 95" in chairman and "≥ 91" not in chairman
    assert _computed_at(page) == after
