"""Under the Content-Security-Policy (no inline script) the portal's behaviours still work and the
browser reports no violation: charts, the language picker, the inspection form's extra row."""

from tests.browser.conftest import login


def _violations(page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def test_pages_run_their_scripts_under_the_csp(page, noivu_user):
    violations = _violations(page)
    login(page, "noivu")
    page.wait_for_url("**/tong-quan/**")
    page.wait_for_load_state("networkidle")

    page.goto("/kiem-tra/moi/")
    assert page.locator("#findings textarea[name$='-text']").count() == 1
    page.click("#add-finding")
    assert page.locator("#findings textarea[name$='-text']").count() == 2
    assert page.input_value("#id_findings-TOTAL_FORMS") == "2"

    with page.expect_navigation():  # the picker submits its form when changed
        page.select_option("select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert violations == []
