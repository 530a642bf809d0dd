"""What a person does and sees on each screen, as small methods over selenium.

Reading is done with one short script per question (the text a person reads, and whether
it is shown at all), writing with real clicks, key presses and menu choices."""
import base64
import os
import time

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

TIMEOUT = 10

VIEWPORTS = {
    "phone": {"width": 360, "height": 740, "deviceScaleFactor": 3, "mobile": True},
    "wall": {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False},
    "console": {"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": False},
}

# Shared page-side helpers, prepended to every script.
JS = r"""
const shown = (el) => !!el && !el.closest('[hidden]') && el.getClientRects().length > 0;
const text = (el) => (el ? el.textContent : null);
const $ = (id) => document.getElementById(id);
"""


class Screen:
    kind = None
    path = None

    def __init__(self, driver, name, server, shot_dir, counter, meeting=None):
        self.driver, self.name, self.server, self.shot_dir, self.counter = driver, name, server, shot_dir, counter
        # The meeting this screen shows: the test server's own unless another is given.
        self.meeting = meeting or server.meeting

    # ---- Opening and plumbing ----

    def url(self):
        return f"{self.server.http}/{self.path}?code={self.meeting.code}"

    def open(self):
        d = self.driver
        d.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": self.server.http, "storageTypes": "all"})
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", VIEWPORTS[self.kind])
        d.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": self.kind == "phone", "maxTouchPoints": 5})
        d.get(self.url())
        self.wait_ready()

    def wait_ready(self):
        pass

    def js(self, script, *args):
        return self.driver.execute_script(JS + script, *args)

    def wait(self, predicate, message="", timeout=TIMEOUT):
        """Waits until predicate() is truthy and returns its value; fails with `message` and
        the last value seen."""
        last = [None]

        def check(_):
            last[0] = predicate()
            return last[0]

        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(check)
        except TimeoutException:
            self.shot_quietly("timeout")
            raise AssertionError(f"{self.name}: timed out waiting for {message or predicate} (last: {last[0]!r})") from None

    def wait_js(self, script, *args, message="", timeout=TIMEOUT):
        return self.wait(lambda: self.js(script, *args), message or script.strip()[:200], timeout)

    def wait_equal(self, read, expected, message="", timeout=TIMEOUT):
        """Waits until read() == expected; on failure shows both."""
        last = [None]

        def check():
            last[0] = read()
            return last[0] == expected

        try:
            WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(lambda _: check())
        except TimeoutException:
            self.shot_quietly("timeout")
            raise AssertionError(f"{self.name}: {message or 'value'}: expected {expected!r}, last seen {last[0]!r}") from None
        return last[0]

    def shot(self, label):
        # What the room sees once the gentle fade-ins are over, not a frame in the middle.
        try:
            WebDriverWait(self.driver, 2, poll_frequency=0.05).until(
                lambda d: d.execute_script("return document.getAnimations().every((a) => a.playState !== 'running');"))
        except TimeoutException:
            pass
        self.counter[0] += 1
        path = os.path.join(self.shot_dir, f"{self.counter[0]:02d}-{self.name}-{label}.png")
        if self.kind == "wall":
            # The wall is one projected screen: what fits in 1920×1080 is what the room sees.
            self.driver.get_screenshot_as_file(path)
            return path
        # Phones and the console scroll: the whole page, at the viewport's width.
        # From the top, so sticky bars sit where they belong; the scroll position is put back.
        scrolled = self.driver.execute_script("const y = scrollY; scrollTo(0, 0); return y;")
        size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
        width = VIEWPORTS[self.kind]["width"]
        height = max(VIEWPORTS[self.kind]["height"], min(int(size["height"]), 12000))
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True, "optimizeForSpeed": True,
            # Phones at half their 3× pixel ratio: sharp enough to read, quicker to encode.
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 0.5 if self.kind == "phone" else 1}})
        self.driver.execute_script("scrollTo(0, arguments[0]);", scrolled)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        return path

    def shot_quietly(self, label):
        """A screenshot for a failure report: never hides the failure behind its own."""
        try:
            self.shot(label)
        except Exception:
            pass

    def js_errors(self):
        """Uncaught exceptions in the page since the last call (network errors are not counted:
        a phone that is offline may log failed WebSocket attempts)."""
        return [e for e in self.driver.get_log("browser") if e.get("source") == "javascript"]

    def click(self, element):
        """Clicks as a person does: first brings the element to the middle of the screen, out
        from under the sticky bars."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element)
        element.click()

    def choose(self, select, label):
        """Picks the option with this visible text in a <select>."""
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", select)
        Select(select).select_by_visible_text(label)

    def by_id(self, id_):
        return self.driver.find_element(By.ID, id_)

    def type_into(self, id_, value):
        field = self.by_id(id_)
        field.clear()
        if value:
            field.send_keys(value)
        return field

    def status(self):
        return self.js("return text($('status'));")

    def reload(self):
        self.driver.refresh()
        self.wait_ready()

    def set_offline(self, offline):
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                                    {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})

    def words_not_whole(self, selector, after_hyphens=False):
        """Words of the elements matching `selector` broken across two lines or running past
        the element's own box: [(word, "broken" | "overflows")]. Empty: every word reads whole.
        `after_hyphens`: a word broken only right after its hyphens ("state-of-the-|art") counts
        as whole."""
        return self.js("""
            const out = [];
            for (const el of document.querySelectorAll(arguments[0])) {
              if (!shown(el)) continue;
              const box = el.getBoundingClientRect();
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const m of node.data.matchAll(/\\S+/g)) {
                  const r = document.createRange();
                  r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
                  const rects = Array.from(r.getClientRects());
                  if (rects.length > 1) {
                    // Where each line of the word starts: after a hyphen, if hyphens may break.
                    let midWord = !arguments[1];
                    for (let i = 1; !midWord && i < m[0].length; i++) {
                      const a = document.createRange(), b = document.createRange();
                      a.setStart(node, m.index + i - 1); a.setEnd(node, m.index + i);
                      b.setStart(node, m.index + i); b.setEnd(node, m.index + i + 1);
                      if (Math.round(b.getBoundingClientRect().top) !== Math.round(a.getBoundingClientRect().top) && m[0][i - 1] !== '-') midWord = true;
                    }
                    if (midWord) out.push([m[0], 'broken']);
                  }
                  else if (rects.some((q) => q.right > box.right + 1)) out.push([m[0], 'overflows']);
                }
              }
            }
            return out;""", selector, after_hyphens)

    def run_axe(self, axe_source):
        """Runs axe-core on the page once it is still (a fade-in half done would be measured as
        faint text); returns its violations."""
        self.wait_js("return document.getAnimations().every((a) => a.playState !== 'running'"
                     " || a.effect?.getTiming().iterations === Infinity);",
                     message="animations to finish")
        if not self.js("return typeof axe === 'object';"):
            self.driver.execute_script(axe_source)
        return self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then((r) => done(r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,"
            "  nodes: v.nodes.map((n) => ({target: n.target.join(' '), html: n.html.slice(0, 200),"
            "    summary: n.failureSummary}))}))))"
            ".catch((e) => done([{id: 'axe-error', help: String(e), nodes: []}]));")


def describe_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}")
        for n in v["nodes"][:6]:
            lines.append(f"    {n['target']}: {n['html']}")
            if n.get("summary"):
                lines.append("      " + n["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


# ---- Phone ----


class Phone(Screen):
    kind = "phone"
    path = "phone.html"

    def wait_ready(self):
        self.wait_js("return shown($('join')) || shown($('join-closed')) || shown($('meeting')) || shown($('refused'));",
                     message="the phone page to connect")

    def join(self, name, organization, role="employer", email=None, consent=False):
        self.wait_js("return shown($('join-form'));", message="the join form")
        self.type_into("join-name", name)
        self.type_into("join-org", organization)
        self.click(self.driver.find_element(By.CSS_SELECTOR, f"#join-form input[name=role][value={role}]"))
        self.type_into("join-email", email or "")
        box = self.by_id("join-consent")
        if box.is_selected() != consent:
            self.click(box)
        self.click(self.driver.find_element(By.CSS_SELECTOR, "#join-form button[type=submit]"))
        self.wait_js("return shown($('meeting'));", message="the meeting view after joining")

    def you(self):
        return self.js("return text($('you'));")

    def question(self):
        return self.js("return text($('question'));")

    def phase(self):
        return self.js("return text($('phase'));")

    def may_post(self):
        return self.js("return shown($('post-form'));")

    def closed_notice(self):
        return self.js("return shown($('post-closed')) ? text($('post-closed')) : null;")

    def notes(self):
        """Your notes as listed: [(status, text)], newest first; status is posted, pending or rejected."""
        return [tuple(x) for x in self.js("""
            return Array.from(document.querySelectorAll('#notes > li')).map((li) =>
              [li.className.match(/note-(posted|pending|rejected)/)?.[1] || '?', text(li.querySelector('.note-text'))]);""")]

    def wall_places(self):
        """{note text: where the phone says it is on the wall} for your posted notes."""
        return self.js("""
            const out = {};
            for (const li of document.querySelectorAll('#notes > li.note-posted'))
              out[text(li.querySelector('.note-text'))] = shown(li.querySelector('.where')) ? text(li.querySelector('.where')) : '';
            return out;""")

    def post(self, note, wait_posted=True):
        self.wait_js("return shown($('post-form'));", message="the note form")
        self.type_into("note-text", note)
        self.click(self.by_id("post-button"))
        if wait_posted:
            self.wait(lambda: ("posted", note) in self.notes(), f"note {note!r} listed as posted on the phone")

    def areas(self):
        """Strategy areas on the phone: {label: {"champions": line, "pressed": bool}}."""
        return self.js("""
            const out = {};
            for (const li of document.querySelectorAll('#areas > li')) {
              out[text(li.querySelector('.area-label'))] = {
                champions: text(li.querySelector('.champions')),
                supporters: shown(li.querySelector('.supporters')) ? text(li.querySelector('.supporters')) : null,
                button: text(li.querySelector('button')),
                pressed: li.querySelector('button').getAttribute('aria-pressed') === 'true',
                you: shown(li.querySelector('.you-champion')),
                whatsIn: shown(li.querySelector('.area-notes')) ? text(li.querySelector('.area-notes summary')) : null,
                notes: Array.from(li.querySelectorAll('.area-notes li'), (n) => n.textContent),
              };
            }
            return out;""")

    def champion(self, label):
        self.wait(lambda: label in (self.areas() or {}), f"strategy area {label!r} on the phone")
        button = self.js("""
            for (const li of document.querySelectorAll('#areas > li'))
              if (text(li.querySelector('.area-label')) === arguments[0]) return li.querySelector('button');""", label)
        self.click(button)
        self.wait(lambda: self.areas()[label]["pressed"], f"the champion toggle of {label!r} pressed")

    def nominate(self, name, organization, contact=None, area=None):
        self.type_into("nom-name", name)
        self.type_into("nom-org", organization)
        self.type_into("nom-contact", contact or "")
        if area:
            self.choose(self.by_id("nom-area"), area)
        self.click(self.driver.find_element(By.CSS_SELECTOR, "#nominate-form button[type=submit]"))
        self.wait(lambda: any(n[0].startswith(name) for n in self.nominations()), f"nomination of {name!r} listed")

    def nominations(self):
        return [tuple(x) for x in self.js("""
            return Array.from(document.querySelectorAll('#your-nominations > li')).map((li) =>
              [text(li.querySelector('.who')), text(li.querySelector('.meta'))]);""")]

    def outbox(self):
        """The queued notes in this phone's localStorage."""
        return self.js("return JSON.parse(localStorage.getItem(arguments[0]) || '[]');",
                       f"convene.outbox.{self.meeting.code}")


