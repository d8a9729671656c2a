"""The console in a real browser: headless Chromium from the distribution, driven by
Selenium. A person signs in, watches a job submitted through the API appear and walk to
``completed`` without reloading, opens the diff of the exports two jobs left behind,
is refused another customer's job, and a forged form changes nothing. Screenshots of
each page are saved (the folder is printed; ``TIKJOBS_ARTIFACTS`` chooses it)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.emulator.console.conftest import CHROMEDRIVER, CHROMIUM, WAIT, Stranger
from tikjobs.system import SystemThread

pytestmark = pytest.mark.usefixtures("browser_needed")


@pytest.fixture(scope="module")
def browser(browser_needed: None) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--disable-gpu", "--window-size=1280,900"):  # fmt: skip
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(browser: Any, condition: Any, what: str, wait: float = WAIT) -> Any:
    """What ``condition`` answers once truthy; when it never is, the failure says where
    the browser was and what the page's heading said."""
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # An element read while the page is being replaced goes stale: look again.
    waiting = WebDriverWait(
        browser, wait, poll_frequency=0.05, ignored_exceptions=(StaleElementReferenceException,)
    )
    try:
        return waiting.until(condition, what)
    except TimeoutException:
        headings = [element.text for element in browser.find_elements(By.TAG_NAME, "h1")]
        raise AssertionError(
            f"never happened: {what} (the browser is at {browser.current_url},"
            f" titled {browser.title!r}, headings {headings})"
        ) from None


def sign_in(browser: Any, base_url: str, credential: str) -> None:
    from selenium.webdriver.common.by import By

    browser.delete_all_cookies()
    browser.get(f"{base_url}/console/routers")
    assert "/console/sign-in" in browser.current_url
    browser.find_element(By.ID, "credential").send_keys(credential)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    # The sign-in page's own address ends in ?next=/console/routers: only the path and
    # the heading tell the routers page from it.
    wait_for(
        browser,
        lambda b: (
            urlsplit(b.current_url).path == "/console/routers"
            and b.execute_script("return document.readyState") == "complete"
            and [h.text for h in b.find_elements(By.TAG_NAME, "h1")] == ["Routers"]
        ),
        "the routers page, signed in",
    )


def shoot(browser: Any, artifacts: Path, name: str) -> Path:
    path = artifacts / f"{name}.png"
    browser.save_screenshot(str(path))
    return path


def policy_violations(browser: Any) -> list[str]:
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"]
    ]


