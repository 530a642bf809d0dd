"""The projected wall read from the back of the room (issue 12): a 40-note phase in five
themes at 1920×1080 and 1280×720, every note legible and on screen (or counted by
"+N more"), no empty column nobody made, and the facilitator's spotlight."""

import time

from selenium.webdriver.common.by import By

THEMES = {
    "Drones and aerospace": [
        "Drone makers are growing in the region and buying local machined parts",
        "Aerospace suppliers are expanding two plants near the airport",
        "UAS companies need precision parts with short lead times",
        "Defense contracts for small unmanned aircraft are coming to the state",
        "Satellite component startups want a local machine shop partner",
        "FAA test site next door brings drone firms here",
        "Composite airframe work is moving out of California",
        "Avionics assembly could come back from overseas",
    ],
    "Electric vehicles": [
        "Electric vehicle parts demand is rising every quarter",
        "Battery plant two counties over needs fixtures and tooling",
        "EV charger makers are looking for sheet metal suppliers",
        "Motor housings for e-bikes and scooters",
        "Our customers ask for lighter aluminium parts for EVs",
        "Fleet electrification at the port needs retrofit kits",
        "Tier 1 auto suppliers are re-shoring wiring harnesses",
        "Hybrid drivetrain parts for farm equipment",
    ],
    "Medical devices": [
        "Medical device startups need machining partners",
        "Orthopaedic implants need clean-room finishing nearby",
        "The university spins out a device company every year",
        "Surgical tool makers want FDA-registered contract shops",
        "Hospital system wants local suppliers for reusable instruments",
        "Dental lab equipment is an untapped niche",
        "Wearable sensor housings in medical-grade plastics",
        "Veterinary devices are a fast-growing small market",
    ],
    "Export markets": [
        "Export markets for specialty plastics in Mexico and Canada",
        "Trade mission to Germany next spring",
        "Buyers in Asia ask for ISO 9001 certified partners",
        "The port expansion cuts shipping costs to Europe",
        "Foreign buyers want suppliers who speak their language",
        "Duty drawback could make our exports cheaper",
        "Overseas customers want consolidated shipments",
        "Canadian mining companies need wear parts",
    ],
    "Automation and tooling": [
        "Robotic welding cells are cheaper than ever",
        "Shared 5-axis machines at the college for small shops",
        "Automation lets us take work back from overseas",
        "Additive manufacturing for short runs of tooling",
        "Cobots could fill the night shift we cannot staff",
        "Vision inspection cuts scrap on high-volume parts",
        "Digital twins of our lines for faster changeovers",
        "Local integrators to install and service robots",
    ],
}


def fill_wall(facilitator, themes=THEMES, kind="opportunity"):
    """Posts the notes (typed by the facilitator for the room) in the phase of `kind` and sorts
    them by hand. Returns {label: theme id}."""
    facilitator("setPhase", phase="opportunities")
    if kind == "requirement":
        facilitator("setPhase", phase="requirements")
    ids = {}
    for label, notes in themes.items():
        ids[label] = facilitator("createTheme", kind=kind, label=label)["theme"]
        for i, text in enumerate(notes):
            note = f"n-{len(ids)}-{i}"
            facilitator("post", id=note, kind=kind, text=text,
                        scribe={"name": f"Employer {i}", "organization": f"Shop {i}", "role": "employer"})
            facilitator("moveNote", note=note, theme=ids[label])
            time.sleep(0.1)   # within the server's 20 messages a second per connection
    return ids


def wall_layout(wall):
    """Every note on the wall once it has settled: its font size, whether it is shown and inside
    the screen; and each column's "+N more". Settled: the header's QR code has loaded (the header
    grows then, and the board is fitted again to its smaller height a frame later), no note is
    still sliding to its new place (a move animates for 0.7 s), and two frames have passed."""
    wall.wait_js("const q = $('join-qr'); return q.hidden || (q.complete && q.naturalWidth > 0);", message="the QR code to load")
    wall.wait_js("return !document.getAnimations().some((a) => a.playState === 'running' && !(a instanceof CSSAnimation));",
                 message="the notes to stop moving")
    wall.driver.execute_async_script("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));")
    return wall.js("""
        const vw = innerWidth, vh = innerHeight;
        return Array.from($('board').querySelectorAll('.column')).map((col) => {
          const more = col.querySelector('.more');
          return {
            label: text(col.querySelector('.column-label')),
            titleSize: parseFloat(getComputedStyle(col.querySelector('.column-label')).fontSize),
            titleCut: col.querySelector('.column-label').scrollHeight > col.querySelector('.column-label').clientHeight + 1,
            // Each word of the title on one line: none broken mid-word by a narrow column.
            titleWordsWhole: (() => {
              const label = col.querySelector('.column-label');
              const words = [];
              const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const m of node.data.matchAll(/[^\\s-]+/g)) {   // a break after a hyphen is no broken word
                  const r = document.createRange();
                  r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
                  words.push(r.getClientRects().length);
                }
              }
              return words.every((n) => n <= 1);
            })(),
            // No line of the title starts with "&" ("Data centers / & / transmission").
            ampersandStartsALine: (() => {
              const label = col.querySelector('.column-label');
              const left = Math.min(...Array.from(label.getClientRects(), (r) => r.left));
              const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const m of node.data.matchAll(/&/g)) {
                  const r = document.createRange();
                  r.setStart(node, m.index); r.setEnd(node, m.index + 1);
                  const box = r.getClientRects()[0];
                  if (box && box.left <= left + 2) return true;
                }
              }
              return false;
            })(),
            count: Number(text(col.querySelector('.count'))),
            more: more.hidden ? 0 : Number((text(more).match(/\\+(\\d+) more/) || [0, -1])[1]),
            notes: Array.from(col.querySelectorAll('.wall-note'), (li) => {
              const r = li.getBoundingClientRect();
              // Inside the screen and inside its column's list (which hides what overflows it).
              const list = li.parentElement.getBoundingClientRect();
              return {
                shown: !li.hidden && r.height > 0,
                inside: r.top >= 0 && r.left >= 0 && r.bottom <= vh + 0.5 && r.right <= vw + 0.5 && r.bottom <= list.bottom + 0.5,
                size: parseFloat(getComputedStyle(li.querySelector('.note-text')).fontSize),
              };
            }),
          };
        });""")


