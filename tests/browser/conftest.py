"""Playwright driving Debian's Chromium (no browser download) against the live server."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-results"

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.test_failed = report.failed


@contextmanager
def browser_page(browser, request, live_server, *, locale: str = "vi-VN"):
    """A page in a browser context of its own (no cookies shared); a screenshot if the test
    failed."""
    context = browser.new_context(base_url=live_server.url, locale=locale)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        yield page
        if getattr(request.node, "test_failed", False):
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


@pytest.fixture
def page(browser, request, live_server):
    with browser_page(browser, request, live_server) as page:
        yield page


def login(page, username: str, password: str = "demo-2021") -> None:
    page.goto("/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
