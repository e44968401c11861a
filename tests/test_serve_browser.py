"""The `recordlint serve` page in Debian's chromium, driven by Selenium and chromedriver.

Nothing is downloaded: the system browser and driver are named explicitly. The test skips
when either (or Selenium) is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import threading

import pytest

from recordlint.serve.checker import Checker
from recordlint.serve.server import ServeServer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
    reason="chromium and chromium-driver are not installed",
)
webdriver = pytest.importorskip("selenium.webdriver")

from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

POOR = (
    "Home visit to Tyler (8). It was decided that contact with dad will stop. "
    "The LAC review is next week and the PEP is overdue."
)


@pytest.fixture(scope="module")
def server(linter):
    instance = ServeServer("127.0.0.1", 0, Checker(linter=linter))
    requests: list[str] = []
    handle = instance.RequestHandlerClass.handle_one_request

    def counted(handler):  # the paths the server saw, to compare with the browser's list
        handle(handler)
        if getattr(handler, "path", None):
            requests.append(handler.path)

    instance.RequestHandlerClass = type(
        "Counted", (instance.RequestHandlerClass,), {"handle_one_request": counted}
    )
    instance.seen = requests
    thread = threading.Thread(target=instance.serve_forever, daemon=True)
    thread.start()
    yield instance
    instance.shutdown()
    instance.server_close()


@pytest.fixture
def browser(tmp_path):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=390,844",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    # a phone's width: headless windows cannot be made narrower than about 500 px
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    yield driver
    driver.quit()


def wait(driver, condition, seconds=30):
    return WebDriverWait(driver, seconds, poll_frequency=0.1).until(lambda d: condition(d))


def test_type_see_underlines_and_hints_apply_fixes_and_nothing_leaves(server, browser):
    origin = f"http://127.0.0.1:{server.port}"
    browser.get(server.url)
    note = browser.find_element(By.ID, "note")
    browser.find_element(By.ID, "child").send_keys("Tyler")
    note.send_keys(POOR)

    # underlines appear in place once the typing pauses
    marks = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#backdrop mark"))
    marked = browser.execute_script(
        "return Array.from(document.querySelectorAll('#backdrop mark')).map(m => m.textContent)"
    )
    assert "contact" in marked and "PEP" in marked
    items = browser.find_elements(By.CSS_SELECTOR, "#findings li")
    assert len(items) >= 4
    assert "/100" in browser.find_element(By.ID, "score").text

    # hover over an underlined word: its message and hint
    contact = next(
        m for m in marks if m.text == "contact" or m.get_attribute("textContent") == "contact"
    )
    ActionChains(browser).move_to_element(contact).perform()
    tip = browser.find_element(By.ID, "tip")
    wait(browser, lambda d: tip.is_displayed())
    assert "care-system jargon" in tip.text and "Hint:" in tip.text and "family time" in tip.text

    # keyboard only: the caret inside a finding announces it ...
    note.send_keys(Keys.CONTROL, Keys.HOME)
    note.send_keys(Keys.ARROW_RIGHT * (POOR.index("decided") + 2))
    at_caret = browser.find_element(By.ID, "at-caret")
    wait(browser, lambda d: "reason" in at_caret.text)
    assert "Hint:" in at_caret.text and tip.is_displayed()
    # ... and Tab reaches each finding in the list, which shows its hint
    browser.execute_script("document.getElementById('copy').focus()")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    focused = browser.switch_to.active_element
    assert "finding" in focused.get_attribute("class")
    wait(browser, lambda d: tip.is_displayed() and "Hint:" in tip.text)

    # while the text changes, the underlines move with their words until the next check
    moved = browser.execute_script(
        "const n = document.getElementById('note');"
        "window.oldItem = document.querySelector('#findings li');"
        "const before = document.querySelector('#backdrop mark').getBoundingClientRect();"
        "n.value = 'Today. ' + n.value; n.dispatchEvent(new Event('input'));"
        "const marks = Array.from(document.querySelectorAll('#backdrop mark'));"
        "return [marks.map(m => m.textContent), before.left,"
        " marks[0] ? marks[0].getBoundingClientRect().left : null];"
    )
    assert "contact" in moved[0] and "PEP" in moved[0]
    assert moved[2] is not None and moved[2] > moved[1]  # shifted right by "Today. "
    # ... and the list is rebuilt when the new findings arrive
    wait(browser, lambda d: d.execute_script("return !document.body.contains(window.oldItem)"))

    # apply one safe fix: the acronym is spelled out and the page re-checks
    apply_pep = next(
        b
        for b in browser.find_elements(By.CSS_SELECTOR, "#findings button.apply")
        if "personal education plan" in b.text
    )
    apply_pep.click()
    wait(browser, lambda d: "personal education plan (PEP)" in note.get_attribute("value"))
    wait(
        browser,
        lambda d: (
            "PEP"
            not in d.execute_script(
                "return Array.from(document.querySelectorAll('#backdrop mark'))"
                ".map(m => m.textContent)"
            )
        ),
    )

    # apply all the other safe fixes
    browser.find_element(By.ID, "apply-all").click()
    wait(browser, lambda d: "contact" not in note.get_attribute("value"))
    text = note.get_attribute("value")
    assert "It was decided" in text and "Tyler" in text  # judgement calls are left alone

    # usable at 390 px: nothing wider than the window, the note box nearly full width
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth,"
        " document.getElementById('note').getBoundingClientRect().width]"
    )
    assert widths[1] == 390
    assert widths[0] <= widths[1] and widths[2] > 0.8 * widths[1]

    # every request the page made went to this server, and the page broke no policy
    # (the browser's own start page loads chrome:// resources before the test's page opens)
    urls, web = [], []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            params = message["params"]
            if params.get("documentURL", "").startswith(origin):
                urls.append(params["request"]["url"])
            if params["request"]["url"].startswith(("http:", "https:", "ws:", "wss:")):
                web.append(params["request"]["url"])
    assert urls and all(u.startswith(origin + "/") for u in urls), urls
    assert all(u.startswith(origin + "/") for u in web), web
    assert any(u.endswith("/api/check") for u in urls) and any(u.endswith("/api/fix") for u in urls)
    problems = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not problems, problems
    assert all(path.startswith(f"/{server.token}/") for path in server.seen), server.seen
