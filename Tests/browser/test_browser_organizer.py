"""A convener starts a meeting from the browser and configures it from the console, with no
command line: the organizer's page (meetings.html) and the console's settings."""
import re

from selenium.webdriver.common.by import By

from conftest import harness
from test_browser_accessibility import Checker


def organizer_key(server):
    return re.search(r"#organizer=([0-9a-f]{32})", server.output).group(1)


def test_start_and_configure_a_meeting_from_the_browser(screens, server, axe_source):
    check = Checker(axe_source)
    page = screens.meetings(key=organizer_key(server))
    page.wait_js("return shown($('list-section'));", message="the list of meetings")
    assert "organizer=" not in page.driver.current_url, "the key is taken out of the address bar"
    assert [row[2] for row in page.listed()] == [server.meeting.code], "the meeting made by the fixture is listed"
    check(page, "list")

    page.type_into("new-title", "Region Y Health Care Sector Partnership — launch")
    page.type_into("new-industry", "Health care")
    page.type_into("new-region", "Region Y")
    page.driver.execute_script("document.getElementById('new-date').value = '2026-12-03';")
    page.type_into("new-place", "Community college, room 114")
    page.type_into("new-chairs", "Dana Ortiz\nLee Park")
    page.click(page.by_id("new-everyone-may-post"))
    minutes = page.by_id("new-minutes-opportunities")
    minutes.clear()
    minutes.send_keys("30")
    page.click(page.driver.find_element(By.CSS_SELECTOR, "#new-form button[type=submit]"))
    code = page.wait_js("return shown($('created')) && text($('created-code'));", message="the new meeting's code")
    assert re.fullmatch(r"[A-Z0-9]{6}", code)
    # Where the organizer looks after pressing Start: above the emptied form, with the phones' link.
    assert page.js("return $('created').getBoundingClientRect().top < $('new-form').getBoundingClientRect().top;")
    assert page.by_id("created-phone").get_attribute("href").endswith(f"/phone.html?code={code}")
    page.wait(lambda: len(page.listed()) == 2, "two meetings listed")
    assert page.listed()[0][:4] == ("Region Y Health Care Sector Partnership — launch (Health care, Region Y)",
                                    "2026-12-03", code, "Welcome")
    check(page, "created")

    # The server holds what the form said.
    key = re.search(r"#key=([0-9a-f]{32})", page.by_id("created-console").get_attribute("href")).group(1)
    meeting = harness.Meeting(code, key)
    c = server.client()
    snap = c.hello(code, "console", key=key)["snapshot"]["meeting"]
    c.close()
    assert snap["place"] == "Community college, room 114" and snap["chairs"] == ["Dana Ortiz", "Lee Park"]
    assert snap["settings"]["everyoneMayPost"] is True and snap["settings"]["timeboxes"]["opportunities"] == 30

    # "Open the console" leads to the new meeting's console, whose settings show the same.
    page.click(page.by_id("created-console"))
    page.wait_js("return text($('status')) === 'Connected' && text($('join-code')) === arguments[0];", code,
                 message="the new meeting's console")
    form = page.js("""return [$('meeting-title-input').value, $('meeting-industry').value, $('meeting-region').value,
        $('meeting-day').value, $('meeting-place').value, $('meeting-chairs').value, $('minutes-opportunities').value,
        $('everyone-may-post').checked];""")
    assert form == ["Region Y Health Care Sector Partnership — launch", "Health care", "Region Y", "2026-12-03",
                    "Community college, room 114", "Dana Ortiz\nLee Park", "30", True]

    # The facilitator corrects the title and a time box; the wall shows the new title at once.
    wall = screens.wall(meeting=meeting)
    title = page.by_id("meeting-title-input")
    page.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", title)
    title.clear()
    title.send_keys("Region Y Health Care Partnership")
    box = page.by_id("minutes-requirements")
    box.clear()
    box.send_keys("40")
    page.click(page.driver.find_element(By.CSS_SELECTOR, "#meeting-form button[type=submit]"))
    wall.wait_js("return text($('meeting-title')).includes('Region Y Health Care Partnership');",
                 message="the new title on the wall")
    c = server.client()
    settings = c.hello(code, "console", key=key)["snapshot"]["meeting"]
    c.close()
    assert settings["title"] == "Region Y Health Care Partnership"
    assert settings["settings"]["timeboxes"]["requirements"] == 40
    assert settings["settings"]["timeboxes"]["opportunities"] == 30, "fields not changed stay as they were"
    page.kind = "console"
    check(page, "console-settings")
    check.assert_none()


def test_organizer_page_asks_for_the_key_and_refuses_a_wrong_one(screens, server):
    page = screens.meetings()
    page.wait_js("return shown($('key-section'));", message="the key form")
    page.type_into("organizer-key", "0123456789abcdef0123456789abcdef")
    page.click(page.driver.find_element(By.CSS_SELECTOR, "#key-form button[type=submit]"))
    message = page.wait_js("return shown($('message')) && text($('message'));", message="the refusal")
    assert "organizer key is not right" in message
    assert page.js("return shown($('key-section')) && !shown($('list-section'));")

    # Pasting the whole printed link works.
    field = page.by_id("organizer-key")
    field.clear()
    field.send_keys(f"{server.http}/meetings.html#organizer={organizer_key(server)}")
    page.click(page.driver.find_element(By.CSS_SELECTOR, "#key-form button[type=submit]"))
    page.wait(lambda: [r[2] for r in page.listed()] == [server.meeting.code], "the meeting list")
    # Remembered: a reload needs no key.
    page.driver.refresh()
    page.wait(lambda: [r[2] for r in page.listed()] == [server.meeting.code], "the list after a reload")