def assert_legible(columns, total, min_size):
    assert sum(c["count"] for c in columns) == total
    for c in columns:
        assert c["count"] > 0, f"empty column {c['label']!r} on the wall"
        assert not c["titleCut"], f"title {c['label']!r} cut short at {c['titleSize']} px"
        assert c["titleSize"] >= 28, f"title {c['label']!r} at {c['titleSize']} px"
        shown = [n for n in c["notes"] if n["shown"]]
        assert all(n["inside"] for n in shown), f"a note of {c['label']!r} is cut off below or beside the screen"
        assert all(n["size"] >= min_size for n in shown), f"{c['label']!r}: notes at {[n['size'] for n in shown]} px"
        # Every note is either on screen or counted by "+N more".
        assert len(shown) + c["more"] == c["count"], f"{c['label']!r}: {len(shown)} shown + {c['more']} more ≠ {c['count']}"


def test_forty_notes_in_five_themes_read_from_the_back_of_the_room(screens, facilitator):
    fill_wall(facilitator)
    wall = screens.wall()
    wall.wait(lambda: len(wall.columns() or []) == 5 and sum(len(c["notes"]) for c in wall.columns()) == 40,
              "the wall to show 40 notes in five themes")
    columns = wall_layout(wall)
    assert [c["label"] for c in columns] == list(THEMES)
    assert_legible(columns, 40, 24)
    assert all(c["titleSize"] == 36 for c in columns), [(c["label"], c["titleSize"]) for c in columns]
    # At 1080p 40 notes all fit at 24 px or more: nothing is folded away.
    assert all(c["more"] == 0 for c in columns), [c["more"] for c in columns]
    wall.shot("40 notes at 1920x1080")

    # The same wall on a 720p projector: notes stay at 18 px or more, and whatever does not
    # fit is counted, never cut off.
    wall.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False})
    wall.js("window.dispatchEvent(new Event('resize'));")
    wall.wait(lambda: wall.js("return innerWidth;") == 1280, "the 720p viewport")
    wall.wait(lambda: all(n["inside"] for c in wall_layout(wall) for n in c["notes"] if n["shown"]), "the wall to refit at 720p")
    assert_legible(wall_layout(wall), 40, 18)
    wall.shot("40 notes at 1280x720")


LONG_TITLES = {
    "Shift childcare & industrial park": THEMES["Drones and aerospace"][:4],
    "Maintenance techs & electricians": THEMES["Electric vehicles"][:4],
    "Recruiting trial & health system": THEMES["Medical devices"][:4],
    "Banking-as-a-service partnerships & embedded finance": THEMES["Export markets"][:4],
    "Apprenticeship, bioreactor & associates": THEMES["Automation and tooling"][:4],
    "Telehealth": THEMES["Automation and tooling"][4:],
}


def test_long_titles_on_six_columns_are_read_whole(screens, facilitator):
    """Six themes with long titles (ones the engine gave on the meeting walls): each title is
    shown whole, at 28 px or more, and all in one size — the largest every title fits on three
    lines at (a short one at 36 px beside 28 px ones read as a lesser theme to two walk-throughs)."""
    fill_wall(facilitator, LONG_TITLES)
    wall = screens.wall()
    wall.wait(lambda: len(wall.columns() or []) == 6, "the wall to show six themes")
    columns = wall_layout(wall)
    for c in columns:
        assert not c["titleCut"], f"title {c['label']!r} cut short at {c['titleSize']} px"
        # Every word whole: a word wider than the column at 28 px makes its title smaller
        # still (down to 22 px) rather than broken mid-word ("partnershi|ps").
        assert c["titleWordsWhole"], f"a word of {c['label']!r} broken across lines at {c['titleSize']} px"
        assert c["titleSize"] >= 28, f"title {c['label']!r} at {c['titleSize']} px"
        assert not c["ampersandStartsALine"], f"a line of {c['label']!r} starts with “&”"
    sizes = {c["label"]: c["titleSize"] for c in columns}
    assert len(set(sizes.values())) == 1, f"one size for every title: {sizes}"
    assert sizes["Telehealth"] < 36, f"no title needed a smaller size: the test shows nothing ({sizes})"
    wall.shot("six long titles")


def test_a_word_wider_than_its_column_makes_the_title_smaller_not_broken(screens, facilitator):
    """Seven columns, and words no column fits at 28 px ("shipbuilding", "biomanufacturing"):
    the title steps down further (never below 20 px) instead of breaking a word mid-way
    ("shipbuildin|g", seen on a walk-through's wall) — the room signs up under these names."""
    themes = dict(LONG_TITLES)
    themes.pop("Telehealth")
    themes["Navy shipbuilding & biomanufacturing"] = THEMES["Automation and tooling"][4:]
    themes["Telehealth"] = THEMES["Drones and aerospace"][4:]
    fill_wall(facilitator, themes)
    wall = screens.wall()
    wall.wait(lambda: len(wall.columns() or []) == 7, "the wall to show seven themes")
    # (Fitted again once the header has its final height: the QR code loads after the board.)
    columns = wall.wait(lambda: (lambda cols: cols if cols["Navy shipbuilding & biomanufacturing"]["titleWordsWhole"] else None)(
        {c["label"]: c for c in wall_layout(wall)}), "the long words whole")
    long_words = columns["Navy shipbuilding & biomanufacturing"]
    assert 20 <= long_words["titleSize"] < 28, long_words["titleSize"]
    assert not long_words["titleCut"]
    for label, c in columns.items():
        assert c["titleWordsWhole"] and not c["titleCut"], label
    assert columns["Telehealth"]["titleSize"] >= 28, "a word that fits at 28 px goes no smaller"
    wall.shot("seven columns, long words")


