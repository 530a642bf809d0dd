"""The summary of a 50-note launch meeting, without its appendix, prints on at most two
pages (A4 and Letter) from headless Chromium, and its sections come in the workbook
sample's order (issue 13, item 9)."""
import base64
import re
import time

from selenium.webdriver.common.print_page_options import PrintOptions

OPPORTUNITIES = {
    "Drones and aerospace": ["Drone makers are growing in the region and buying local machined parts",
                             "Aerospace suppliers are expanding two plants near the airport",
                             "UAS companies need precision parts with short lead times",
                             "Defense contracts for small unmanned aircraft are coming to the state",
                             "Satellite component startups want a local machine shop partner"],
    "Electric vehicles": ["Electric vehicle parts demand is rising every quarter",
                          "Battery plant two counties over needs fixtures and tooling",
                          "EV charger makers are looking for sheet metal suppliers",
                          "Motor housings for e-bikes and scooters", "Fleet electrification at the port needs retrofit kits"],
    "Medical devices": ["Medical device startups need machining partners", "Orthopaedic implants need clean-room finishing nearby",
                        "The university spins out a device company every year",
                        "Surgical tool makers want FDA-registered contract shops", "Dental lab equipment is an untapped niche"],
    "Export markets": ["Export markets for specialty plastics in Mexico and Canada", "Trade mission to Germany next spring",
                       "Buyers in Asia ask for ISO 9001 certified partners", "The port expansion cuts shipping costs to Europe",
                       "Duty drawback could make our exports cheaper"],
    "Automation and tooling": ["Robotic welding cells are cheaper than ever", "Shared 5-axis machines at the college for small shops",
                               "Automation lets us take work back from overseas", "Additive manufacturing for short runs of tooling",
                               "Cobots could fill the night shift we cannot staff"],
}
REQUIREMENTS = {
    "Expand the pool of qualified workers": ["We cannot find certified welders", "Machinists are retiring and nobody replaces them",
                                             "Apprenticeships with the community college", "High school shop classes were cut",
                                             "Entry-level workers need basic math and blueprint reading"],
    "Housing and transportation for workers": ["No affordable rentals near the plants", "The bus stops at 6 pm, second shift cannot get home",
                                               "Young workers commute 50 miles", "Childcare closes before the shift ends",
                                               "Carpool program between plants"],
    "Access to capital for equipment": ["Banks do not understand CNC equipment loans", "A revolving loan fund for small shops",
                                        "Grants for automation pilots", "Leasing options for 5-axis machines",
                                        "State tax credit for new equipment is hard to claim"],
    "Promote the region as a manufacturing hub": ["Nobody outside knows what we make here", "A shared website of capabilities",
                                                  "Trade show booth for the region", "Plant tours for parents and teachers",
                                                  "One brand for the region's manufacturers"],
    "Broadband and utilities": ["Fiber internet in the industrial park", "Power outages stop our lines",
                                "Three-phase power for the new lots", "Cell coverage is bad at our site",
                                "Water and sewer capacity for expansions"],
}


def pages_of(pdf_base64):
    pdf = base64.b64decode(pdf_base64)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_summary_of_a_fifty_note_meeting_prints_on_two_pages(pool, server, facilitator, ws_phone, settle):
    phones = [ws_phone(f"Employer {i}", organization=f"Plant {i} Inc") for i in range(10)]
    themes = {}
    for phase, kind, groups in (("opportunities", "opportunity", OPPORTUNITIES), ("requirements", "requirement", REQUIREMENTS)):
        facilitator("setPhase", phase=phase)
        n = 0
        for label, texts in groups.items():
            themes[label] = facilitator("createTheme", kind=kind, label=label)["theme"]
            for text in texts:
                note = phones[n % len(phones)].post(text)["note"]
                n += 1
                facilitator("moveNote", note=note, theme=themes[label])
                time.sleep(0.12)   # a person's pace: the console's commands have a rate limit
        settle()
    facilitator("setSynthesis", theme=themes["Expand the pool of qualified workers"],
                 text="Focus on both top-level talent development and mid- and entry-level workers.")
    facilitator("setPhase", phase="commitments")
    for i, area in enumerate(["Expand the pool of qualified workers", "Housing and transportation for workers",
                              "Access to capital for equipment"]):
        for phone in phones[i * 3:(i + 1) * 3]:
            assert phone.command({"type": "champion", "theme": themes[area]})["type"] == "ack"
    facilitator("setNextSteps", championsCallDate="2027-01-21T15:00", championsCallHost="Employer 0",
                nextMeetingDate="2027-02-26")
    settle()

    markdown = facilitator("summary", format="markdown", appendix=False)["content"]
    # The sample's order: the opening, the priority opportunities, the areas for action with
    # their champions (the areas nobody drives in one line after them), next steps, attendees.
    lines = markdown.splitlines()
    markers = ["# ", "The Region X Light Manufacturing", "## Priority opportunities", "## Priority areas for action",
               "**Not a priority right now:**", "## Next steps", "## Attendees"]
    found = [next((i for i, line in enumerate(lines) if line.startswith(m)), None) for m in markers]
    assert None not in found, (markers, found, markdown)
    assert found == sorted(found), (found, markdown)

    html = facilitator("summary", format="html", appendix=False)["content"]
    # (As a reader sees it: a short hyphenated word is wrapped in a span that keeps it on one line.)
    assert "Focus on both top-level talent development" in re.sub(r"<[^>]+>", "", html) and "Appendix" not in html
    with_appendix = facilitator("summary", format="html", appendix=True)["content"]
    driver = pool.take()
    try:
        def printed_pages(document, width, height):
            driver.get("data:text/html;base64," + base64.b64encode(document.encode()).decode())
            options = PrintOptions()
            options.page_width, options.page_height = width, height
            return pages_of(driver.print_page(options))

        for width, height, paper in ((21.0, 29.7, "A4"), (21.59, 27.94, "Letter")):
            pages = printed_pages(html, width, height)
            assert 1 <= pages <= 2, f"{pages} {paper} pages"
            # The count is real: the 50 notes of the appendix take pages of their own.
            assert printed_pages(with_appendix, width, height) > pages
    finally:
        pool.give_back(driver)