# ---- Wall ----


class Wall(Screen):
    kind = "wall"
    path = "wall.html"

    def wait_ready(self):
        self.wait_js("return !!document.body.dataset.phase;", message="the wall to show the meeting")

    def phase(self):
        return self.js("return text($('phase'));")

    def question(self):
        return self.js("return text($('question'));")

    def columns(self):
        """The board as shown: [{"label", "count", "notes": [text…], "unsorted"}], left to right."""
        return self.js("""
            if (!shown($('board'))) return null;
            return Array.from($('board').children).map((col) => ({
              label: text(col.querySelector('.column-label')),
              count: text(col.querySelector('.count')),
              notes: Array.from(col.querySelectorAll('.wall-note .note-text'), text),
              unsorted: col.classList.contains('unsorted'),
            }));""")

    def board(self):
        """{label: sorted note texts} of the columns shown."""
        cols = self.columns() or []
        return {c["label"]: sorted(c["notes"]) for c in cols}

    def areas(self):
        """Strategy-area cards: {label: {"champions": [names], "orgs": [...], "not_priority": bool, "facts": str,
        "invite": "To invite: …" or None}}."""
        return self.js("""
            if (!shown($('areas-view'))) return null;
            const out = {};
            for (const li of $('areas').children) {
              out[text(li.querySelector('.area-label'))] = {
                champions: Array.from(li.querySelectorAll('.champion-name'), text),
                orgs: Array.from(li.querySelectorAll('.champion-org'), text),
                not_priority: shown(li.querySelector('.not-priority')),
                not_priority_text: text(li.querySelector('.not-priority')),
                supporters: shown(li.querySelector('.supporters')) ? text(li.querySelector('.supporters')) : null,
                facts: text(li.querySelector('.area-facts')),
                invite: shown(li.querySelector('.invite')) ? text(li.querySelector('.invite')) : null,
              };
            }
            return out;""")

    def next_steps(self):
        return self.js("""
            if (!shown($('next-steps'))) return null;
            const out = {};
            for (const dt of $('next-steps-list').querySelectorAll('dt')) {
              const values = [];
              for (let dd = dt.nextElementSibling; dd && dd.tagName === 'DD'; dd = dd.nextElementSibling) values.push(text(dd));
              out[text(dt)] = values.join('\\n');
            }
            return out;""")