def test_on_a_small_projector_every_column_is_on_the_picture_and_unsorted_no_louder(screens, facilitator):
    """A 1024×768 projector and seven themes with long words: every column is on the picture
    (the columns' least widths ran the last two off its right edge), the titles step down
    below 28 px, and "Not yet in a theme" steps down with them (it stayed at 28 px, the
    loudest words on the wall, on a 1024 px screenshot)."""
    themes = dict(LONG_TITLES)
    themes.pop("Telehealth")
    themes["Navy shipbuilding & biomanufacturing"] = THEMES["Automation and tooling"][4:]
    themes["Telehealth"] = THEMES["Drones and aerospace"][4:]
    fill_wall(facilitator, themes)
    facilitator("post", id="parked", kind="opportunity", text="good meeting so far",
                scribe={"name": "Employer 9", "organization": "Shop 9", "role": "employer"})
    facilitator("moveNote", note="parked", theme=None)
    wall = screens.wall()
    wall.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1024, "height": 768, "deviceScaleFactor": 1, "mobile": False})
    wall.js("window.dispatchEvent(new Event('resize'));")
    wall.wait(lambda: len(wall.columns() or []) == 8 and wall.js("return innerWidth;") == 1024, "seven themes and Unsorted at 1024 px")
    columns = wall_layout(wall)
    # Every column on the picture: five themes and Unsorted already ran off a 1024 px row.
    right = wall.js("return Math.max(...Array.from(document.querySelectorAll('.column'), (c) => c.getBoundingClientRect().right));")
    assert right <= 1024, f"a column ends at {right} px, off the 1024 px picture"
    titles = [c["titleSize"] for c in columns if c["label"] != "Not yet in a theme"]
    parked = next(c for c in columns if c["label"] == "Not yet in a theme")
    assert min(titles) < 28, f"no title stepped below 28 px: the test shows nothing ({titles})"
    # Not above most of the themes' titles (one that steps down alone does not take it along).
    median = sorted(titles)[(len(titles) - 1) // 2]
    assert parked["titleSize"] <= median and parked["titleSize"] < 28, (parked["titleSize"], titles)
    assert not parked["titleCut"] and parked["titleWordsWhole"], parked
    wall.shot("1024x768, Unsorted with the titles")


# A walk-through's opportunities, named by its facilitator (film and media): long titles.
FACILITATOR_TITLES = {
    "Attracting productions: incentive and locations": ["more out of state productions = more rental $$, we lost 3 shows to atlanta last yr",
                                                        "the old mill district + the river = location scouts love it",
                                                        "a series shooting here = steady yr round work instead of gigs",
                                                        "state film credit went to 30%, biggest in the south east now"],
    "Streaming, branded and creator content": ["podcast + video podcast boom, every company wants one now",
                                               "branded content for local companies, the hospital, the university",
                                               "youtubers/creators need studio space by the hour", "commercials"],
    "Virtual production, games and real-time tech": ["Unreal engine skills cross over between games and film",
                                                     "VR/AR training sims for the manufacturers and the hospital",
                                                     "game studios growing fast, 2 new ones opened downtown"],
    "Remote post, VFX and sound for national clients": ["VFX work coming back onshore now that offshore houses raised prices",
                                                        "color grading and finishing for national documentaries",
                                                        "audio post for streaming series, Atmos mixing demand is up"],
    "Homegrown talent and lower costs": ["cost of living here is way lower than LA", "college film program graduates 60 a yr, keep them here",
                                         "talent"],
}


def test_a_facilitators_long_titles_on_a_small_projector_are_whole_and_share_one_size(screens, facilitator):
    """A walk-through's five columns named by the facilitator, on a 1280×720 projector: "Remote
    post, VFX and sound for national…" was cut at five lines of 28 px beside titles of 36 px.
    Every title is whole now, most share one size, and the longest takes more lines, smaller
    alone since five lines at the shared size are not enough for it."""
    fill_wall(facilitator, FACILITATOR_TITLES)
    wall = screens.wall()
    wall.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False})
    wall.js("window.dispatchEvent(new Event('resize'));")
    wall.wait(lambda: len(wall.columns() or []) == 5 and wall.js("return innerWidth;") == 1280, "five themes at 1280 px")
    columns = wall_layout(wall)
    for c in columns:
        assert not c["titleCut"] and c["titleWordsWhole"], f"{c['label']!r} at {c['titleSize']} px"
    sizes = {c["label"]: c["titleSize"] for c in columns}
    assert min(sizes.values()) >= 20, sizes
    # (A title with a word too wide for its column at that size, or too long for five lines,
    # steps down alone.)
    assert list(sizes.values()).count(max(sizes.values())) >= 3, f"most titles share one size: {sizes}"
    assert sizes["Remote post, VFX and sound for national clients"] < max(sizes.values()), sizes
    wall.shot("facilitator's titles at 1280x720")


# A walk-through's opportunities wall: a three-note column beside seven- and six-note ones.
HOME_CARE_WALL = {
    "In-home care & Medicaid": ["Baby boomers aging in place - huge growth in demand for in-home care over next 10 yrs",
                                "Medicare home health reimbursement for rural areas, hospital wants to discharge earlier to home",
                                "new state medicaid waiver pays for personal care at home (HCBS) - big growth",
                                "hospital at home programs - CMS waiver lets us treat acute pts at home",
                                "Veterans - VA community care contracts for in home services are growing in the 3 counties",
                                "Crecimiento de la población mayor en el condado Clay, más clientes cada mes",
                                "Muchas familias hispanas buscan cuidadoras que hablen español para sus padres"],
    "Dementia & memory care": ["hospice & palliative care demand growing, we cant keep up with referrals",
                               "memory care - alzheimers and dementia units, waitlist is 40 ppl at our place",
                               "dementia care is the fastest growing need we see, families desperate",
                               "grief support & bereavement services for familes - nobody offers it in rural area",
                               "Cuidado de personas con demencia en casa, las familias no saben a quién llamar",
                               "adult day programs so family caregivers can keep working"],
    "Telemedicine & rural patients": ["telehealth remote patient monitoring, rural pts far from clinics",
                                      "remote monitoring + telemedicine for CHF and COPD pts to cut readmissions",
                                      "broadband expansion grants finally reaching Adams county - makes telehealth possible"],
    "Home health aide apprenticeships": ["partner w/ high schools - CNA pathway for seniors, kids want healthcare jobs",
                                         "Home health aide apprenticeships - earn while u learn, state is funding them",
                                         "so many CNAs leaving hospitals want flexible home care shifts"],
}


