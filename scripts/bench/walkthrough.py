#!/usr/bin/env python3
"""The walk-through of issue 11 on a real server: six phones post one of the shared
meeting walls (`../shared/data/meetings/`) note by note, 0.4 s apart, in file order. Prints
the wall the room then sees (each column's title, size and the facilitator's groups in it),
Unsorted and the standing proposal; the same after the room's pause (15 s, when the wall
settles) and after the facilitator applies the proposal; the facilitator's own titles; the
notes the console marks to check first; what "Split" would offer on each column of six notes
or more; and the server's CPU over
5 s at rest afterwards (a placement or retitle job that kept rescheduling itself shows
there). Uses the test harness (Tests/server/conftest.py) and `CONVENE_BIN`.

Usage: .venv/bin/python scripts/bench/walkthrough.py [EPISODE] [--data ../shared/data]
"""
import argparse
import collections
import json
import os
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Tests", "server"))
from conftest import Server, console_for, phone_for, wait_until_placed  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("episode", nargs="?", default="autoparts-i65-corridor")
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    args = ap.parse_args()
    meetings = os.path.join(args.data, "meetings")
    rows = [r for r in map(json.loads, open(os.path.join(meetings, "walls.jsonl"))) if r["episode"] == args.episode]
    if not rows:
        raise SystemExit(f"no episode {args.episode!r} in {meetings}")
    titles = {r["label"]: r["title"] for r in map(json.loads, open(os.path.join(meetings, "themes.jsonl")))
              if r["episode"] == args.episode}
    server = Server(tempfile.mkdtemp(prefix="walkthrough-"))
    server.meeting = server.create_meeting()
    server.start()
    try:
        console = console_for(server)
        console.command({"type": "setPhase", "phase": "opportunities"})
        if rows[0]["phase"] == "requirements":
            console.command({"type": "setPhase", "phase": "requirements"})
        phones = [phone_for(server, f"Employer {i}") for i in range(6)]
        truth = {}
        for k, r in enumerate(rows):
            ack = phones[k % 6].post(r["text"], f"n{r['id']}")
            assert ack["type"] == "ack", ack
            truth[f"n{r['id']}"] = r["label"]
            time.sleep(0.4)
        wait_until_placed(server, truth.keys(), timeout=60)
        time.sleep(1.5)
        def show(heading):
            snap = console_for(server).welcome["snapshot"]
            held = collections.defaultdict(list)
            for n in snap["notes"]:
                held[n.get("theme")].append(truth[n["id"]])
            print(heading)
            for t in snap["themes"]:
                groups = collections.Counter(held[t["id"]]).most_common(3)
                print(f"  {t['label']!r:48} {len(held[t['id']]):3}  {dict(groups)}")
            print(f"  Unsorted {len(held[None]):3}  {dict(collections.Counter(held[None]))}")
            for kind, p in snap.get("proposals", {}).items():
                print(f"  proposal ({kind}): {len(p['moves'])} moves, new themes {[t['label'] for t in p['newThemes']]}")
            return snap

        show(f"{args.episode}: {len(rows)} notes from 6 phones; the wall as the last note lands")
        # The room pauses: after 15 s without a note the wall settles and the standing proposal
        # holds everything the regrouping would change. The facilitator applies it.
        time.sleep(17)
        snap = show("after the room's pause (15 s)")
        kind = "requirement" if rows[0]["phase"] == "requirements" else "opportunity"
        if kind in snap.get("proposals", {}):
            assert console.command({"type": "applyProposal", "kind": kind})["type"] == "ack"
            time.sleep(3)   # the changed themes are titled again on the clustering thread
            show("after the facilitator applies the proposal")
        print("  the facilitator's titles:", "; ".join(titles.values()))
        # The facilitator's "Suggest a regrouping" (a preview, dismissed), timed: it runs on the
        # service loop, with the themes it would open titled by meaning.
        t0 = time.monotonic()
        reply = console.command({"type": "regroup", "kind": kind, "preview": True})
        answered = (time.monotonic() - t0) * 1000
        if reply.get("proposal"):
            p = console_for(server).welcome["snapshot"]["proposals"][kind]
            print(f"  Regroup preview: {reply['moved']} moves, new themes {[t['label'] for t in p['newThemes']]} (answered in {answered:.0f} ms)")
            console.command({"type": "dismissProposal", "kind": kind})
        else:
            print(f"  Regroup preview: nothing would move (answered in {answered:.0f} ms)")
        # The notes the console marks "Check: also close to …" (the grouping's least sure), each
        # with the facilitator's group of the note and the groups its two columns mostly hold.
        snap = console_for(server).welcome["snapshot"]
        label = {t["id"]: t["label"] for t in snap["themes"]}
        theme_of = {n["id"]: n.get("theme") for n in snap["notes"]}
        t0 = time.monotonic()
        advice = console.command({"type": "mergeSuggestions", "kind": kind})
        answered = (time.monotonic() - t0) * 1000
        def main_group(theme):
            return collections.Counter(truth[i] for i, th in theme_of.items() if th == theme).most_common(1)[0][0]
        print(f"  marked to check first: {len(advice['doubts'])} notes (answered in {answered:.0f} ms)")
        for d in advice["doubts"]:
            own = theme_of[d["note"]]
            print(f"    {truth[d['note']]:24} in {label[own]!r} (mostly {main_group(own)}), also close to "
                  f"{label[d['alsoClose']]!r} (mostly {main_group(d['alsoClose'])})")
        # What "Split" on each column of six notes or more would offer (previewed, then dismissed).
        snap = console_for(server).welcome["snapshot"]
        held = collections.defaultdict(list)
        for n in snap["notes"]:
            held[n.get("theme")].append(n["id"])
        for t in snap["themes"]:
            if t["kind"] != kind or len(held[t["id"]]) < 6:
                continue
            t0 = time.monotonic()
            reply = console.command({"type": "splitByMeaning", "theme": t["id"]})
            answered = (time.monotonic() - t0) * 1000
            if reply["type"] != "ack" or not reply.get("proposal"):
                print(f"  Split {t['label']!r}: {reply.get('message', 'no split to offer')}")
                continue
            p = console_for(server).welcome["snapshot"]["proposals"][kind]
            leaving = {m["note"] for m in p["moves"]}
            def groups(ids):
                return dict(collections.Counter(truth[i] for i in ids).most_common())
            print(f"  Split {t['label']!r}: keeps {groups([i for i in held[t['id']] if i not in leaving])}, "
                  f"offers {p['newThemes'][0]['label']!r} {groups(leaving)} (answered in {answered:.0f} ms)")
            console.command({"type": "dismissProposal", "kind": kind})

        def cpu_seconds():
            fields = open(f"/proc/{server.proc.pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        before = cpu_seconds()
        time.sleep(5)
        print(f"  server CPU at rest: {cpu_seconds() - before:.2f} s over 5 s")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