def test_signing_in_keeps_the_key_in_a_guarded_cookie(
    browser: Any, system: SystemThread, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    sign_in(browser, system.base_url, system.api_key)
    rows = browser.find_elements(By.CSS_SELECTOR, "#routers tbody tr")
    assert len(rows) == len(system.routers)
    assert "online" in rows[0].text
    cookie = browser.get_cookie("tikjobs_console")
    assert cookie is not None
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    assert cookie["path"] == "/console"
    assert browser.execute_script("return document.cookie") == ""  # HttpOnly: out of reach
    shoot(browser, artifacts, "routers")
    assert policy_violations(browser) == []


def test_a_job_submitted_through_the_api_walks_to_completed_without_a_reload(
    browser: Any, system: SystemThread, api: httpx.Client, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    sign_in(browser, system.base_url, system.api_key)
    browser.get(f"{system.base_url}/console/jobs")
    wait_for(
        browser,
        lambda b: b.execute_script("return window.htmx !== undefined"),
        "htmx loaded",
    )
    browser.execute_script("window.sameDocument = 'still here';")
    router_id = system.routers[0].router_id
    submitted = api.post(
        f"/api/asynchronous/{router_id}",
        json={
            "description": "Watched from the console",
            "script": ':put "begin"\n:delay 1500ms\n:put "done"',
            "make_backup": False,
            "express_execute": False,
            "needs_acknowledgement": True,
            "notify_url": system.notify_sink_url,
        },
    )
    assert submitted.status_code == 200
    key = submitted.json()["data"]["idempotency_key"]
    job_id = next(
        job["id"]
        for job in api.get(f"/api/routers/{router_id}/jobs").json()["data"]
        if job["idempotency_key"] == key
    )
    row = f"job-{job_id}"
    wait_for(browser, lambda b: b.find_elements(By.ID, row), "the new job appeared")
    seen: list[str] = []
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        status = browser.execute_script(
            "const row = document.getElementById(arguments[0]);"
            "return row ? row.dataset.status : null;",
            row,
        )
        if status and (not seen or seen[-1] != status):
            seen.append(status)
            if status == "running":
                shoot(browser, artifacts, "jobs-running")
        if status == "completed":
            break
        time.sleep(0.05)
    # The router checks in every second: on a busy machine the row may first show the
    # job already taken, but it only ever moves forward, in place, to completed.
    walk = ["pending", "loaded", "running", "completed"]
    assert set(seen) <= set(walk), seen
    assert seen == sorted(seen, key=walk.index), seen
    assert len(seen) >= 2, seen
    assert seen[-1] == "completed"
    assert browser.execute_script("return window.sameDocument") == "still here"
    shoot(browser, artifacts, "jobs")

    browser.execute_script("document.getElementById(arguments[0]).querySelector('a').click()", row)
    wait_for(browser, lambda b: b.find_elements(By.ID, "timeline"), "the job's page")
    steps = [
        item.text.split("\n")[0]
        for item in browser.find_elements(By.CSS_SELECTOR, "#timeline li.reached")
    ]
    assert steps == ["pending", "loaded", "running", "completed"]
    assert browser.find_element(By.ID, "output").text.splitlines() == ["begin", "done"]
    delivered = browser.find_elements(By.CSS_SELECTOR, "#deliveries tr.delivered")
    assert len(delivered) == 3
    shoot(browser, artifacts, "job")
    assert policy_violations(browser) == []


def test_the_diff_of_two_exports_shows_what_a_job_changed(
    browser: Any, system: SystemThread, api: httpx.Client, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    router_id = system.routers[1].router_id
    for address in ("10.77.0.1/24", "10.78.0.1/24"):
        submitted = api.post(
            f"/api/asynchronous/{router_id}",
            json={
                "description": f"Add {address}",
                "script": f"/ip address add address={address} interface=ether3",
                "make_backup": True,
                "express_execute": True,
                "needs_acknowledgement": True,
            },
        )
        assert submitted.status_code == 200
        key = submitted.json()["data"]["idempotency_key"]
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            jobs = api.get(f"/api/routers/{router_id}/jobs").json()["data"]
            if any(j["idempotency_key"] == key and j["status"] == "completed" for j in jobs):
                break
            time.sleep(0.1)

    sign_in(browser, system.base_url, system.api_key)
    browser.get(f"{system.base_url}/console/routers/{router_id}")
    browser.find_element(By.CSS_SELECTOR, "#diff-form button").click()
    wait_for(browser, lambda b: b.find_elements(By.ID, "diff"), "the diff page")
    added = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#diff td.add")]
    removed = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#diff td.del")]
    assert any("10.77.0.1/24" in line for line in added), added
    assert not any("by RouterOS" in line for line in added + removed)
    colour = browser.find_element(By.CSS_SELECTOR, "#diff td.add").value_of_css_property(
        "background-color"
    )
    assert colour != "rgba(0, 0, 0, 0)"
    shoot(browser, artifacts, "diff")
    assert policy_violations(browser) == []


def test_another_customers_job_is_refused(
    browser: Any, system: SystemThread, stranger: Stranger, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    sign_in(browser, system.base_url, system.api_key)
    browser.get(f"{system.base_url}/console/jobs/{stranger.job_id}")
    wait_for(
        browser,
        lambda b: urlsplit(b.current_url).path == f"/console/jobs/{stranger.job_id}",
        "the job's page",
    )
    assert browser.find_element(By.TAG_NAME, "h1").text == "Not found"
    assert "rival" not in browser.page_source
    shoot(browser, artifacts, "refused")


def test_a_forged_form_is_refused_and_changes_nothing(
    browser: Any, system: SystemThread, api: httpx.Client, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    router_id = system.routers[0].router_id
    before = api.get(f"/api/routers/{router_id}/jobs").headers["x-total-count"]
    sign_in(browser, system.base_url, system.api_key)
    browser.get(f"{system.base_url}/console/routers/{router_id}/submit")
    browser.find_element(By.ID, "description").send_keys("Forged")
    browser.find_element(By.ID, "script").send_keys(":log info forged")
    browser.execute_script("document.querySelector('form.job input[name=csrf]').value = 'forged';")
    browser.find_element(By.CSS_SELECTOR, "form.job button[type=submit]").click()
    wait_for(browser, lambda b: b.find_elements(By.ID, "problem"), "the refusal")
    assert "CSRF" in browser.find_element(By.ID, "problem").text
    assert api.get(f"/api/routers/{router_id}/jobs").headers["x-total-count"] == before
    shoot(browser, artifacts, "csrf-refused")


def test_a_safe_apply_window_out_of_bounds_is_named_on_the_form_then_goes_through(
    browser: Any, system: SystemThread, api: httpx.Client, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    router_id = system.routers[0].router_id
    sign_in(browser, system.base_url, system.api_key)
    browser.get(f"{system.base_url}/console/routers/{router_id}/submit")
    browser.find_element(By.ID, "description").send_keys("Safe apply")
    browser.find_element(By.ID, "script").send_keys(":log info safe")
    browser.find_element(By.ID, "rollback_after").send_keys("10")
    browser.find_element(By.CSS_SELECTOR, "form.job button[type=submit]").click()
    refusal = wait_for(
        browser, lambda b: b.find_elements(By.ID, "rollback_after-error"), "the field's refusal"
    )
    assert "greater than or equal to 30" in refusal[0].text
    assert browser.find_element(By.ID, "description").get_attribute("value") == "Safe apply"
    shoot(browser, artifacts, "safe-apply-refused")

    window = browser.find_element(By.ID, "rollback_after")
    window.clear()
    window.send_keys("60")
    browser.find_element(By.ID, "rollback_check").send_keys(":return true")
    browser.find_element(By.CSS_SELECTOR, "form.job button[type=submit]").click()
    wait_for(browser, lambda b: b.find_elements(By.ID, "safe-apply"), "the job's page")
    assert (
        "after 60 s unless confirmed, with a check"
        in browser.find_element(By.ID, "safe-apply").text
    )
    job_id = browser.current_url.rsplit("/", 1)[-1]
    detail = api.get(f"/api/routers/{router_id}/jobs/{job_id}").json()["data"]
    assert detail["rollback_after"] == 60
    shoot(browser, artifacts, "safe-apply-submitted")
    assert policy_violations(browser) == []