def test_a_small_column_is_wide_enough_for_its_titles_words(screens, facilitator):
    """A walk-through's wall set "Home health aide apprenticeships" at 22 px in a three-note
    column beside 36 px titles: on five columns, every column is at least as wide as its
    title's longest word at 28 px, the room's smallest title size."""
    fill_wall(facilitator, HOME_CARE_WALL)
    # And six notes waiting, as on the walk-through's wall.
    for i, text in enumerate(["good morning everyone! thanks for having us", "+1 to what Dale said about boomers",
                              "assisted living occupancy back above 90% post covid, room to build new wing",
                              "so many CNAs leaving hospitals want flexible home care shifts too",
                              "Anyone know if the coffee is decaf?", "same as maria re apprenticeships"]):
        facilitator("post", id=f"waiting-{i}", kind="opportunity", text=text, scribe={"name": "Guest", "organization": "Visitor", "role": "employer"})
        facilitator("moveNote", note=f"waiting-{i}", theme=None)
        time.sleep(0.1)
    wall = screens.wall()
    wall.wait(lambda: len(wall.columns() or []) == 5 and len(wall.board().get("Not yet in a theme", [])) == 6, "four themes and six notes waiting")
    columns = wall.wait(lambda: (lambda cols: cols if all(c["titleWordsWhole"] for c in cols) else None)(wall_layout(wall)),
                        "every title word whole")
    sizes = {c["label"]: c["titleSize"] for c in columns}
    assert sizes["Home health aide apprenticeships"] >= 28, sizes
    assert all(not c["titleCut"] for c in columns), sizes
    assert wall.words_not_whole(".wall-note .note-text") == []
    wall.shot("a three-note column with a long word")


# A walk-through's requirements wall: five columns, the last of one note at the narrowest width.
FOOD_WALL = {
    "Shared infrastructure & costs": ["shared cold storage & warehouse space", "access to capital for equipment upgrades",
                                      "energy costs PG&E rates are brutal", "joint buying of packaging materials",
                                      "broadband at rural plants for automation/IoT"],
    "Entry-level workforce supports": ["need a pipeline of line workers, seasonal turnover is killing us",
                                       "childcare + transportation for shift workers", "affordable housing near the plants",
                                       "truck drivers CDL shortage"],
    "Skilled technicians & training pipeline": ["cant find maintenance techs / industrial mechanics",
                                                "food safety training for supervisors (PCQI)", "college programs for PLC / automation techs",
                                                "apprenticeships with Fresno City College & Reedley", "high school career pathways into food mfg",
                                                "export help for almonds/pistachios growers", "packaging/labeling line techs",
                                                "Necesitamos más técnicos de mantenimiento bilingües"],
    "Permits & regulation": ["water + wastewater permits take forever, county needs to streamline",
                             "help smaller plants w/ export paperwork & certifications",
                             "streamline air district permits for new equipment", "Apoyo para certificación orgánica y de exportación"],
    "Regional food brand": ["regional brand / marketing for valley food products"],
}


def test_a_title_in_the_narrowest_column_and_long_slashed_words_read_whole(screens, facilitator):
    """A walk-through saw "Regiona|l food brand" in a one-note column (the word was a fraction
    of a pixel wider than the title's box, which a rounded width missed) and
    "almonds/pistac|hios" in a note: every title word and every note word reads whole, a
    slashed pair breaking only after its slash."""
    fill_wall(facilitator, FOOD_WALL, kind="requirement")
    # And one note waiting in Unsorted: its column, narrow too, reads "Not yet in a theme" whole
    # (a walk-through's read "Not yet in a…").
    facilitator("post", id="waiting", kind="requirement", text="Hi everyone! glad to be here",
                scribe={"name": "Guest", "organization": "Visitor", "role": "employer"})
    facilitator("moveNote", note="waiting", theme=None)
    wall = screens.wall()
    wall.wait(lambda: len(wall.columns() or []) == 6, "the wall to show five strategy areas and Unsorted")
    columns = wall.wait(lambda: (lambda cols: cols if all(c["titleWordsWhole"] for c in cols) else None)(wall_layout(wall)),
                        "every title word whole", timeout=10)
    assert all(not c["titleCut"] and c["titleSize"] >= 20 for c in columns), [(c["label"], c["titleSize"]) for c in columns]
    assert wall.words_not_whole(".wall-note .note-text") == []
    assert "export help for almonds/pistachios growers" in sum(wall.board().values(), []), "the note reads as typed"
    wall.shot("five strategy areas, one narrow")


def test_a_short_hyphenated_word_never_breaks_at_its_hyphen(screens, facilitator):
    """A walk-through projected "…fueling stations along I-|80" and "Warehouses, E-|commerce":
    at any column width, a short hyphenated word in a note or a title reads whole (a long one,
    "banking-as-a-service", may still break at a hyphen rather than overflow)."""
    fill_wall(facilitator, {"Freight & e-commerce": ["fueling stations along I-80 for e-commerce fleets",
                                                     "co-packing near the I-80 interchange"],
                            "Drivers": ["CDL drivers retiring", "night-shift drivers wanted",
                                        "state-of-the-art cross-training for diesel techs"]})
    wall = screens.wall()
    wall.wait(lambda: len(wall.columns() or []) == 2, "the themes on the wall")
    broken = wall.js(r"""
        const out = [];
        const targets = Array.from(document.querySelectorAll('.wall-note .note-text, .column-label'));
        for (const el of targets) {
          const before = el.style.width;
          for (let w = 60; w <= 420; w += 2) {
            el.style.width = `${w}px`;
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (const m of node.data.matchAll(/\S*\w-\w\S*/g)) {
                const r = document.createRange();
                r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
                const tops = new Set(Array.from(r.getClientRects(), (q) => Math.round(q.top)));
                if (tops.size > 1) out.push(`${m[0]} at ${w}px`);
              }
            }
          }
          el.style.width = before;
        }
        return out;""")
    assert broken == [], broken[:10]
    assert "fueling stations along I-80 for e-commerce fleets" in sum(wall.board().values(), []), "the note reads as typed"
    # In a narrow column (eight columns at 1920 px), a kept-whole word wider than its note
    # breaks at a hyphen after all rather than run past the column's edge, where it would be cut off.
    for i, label in enumerate(["Apprenticeships and new talent", "Permitting, siting and interconnection", "Ports", "Warehouses",
                               "Fuel", "Safety"]):
        theme = facilitator("createTheme", kind="opportunity", label=label)["theme"]
        facilitator("post", id=f"extra-{i}", kind="opportunity", text=f"{label.lower()} matters",
                    scribe={"name": "Employer", "organization": "Shop", "role": "employer"})
        facilitator("moveNote", note=f"extra-{i}", theme=theme)
        time.sleep(0.1)
    facilitator("post", id="chatter", kind="opportunity", text="Thanks everyone, this is great",
                scribe={"name": "Employer", "organization": "Shop", "role": "employer"})
    wall.wait(lambda: len(wall.columns() or []) == 9, "eight themes and Unsorted")
    wall_layout(wall)
    # Every column on the wall, Unsorted too, and every title word whole (a walk-through saw
    # Unsorted past the right edge and "interconnectio|n", "Apprenticeship|s").
    rights = wall.js("return Array.from(document.querySelectorAll('#board .column'), (c) => c.getBoundingClientRect().right);")
    assert max(rights) <= 1920, rights
    assert wall.words_not_whole("#board .column-label") == []
    overflowing = wall.js("""return Array.from(document.querySelectorAll('.wall-note .note-text'))
        .filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent);""")
    assert overflowing == [], overflowing
    # And no word breaks mid-word: a column whose words do not fit takes a smaller size; a
    # hyphenated word too wide for its note breaks at a hyphen.
    assert wall.words_not_whole(".wall-note .note-text", after_hyphens=True) == []
    wall.shot("eight themes and Unsorted")