# ---- Console ----


class Console(Screen):
    kind = "console"
    path = "console.html"

    def url(self):
        return super().url() + f"#key={self.meeting.key}"

    def wait_ready(self):
        self.wait_js("return $('loading').hidden && text($('status')) === 'Connected';", message="the console to connect")

    def message(self):
        return self.js("return shown($('message')) ? text($('message')) : null;")

    PHASES = ["welcome", "opportunities", "requirements", "commitments", "wrap-up", "closed"]

    def pressed_phase(self):
        return self.js("return document.querySelector('#phase-buttons [aria-pressed=true]')?.dataset.phase || null;")

    def phase_question(self):
        """The question the console asks before closing the meeting or going back a phase (None: none shown)."""
        return self.js("const q = document.getElementById('phase-confirm'); return q.hidden ? null : text(q);")

    def set_phase(self, phase):
        """Moves the meeting to `phase` from the phase buttons; closing it or going back a phase
        asks once more, and the facilitator confirms."""
        current = self.pressed_phase()
        self.click(self.driver.find_element(By.CSS_SELECTOR, f"#phase-buttons button[data-phase='{phase}']"))
        if phase != current and (phase == "closed" or (current in self.PHASES and self.PHASES.index(phase) < self.PHASES.index(current))):
            self.wait(lambda: self.phase_question(), f"the question before moving to {phase}")
            self.click(self.driver.find_element(By.ID, "phase-confirm-yes"))
        self.wait_js("return document.querySelector(`#phase-buttons [data-phase='${arguments[0]}']`)"
                     ".getAttribute('aria-pressed') === 'true';", phase, message=f"phase {phase} pressed")

    def columns(self):
        return self.js("""
            return Array.from($('console-board').children).map((col) => ({
              label: text(col.querySelector('.column-label')),
              count: text(col.querySelector('.count')),
              notes: Array.from(col.querySelectorAll('.console-note .note-text'), text),
              hidden: col.querySelectorAll('.console-note.is-hidden').length,
              authors: Array.from(col.querySelectorAll('.console-note .author'), text),
            }));""")

    def board(self):
        return {c["label"]: sorted(c["notes"]) for c in self.columns()}

    def column(self, label):
        return self.js("""
            for (const col of $('console-board').children)
              if (text(col.querySelector('.column-label')) === arguments[0]) return col;
            return null;""", label)

    def note_item(self, note):
        return self.js("""
            for (const li of document.querySelectorAll('#console-board .console-note'))
              if (text(li.querySelector('.note-text')) === arguments[0]) return li;
            return null;""", note)

    def theme_ids(self):
        """Ids of the themes on the board now (of the kind it shows), left to right."""
        return self.js("""
            return Array.from($('console-board').children, (c) => c.dataset.key).filter((k) => k !== '__unsorted');""")

    def create_theme(self, label):
        """Creates a theme of the kind the board shows; returns its id."""
        before = set(self.theme_ids())
        self.type_into("new-theme-label", label)
        self.click(self.driver.find_element(By.CSS_SELECTOR, "#create-theme-form button[type=submit]"))
        return self.wait(lambda: next((i for i in self.theme_ids() if i not in before
                                       and self.js("return text($('label-' + arguments[0]));", i) == label), None),
                         f"theme column {label!r} on the console")

    def send_to(self, note, theme_label):
        """Moves a note by tap: select its card, then press "Move here" on the column
        (theme_label "Unsorted" for none)."""
        for attempt in range(3):
            li = self.wait(lambda: self.note_item(note), f"note {note!r} on the console")
            if note in self.board().get(theme_label, []):
                return   # the grouping already followed the facilitator's earlier corrections
            try:
                self.click(li.find_element(By.CSS_SELECTOR, ".note-card"))
                break
            except StaleElementReferenceException:
                # The board was drawn again between finding the card and clicking it (the
                # note was just placed): nothing was clicked; find the card again.
                if attempt == 2:
                    raise
        button = self.wait(lambda: self.js("""
            for (const col of $('console-board').children)
              if (text(col.querySelector('.column-label')) === arguments[0]) {
                const b = col.querySelector('.move-here');
                return shown(b) ? b : null;
              }
            return null;""", theme_label) or (note in self.board().get(theme_label, []) and "there"),
            f"the Move here button of {theme_label!r}")
        if button == "there":
            return   # it followed an earlier correction while we were selecting it
        self.click(button)
        self.wait(lambda: note in self.board().get(theme_label, []), f"note {note!r} in column {theme_label!r}")

    def drag_to(self, note, theme_label):
        """Moves a note by dragging its card onto a column (HTML drag and drop, as the
        browser fires it for a mouse drag)."""
        li = self.wait(lambda: self.note_item(note), f"note {note!r} on the console")
        col = self.wait(lambda: self.column(theme_label), f"column {theme_label!r}")
        # Chromium's WebDriver does not perform native HTML5 drags; the same events are
        # dispatched with one shared DataTransfer, as a mouse drag produces them.
        self.js("""
            const [li, col] = arguments;
            const dt = new DataTransfer();
            const fire = (el, type) => el.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: dt}));
            fire(li, 'dragstart'); fire(col, 'dragenter'); fire(col, 'dragover'); fire(col, 'drop'); fire(li, 'dragend');""", li, col)
        self.wait(lambda: note in self.board().get(theme_label, []), f"note {note!r} dragged into {theme_label!r}")

    def rename(self, label, new_label):
        col = self.column(label)
        self.click(col.find_element(By.CSS_SELECTOR, ".label-button"))
        field = col.find_element(By.CSS_SELECTOR, "input.rename")
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(new_label, Keys.ENTER)
        self.wait(lambda: self.column(new_label), f"theme renamed to {new_label!r}")

    def merge(self, from_label, into_label):
        col = self.column(from_label)
        into = self.js("""
            for (const col of $('console-board').children)
              if (text(col.querySelector('.column-label')) === arguments[0]) return col.dataset.key;""", into_label)
        self.merge_ids(col.get_attribute("data-key"), into)
        self.wait(lambda: not self.column(from_label), f"theme {from_label!r} merged away")

    def merge_ids(self, from_id, into_id):
        """Merges with the "Merge" controls of the theme `from_id`."""
        col = self.js("return document.querySelector(`#console-board > [data-key='${arguments[0]}']`);", from_id)
        details = col.find_element(By.CSS_SELECTOR, "details")
        if not details.get_attribute("open"):
            self.click(details.find_element(By.CSS_SELECTOR, "summary"))
        select = col.find_element(By.CSS_SELECTOR, "select.merge-into")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", select)
        Select(select).select_by_value(into_id)
        self.click(col.find_element(By.XPATH, ".//button[normalize-space()='Merge']"))
        # Done at once: "Undo the merge" puts it back.
        self.wait(lambda: from_id not in self.theme_ids(), f"theme {from_id} merged away")

    def fold_other_themes(self, keep, into):
        """Merges every theme the facilitator did not make (the clustering's proposals, if the
        server makes any) into `into`, so the board holds the facilitator's themes only.
        Returns how many there were."""
        others = [i for i in self.theme_ids() if i not in keep]
        for theme in others:
            self.merge_ids(theme, into)
        return len(others)

    def champion_cards(self):
        return {x[0]: x[1] for x in self.js("""
            return Array.from($('champion-areas').children).map((li) =>
              [text(li.querySelector('.area-label')), text(li.querySelector('.champions'))]);""")}

    def nominations(self):
        return [tuple(r) for r in self.js("""
            return Array.from($('nominations').children).map((tr) =>
              Array.from(tr.children).slice(0, 5).map(text));""")]

    def participants(self):
        return [tuple(r) for r in self.js("""
            return Array.from($('people').children).map((tr) =>
              [text(tr.children[0].querySelector('.name') || tr.children[0]), ...Array.from(tr.children).slice(1, 5).map(text)]);""")]

    def people_summary(self):
        return self.js("return text($('people-summary'));")

    def board_summary(self):
        return self.js("return text($('board-summary'));")


def wait_until(predicate, message, timeout=TIMEOUT):
    """Waits for something outside any page (e.g. the server's state)."""
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {message} (last: {last!r})")


# ---- Organizer's page ----


class Meetings(Screen):
    """meetings.html: the organizer's list of meetings and the form that starts one."""
    kind = "console"
    path = "meetings.html"

    def __init__(self, *args, key=None, **kw):
        super().__init__(*args, **kw)
        self.key = key

    def url(self):
        return f"{self.server.http}/{self.path}" + (f"#organizer={self.key}" if self.key else "")

    def wait_ready(self):
        self.wait_js("return shown($('list-section')) || shown($('key-section'));", message="the organizer's page")

    def listed(self):
        """[(title, date, code, phase, people, notes)] as shown, newest first."""
        return [tuple(r) for r in self.js("""
            if (!shown($('list-section'))) return [];
            return Array.from($('meetings').children, (tr) => Array.from(tr.children).slice(0, 6).map(text));""")]
