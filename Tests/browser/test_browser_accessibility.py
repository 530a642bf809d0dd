"""axe-core on every screen, in the states people see: no violations."""
from pages import describe_violations


class Checker:
    """Runs axe-core on a screen in one state; all states are checked before the test fails,
    so one run lists every violation."""

    def __init__(self, axe_source):
        self.axe_source = axe_source
        self.found = []
        self.runs = 0

    def __call__(self, screen, label):
        screen.shot(label)
        violations = screen.run_axe(self.axe_source)
        self.runs += 1
        if violations:
            self.found.append(f"{screen.name} ({label}):\n{describe_violations(violations)}")

    def assert_none(self):
        assert not self.found, "axe-core found violations:\n" + "\n".join(self.found)


def test_no_accessibility_violations(screens, facilitator, snapshot, axe_source):
    check = Checker(axe_source)
    wall = screens.wall()
    console = screens.console()
    phone = screens.phone()
    partner = screens.phone("partner-phone")

    # Welcome: the join form, the wall's join instructions, the console before anything happened.
    check(phone, "join-form")
    check(wall, "welcome-empty")
    check(console, "welcome")

    # A join with a mistake shows an error message; it must be reachable too.
    phone.by_id("join-email").send_keys("not-an-address")
    phone.by_id("join-name").send_keys("Karen Lee")
    phone.by_id("join-org").send_keys("Acme Machining")
    phone.click(phone.driver.find_element("css selector", "#join-form button[type=submit]"))
    phone.wait_js("return text($('join-error')) !== '';", message="the join error")
    check(phone, "join-error")

    phone.join("Karen Lee", "Acme Machining", email="karen@acme.example", consent=True)
    partner.join("Dana Whitfield", "Region X Community College", role="partner")
    wall.wait_js("return document.querySelectorAll('#joined-orgs li').length === 2;", message="two organizations")
    check(phone, "joined-welcome")
    check(wall, "welcome-joined")

    # Opportunities: notes on the phone, columns on the wall, the board on the console.
    facilitator("setPhase", phase="opportunities")
    phone.post("Drone makers are growing in the region")
    phone.post("Electric vehicle parts demand is rising")
    notes = ["Drone makers are growing in the region", "Electric vehicle parts demand is rising"]
    theme = facilitator("createTheme", kind="opportunity", label="Drones")["theme"]
    ids = {n["text"]: n["id"] for n in snapshot()["notes"]}
    facilitator("moveNote", note=ids[notes[0]], theme=theme)
    check(phone, "opportunities")
    check(partner, "opportunities-partner")
    # Offline: the status line, the pending badge and the "saved on this phone" message.
    phone.set_offline(True)
    phone.wait(lambda: phone.status().startswith("Reconnecting"), "the phone to notice it is offline")
    phone.post("Aerospace suppliers are expanding nearby", wait_posted=False)
    phone.wait(lambda: phone.notes()[0][0] == "pending", "the pending note")
    check(phone, "offline-pending")
    phone.set_offline(False)
    phone.wait(lambda: all(status == "posted" for status, _ in phone.notes()), "the note sent")
    notes = sorted(notes + ["Aerospace suppliers are expanding nearby"])
    wall.wait(lambda: sorted(n for c in wall.columns() for n in c["notes"]) == notes and notes[0] in wall.board().get("Drones", []),
              "the notes and the theme on the wall")
    check(wall, "opportunities")
    console.wait(lambda: sorted(n for c in console.columns() for n in c["notes"]) == notes and console.column("Drones"),
                 "the notes and the theme on the console")
    check(console, "opportunities")

    # Commitments: strategy areas to champion, the nomination form, the areas on the wall.
    facilitator("setPhase", phase="requirements")
    phone.post("A pipeline of CNC machinists")
    facilitator("createTheme", kind="requirement", label="Talent pipeline")
    facilitator("createTheme", kind="requirement", label="Infrastructure")
    facilitator("setPhase", phase="commitments")
    phone.champion("Talent pipeline")
    phone.nominate("Tom Ruiz", "Valley Welding", area="Talent pipeline")
    check(phone, "commitments")
    check(partner, "commitments-partner")
    wall.wait(lambda: {"Talent pipeline", "Infrastructure"} <= set(wall.areas() or {}), "the strategy areas")
    check(wall, "commitments")
    check(console, "commitments")

    # Wrap-up: next steps on the wall.
    facilitator("setPhase", phase="wrap-up")
    facilitator("setNextSteps", championsCallDate="2027-01-21T15:00", championsCallHost="Karen Lee", nextMeetingDate="2027-02-26")
    wall.wait(lambda: "hosted by Karen Lee" in (wall.next_steps() or {}).get("Champions' call", ""), "the next steps")
    check(wall, "wrap-up")
    check(console, "wrap-up")
    check(phone, "wrap-up")

    check.assert_none()