def test_a_crowded_theme_shows_what_fits_and_counts_the_rest(screens, facilitator):
    crowded = dict(THEMES)
    crowded["Drones and aerospace"] = THEMES["Drones and aerospace"] * 4   # 32 notes in one column
    fill_wall(facilitator, {k: crowded[k] for k in ["Drones and aerospace", "Electric vehicles", "Medical devices"]})
    wall = screens.wall()
    wall.wait(lambda: sum(len(c["notes"]) for c in (wall.columns() or [])) == 48, "the wall to show 48 notes")
    columns = wall_layout(wall)
    assert_legible(columns, 48, 18)
    assert columns[0]["more"] > 0, "the 32-note column should fold its overflow into '+N more'"
    # Only the crowded column gives up size: the others stay readable from the back of the room.
    for c in columns[1:]:
        assert all(n["size"] >= 24 for n in c["notes"]), (c["label"], [n["size"] for n in c["notes"]])
    wall.shot("a crowded theme")
    # The header grows after the notes were fitted (the QR code loads, the question wraps):
    # the board is fitted again, and still no note is cut off at the bottom.
    wall.js("document.querySelector('.wall-head').style.paddingBottom = '120px';")
    wall.wait(lambda: all(n["inside"] for c in wall_layout(wall) for n in c["notes"] if n["shown"]),
              "the board fitted again to its smaller height")
    assert_legible(wall_layout(wall), 48, 18)


def test_spotlight_shows_one_theme_alone_until_released(screens, facilitator):
    themes = fill_wall(facilitator)
    wall = screens.wall()
    wall.wait(lambda: len(wall.columns() or []) == 5, "five columns")
    facilitator("spotlight", theme=themes["Medical devices"])
    wall.wait_js("return shown($('spotlight')) && !shown($('board'));", message="the spotlight to replace the board")
    spot = wall.js("""return {label: text($('spotlight-label')),
        notes: Array.from($('spotlight-notes').querySelectorAll('.note-text'), (p) => ({text: text(p),
          size: parseFloat(getComputedStyle(p).fontSize), bottom: p.getBoundingClientRect().bottom}))};""")
    assert spot["label"] == "Medical devices"
    assert sorted(n["text"] for n in spot["notes"]) == sorted(THEMES["Medical devices"])
    assert all(n["size"] >= 32 for n in spot["notes"]), [n["size"] for n in spot["notes"]]
    assert all(n["bottom"] <= 1080 for n in spot["notes"])
    wall.shot("spotlight on Medical devices")
    facilitator("spotlight", theme=None)
    wall.wait_js("return !shown($('spotlight')) && shown($('board'));", message="the board to come back")
    # A phase change also releases it.
    facilitator("spotlight", theme=themes["Export markets"])
    wall.wait_js("return shown($('spotlight'));", message="the spotlight again")
    facilitator("setPhase", phase="requirements")
    wall.wait_js("return !shown($('spotlight'));", message="a phase change to release the spotlight")


def test_how_to_join_goes_back_on_the_wall_for_people_arriving_late(screens, facilitator, ws_phone):
    """A walk-through's latecomers found only the corner box: going back to the welcome would
    have moved every phone. The console puts the code, the address and the QR code in large on
    the wall, over the board, the phones staying in their phase."""
    fill_wall(facilitator)
    karen = ws_phone("Karen Lee", organization="Acme Machining")
    wall = screens.wall()
    console = screens.console()
    wall.wait(lambda: len(wall.columns() or []) == 5, "five columns")
    assert wall.js("return shown($('join-box')) && !shown($('welcome-view'));")
    console.click(console.by_id("show-join"))
    wall.wait_js("return shown($('welcome-view')) && !shown($('board')) && !shown($('join-box'));",
                 message="how to join over the board")
    code = console.js("return text($('join-code'));")
    assert wall.js("return text($('welcome-code'));") == code
    wall.wait_js("const q = $('welcome-qr'); return shown(q) && q.complete && q.naturalWidth > 0;", message="the large QR code")
    assert wall.js("return parseFloat(getComputedStyle($('welcome-code')).fontSize);") >= 80
    assert wall.phase() == "Opportunities", "the header still says where the meeting is"
    assert console.js("return $('show-join').getAttribute('aria-pressed') + ' ' + text($('show-join'));") == "true Take how to join off the wall"
    assert karen.post("Drones near the airport")["type"] == "ack", "the phones stay in their phase: posting opportunities"
    wall.shot("how to join, over the board")
    console.click(console.by_id("show-join"))
    wall.wait_js("return !shown($('welcome-view')) && shown($('board')) && shown($('join-box'));", message="the board back")
    # A phase change takes it down too.
    console.click(console.by_id("show-join"))
    wall.wait_js("return shown($('welcome-view'));", message="how to join again")
    facilitator("setPhase", phase="requirements")
    wall.wait_js("return !shown($('welcome-view')) && shown($('join-box'));", message="the phase change to take it down")
    console.wait_js("return $('show-join').getAttribute('aria-pressed') === 'false';", message="the console's button released")


FIVE_AREAS = {
    # Titles the engine gave strategy areas on a light-manufacturing wall: long words at the
    # wall's largest type would break mid-word ("Mainten|ance", "program|mers").
    "Maintenance technicians & cobots": ["Cobots for machine tending", "Maintenance techs who know PLCs"],
    "CNC programmers & evening machining": ["CNC programmers are retiring", "Evening machining class at the college"],
    "Youth apprenticeship & plant tours": ["Plant tours for 8th graders", "Paid youth apprenticeships"],
    "Quality certification consultant": ["Share an AS9100 consultant", "Pooled quality manager"],
    "Promote Three Rivers manufacturing": ["A map of who makes what", "Nobody outside the county knows us"],
}


def test_strategy_areas_and_champions_read_whole_from_the_back_of_the_room(screens, facilitator, ws_phone):
    """Commitments on the wall (1920×1080): five strategy areas with long titles, a champion from
    an organization with a long name; every word reads whole (none broken mid-word, none past
    its card), and an area nobody has taken yet says so without the workbook's verdict, which
    comes with the wrap-up."""
    ids = fill_wall(facilitator, FIVE_AREAS, kind="requirement")
    facilitator("setPhase", phase="commitments")
    champion = ws_phone("Rosalind Featherstonehaugh", organization="Confluence Precision Manufacturing")
    assert champion.command({"type": "champion", "theme": ids["CNC programmers & evening machining"]})["type"] == "ack"
    wall = screens.wall()
    wall.wait(lambda: (wall.areas() or {}).get("CNC programmers & evening machining", {}).get("champions")
              == ["Rosalind Featherstonehaugh"], "the champion on the wall")
    wall.wait_js("const q = $('join-qr'); return q.hidden || (q.complete && q.naturalWidth > 0);", message="the QR code to load")
    areas = wall.areas()
    assert set(areas) == set(FIVE_AREAS)
    assert areas["Quality certification consultant"]["not_priority_text"] == "No champion yet"
    assert wall.words_not_whole("#areas .area-label, #areas .champions li, #areas .supporters") == []
    size = wall.js("return parseFloat(getComputedStyle(document.querySelector('#areas .area-label')).fontSize);")
    assert size >= 40, f"area titles at {size} px"
    assert wall.js("const m = $('wall-main'); return m.scrollHeight <= m.clientHeight + 1;"), "everything on screen"
    wall.shot("five areas and a champion")
    facilitator("setPhase", phase="wrap-up")
    wall.wait(lambda: (wall.areas() or {}).get("Quality certification consultant", {}).get("not_priority_text")
              == "Not a priority right now", "the workbook's verdict at the wrap-up")
    assert wall.words_not_whole("#areas .area-label, #areas .champions li, #areas .supporters, #next-steps-list dd") == []
    wall.shot("wrap-up")


SEVEN_AREAS = {
    "Local demand, marketing and infrastructure": ["Buy local power", "Market the region to developers"],
    "Contractor capacity: drivers, equipment, bonding": ["Crane operators", "Bonding for small contractors"],
    "Local technical and safety training": ["Wind tech program", "OSHA 30 locally"],
    "Career awareness in schools": ["Teachers dont know these jobs exist", "Career day at the wind farm"],
    "Apprenticeships and new talent": ["Lineworker apprenticeships", "Pre-apprenticeship for high schoolers"],
    "Housing and child care for crews": ["Crew housing near the sites", "Child care for night shifts"],
    "Permitting, siting and interconnection": ["County permits take a year", "Interconnection queue backlog"],
}


def test_seven_strategy_areas_and_the_next_steps_all_on_the_wall(screens, facilitator, server):
    """A walk-through's wall with seven strategy areas, champions and people to invite put the
    next steps below the screen's edge at the wrap-up, and cut the partnership-wide invitation
    in half in the commitments: the champions' type gets smaller until all of it is on screen."""
    from conftest import harness
    ids = fill_wall(facilitator, SEVEN_AREAS, kind="requirement")
    facilitator("setPhase", phase="commitments")
    phones = [harness.phone_for(server, f"Champion {i}", organization=f"High Plains Rural Electric Co-op {i}") for i in range(7)]
    for phone, area in zip(phones, list(ids.values())[1:] + [list(ids.values())[0]]):
        assert phone.command({"type": "champion", "theme": area})["type"] == "ack"
    for i, area in enumerate(list(ids.values())[:4]):
        assert phones[i].command({"type": "nominate", "id": f"nom{i}", "name": f"Kelly Brandt {i}",
                                  "organization": "Brandt Crane & Rigging", "theme": area})["type"] == "ack"
    assert phones[5].command({"type": "nominate", "id": "whole", "name": "Sam Whitehorse",
                              "organization": "Tri-County Workforce Board"})["type"] == "ack"
    wall = screens.wall()
    wall.wait(lambda: len(wall.areas() or {}) == 7 and sum(len(a["champions"]) for a in wall.areas().values()) == 7,
              "seven areas and their champions")
    wall.wait_js("const q = $('join-qr'); return q.hidden || (q.complete && q.naturalWidth > 0);", message="the QR code to load")
    on_screen = """const m = $('wall-main'), els = [...arguments[0].map((id) => $(id))].filter((e) => e && shown(e));
        return m.scrollHeight <= m.clientHeight + 1 && els.every((e) => e.getBoundingClientRect().bottom <= innerHeight);"""
    wall.wait_js(on_screen, ["invite-whole"], message="the partnership-wide invitation on screen")
    wall.shot("seven areas, commitments")
    facilitator("setNextSteps", championsCallDate="2027-01-21T15:00", championsCallHost="Dana Whitfield",
                nextMeetingDate="2027-02-26", other="Priority teams refine action areas\nSend invitations to those missing")
    facilitator("setPhase", phase="wrap-up")
    wall.wait_js("return shown($('next-steps'));", message="the next steps")
    wall.wait_js(on_screen, ["invite-whole", "next-steps"], message="the next steps on screen")
    names = wall.js("return parseFloat(getComputedStyle(document.querySelector('#areas .champion-name')).fontSize);")
    assert names >= 18, f"champions' names at {names} px"
    wall.shot("seven areas, wrap-up")
    # On a 720p projector too (a walk-through's wrap-up had its next steps below the edge there).
    wall.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False})
    wall.js("window.dispatchEvent(new Event('resize'));")
    wall.wait(lambda: wall.js("return innerWidth;") == 1280, "the 720p viewport")
    facilitator("setNextSteps", championsCallDate="2027-01-21T15:00", championsCallHost="Dana Whitfield",
                nextMeetingDate="2027-02-26", other="Priority teams refine action areas\nSend invitations to those missing\nShare the summary")
    wall.wait_js(on_screen, ["invite-whole", "next-steps"], message="the next steps on screen at 1280x720")
    wall.shot("seven areas, wrap-up at 1280x720")
    for phone in phones:
        phone.close()


def test_a_small_projector_keeps_the_requirements_head_short_and_the_areas_nobody_took_last(screens, facilitator, server):
    """On a 1280×720 projector the requirements' question and the opportunities named under it
    took half the picture and hid 16 of 25 notes (a walk-through). The head keeps the share it
    has at 1080p, the opportunities on two lines at most. At the wrap-up, the areas nobody took
    on come after those the room will drive."""
    from conftest import harness
    fill_wall(facilitator, LONG_TITLES)
    facilitator("setPhase", phase="requirements")
    areas = {label: facilitator("createTheme", kind="requirement", label=label)["theme"] for label in ("Nobody's area", "Training", "Housing")}
    for i, (label, text) in enumerate([("Nobody's area", "Paperwork for small shops"), ("Training", "Shared instructor"), ("Housing", "Rooms near the plant")]):
        facilitator("post", id=f"q{i}", kind="requirement", text=text, scribe={"name": "E", "organization": "Shop", "role": "employer"})
        facilitator("moveNote", note=f"q{i}", theme=areas[label])
    wall = screens.wall()
    wall.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False})
    wall.js("window.dispatchEvent(new Event('resize'));")
    wall.wait_js("return innerWidth === 1280 && shown($('recap'));", message="the opportunities under the question at 720p")
    head = wall.js("""const r = $('recap'), lh = parseFloat(getComputedStyle(r).lineHeight);
        return {head: document.querySelector('.wall-head').getBoundingClientRect().height, lines: Math.round(r.getBoundingClientRect().height / lh)};""")
    assert head["head"] <= 0.3 * 720 and head["lines"] <= 2, head
    wall.shot("requirements head at 1280x720")
    facilitator("setPhase", phase="commitments")
    phones = [harness.phone_for(server, name) for name in ("Ana", "Bo")]
    assert phones[0].command({"type": "champion", "theme": areas["Training"]})["type"] == "ack"
    assert phones[1].command({"type": "champion", "theme": areas["Housing"]})["type"] == "ack"
    order = "return Array.from($('areas').children, (li) => text(li.querySelector('.area-label')));"
    wall.wait(lambda: wall.js(order) == ["Nobody's area", "Training", "Housing"], "the areas in their places while champions are called")
    facilitator("setPhase", phase="wrap-up")
    wall.wait(lambda: wall.js(order) == ["Training", "Housing", "Nobody's area"], "the area nobody took on last at the wrap-up")
    wall.shot("wrap-up at 1280x720")
    for phone in phones:
        phone.close()


def test_the_people_named_to_invite_are_on_the_wall_by_name(screens, facilitator, server):
    """"Who else should be involved?": the wall shows the people the room names, by name and
    organization under their strategy area, and those named for the partnership as a whole
    below the areas — never how to reach them (a walk-through saw only "1 person to invite")."""
    from conftest import harness
    ids = fill_wall(facilitator, {"Talent pipeline": THEMES["Drones and aerospace"][:3], "Broadband": THEMES["Export markets"][:3]},
                    kind="requirement")
    facilitator("setPhase", phase="commitments")
    luis = harness.phone_for(server, "Luis Ortega")
    for body in ({"id": "nom1", "name": "Tom Ruiz", "organization": "Valley Welding", "contact": "tom@valleywelding.example",
                  "theme": ids["Talent pipeline"]},
                 {"id": "nom2", "name": "Ana Flores", "organization": "Tri-County Chamber", "contact": "555-0142"}):
        assert luis.command({"type": "nominate", **body})["type"] == "ack"
    wall = screens.wall()
    wall.wait(lambda: (wall.areas() or {}).get("Talent pipeline", {}).get("invite") == "To invite: Tom Ruiz (Valley Welding)",
              "the person to invite under their area")
    assert wall.areas()["Broadband"]["invite"] is None
    wall.wait_js("return shown($('invite-whole')) && text($('invite-whole')) === arguments[0];",
                 "Also to invite, for the partnership as a whole: Ana Flores (Tri-County Chamber)", message="the whole partnership's")
    seen = wall.js("return document.body.innerText;")
    assert "tom@valleywelding.example" not in seen and "555-0142" not in seen
    # Read from the back of the room: at least 24 px on a wall of two areas, in the text's ink
    # (a walk-through found them at 20 px in a caption's grey, with room to spare).
    sizes = wall.js("""return ['#areas .invite', '#invite-whole'].map((s) => {
        const st = getComputedStyle(document.querySelector(s)); return [parseFloat(st.fontSize), st.color]; });""")
    assert all(size >= 24 for size, _ in sizes), sizes
    assert all(color == "rgb(26, 26, 26)" for _, color in sizes), sizes
    wall.shot("people to invite")
    luis.close()


def test_an_area_whose_only_notes_were_hidden_is_not_offered_for_champions(screens, facilitator, server):
    """A walk-through: the grouping put "same as above re wages" alone in an automatic theme
    titled "Re wages"; the facilitator hid the note. The board left the column out, but in the
    commitments it came back on the wall and every phone as "Re wages · 0 notes · I'll champion
    this". An automatic area with no note shown is not offered; one the facilitator named is."""
    from conftest import harness
    from test_browser_console_board import append_event
    ids = fill_wall(facilitator, {"Wages & benefits": ["Pay teachers more", "Health insurance for aides"],
                                  "Named, still empty": []}, kind="requirement")
    facilitator("post", id="aside", kind="requirement", text="same as above re wages",
                scribe={"name": "Marcus", "organization": "Little Sprouts", "role": "employer"})
    # The grouping's own theme for it, as the clustering writes it to the log.
    server.stop()
    now = int(time.time() * 1000)
    append_event(server.data, {"type": "themeCreated", "at": now, "theme": "t900", "kind": "requirement",
                               "label": "Re wages", "byHand": False})
    append_event(server.data, {"type": "noteMoved", "at": now, "note": "aside", "theme": "t900", "byHand": False})
    server.start()
    facilitator.client = harness.console_for(server)
    facilitator("hideNote", note="aside", hidden=True)
    facilitator("setPhase", phase="commitments")
    wall = screens.wall()
    wall.wait(lambda: set(wall.areas() or {}) == {"Wages & benefits", "Named, still empty"},
              "the areas people can champion, not the one whose only note was hidden")
    assert wall.areas()["Wages & benefits"]["facts"] == "2 notes"
    phone = screens.phone()
    phone.join("Ana Ruiz", "Little Sprouts")
    phone.wait(lambda: set(phone.areas() or {}) == {"Wages & benefits", "Named, still empty"}, "the same areas on the phone")
    phone.shot("areas")
    # Shown again, the note brings its area back.
    facilitator("hideNote", note="aside", hidden=False)
    wall.wait(lambda: "Re wages" in (wall.areas() or {}), "the area back with its note")
    # Hidden again, the console can delete its column (it could only be merged away): the
    # hidden note waits in Unsorted.
    facilitator("hideNote", note="aside", hidden=True)
    console = screens.console()
    console.wait(lambda: console.column("Re wages") is not None, "the column on the console")
    delete = console.column("Re wages").find_element(By.CSS_SELECTOR, ".delete-theme")
    console.wait(lambda: delete.is_displayed(), "Delete offered for a column of hidden notes only")
    assert "hidden note goes to Unsorted" in delete.get_attribute("aria-label")
    console.click(delete)
    console.wait(lambda: console.column("Re wages") is None, "the column deleted")
    assert "Re wages" not in (wall.areas() or {})


FIVE_BUSY_AREAS = {
    "Upskilling & employer-led curriculum": ["Employers help write the curriculum", "Short courses for working adults"],
    "Attract & keep tech talent in the region": ["Graduates leave for big cities", "Remote workers could move here"],
    "Cyber talent pipeline": ["Need SOC analysts with 2-3 years", "Security clearances take a year"],
    "Apprenticeships & work-based learning": ["Shared apprenticeship across MSPs", "Paid internships for juniors"],
    "Startup capital & local procurement": ["Local buyers skip local vendors", "No seed funds in the valley"],
}


def test_a_busy_wrap_up_sets_champions_in_large_type(screens, facilitator, server):
    """A walk-through's wrap-up: five areas, two champions on four of them, a supporter and
    people to invite, and three more next steps under the dates. Under the areas, the next
    steps left room only for champions' names at 20 px; beside them the type grows."""
    from conftest import harness
    ids = fill_wall(facilitator, FIVE_BUSY_AREAS, kind="requirement")
    facilitator("setPhase", phase="commitments")
    areas = list(ids.values())
    people = [harness.phone_for(server, name, organization=org) for name, org in [
        ("Priya Natarajan", "Valley Medical Center – IT"), ("Marcus O'Neill", "Tri-River Federal Bank"),
        ("Hannah Cho", "ShieldPoint Cyber"), ("Dana Kowalski", "Keystone Managed IT (MSP)")]]
    for i, phone in enumerate(people):
        for area in (areas[i], areas[(i + 1) % 4]):
            assert phone.command({"type": "champion", "theme": area})["type"] == "ack"
    partner = harness.phone_for(server, "Tom Reyes", organization="Tri-River Workforce Board", role="partner")
    for area in areas[2:4]:
        assert partner.command({"type": "champion", "theme": area})["type"] == "ack"
    for i, area in enumerate(areas[:3]):
        assert people[i].command({"type": "nominate", "id": f"inv{i}", "name": f"Renee Castillo {i}",
                                  "organization": "Valley Hospital Foundation", "theme": area})["type"] == "ack"
    facilitator("setNextSteps", championsCallDate="2026-04-02T15:00", championsCallHost="Hannah Cho", nextMeetingDate="2026-05-07T08:00",
                other="Priya to send draft summary to chairs by Friday\nTom: pull labor market data on SOC analyst openings\n"
                      "Invite Cardinal Data Centers and NetCore MSP to the champions call")
    facilitator("setPhase", phase="wrap-up")
    wall = screens.wall()
    wall.wait(lambda: len(wall.areas() or {}) == 5 and sum(len(a["champions"]) for a in wall.areas().values()) == 8,
              "five areas and their champions")
    wall.wait_js("return shown($('next-steps'));", message="the next steps")
    wall.wait_js("const q = $('join-qr'); return q.hidden || (q.complete && q.naturalWidth > 0);", message="the QR code to load")
    time.sleep(0.5)
    on_screen = """const m = $('wall-main'), els = [$('invite-whole'), $('next-steps')].filter((e) => e && shown(e));
        return m.scrollHeight <= m.clientHeight + 1 && els.every((e) => e.getBoundingClientRect().bottom <= innerHeight);"""
    assert wall.js(on_screen), "everything on screen"
    assert wall.words_not_whole("#areas .area-label, #areas .champions li, #areas .supporters, #areas .invite, #next-steps-list dd") == []
    names = wall.js("return parseFloat(getComputedStyle(document.querySelector('#areas .champion-name')).fontSize);")
    steps = wall.js("return parseFloat(getComputedStyle(document.querySelector('#next-steps-list dd')).fontSize);")
    assert names >= 26 and steps >= 24, f"champions' names at {names} px, next steps at {steps} px"
    wall.shot("busy wrap-up")
    for phone in people + [partner]:
        phone.close()
