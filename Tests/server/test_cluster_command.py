"""`convene cluster` (issue 11, item 6): the live engine on labelled notes from the command
line, as the server runs it, and a simulated facilitator who corrects the wall to the labels."""
import json
import os
import re
import subprocess

from conftest import BIN, ROOT

MODEL = os.path.join(ROOT, "models", "all-MiniLM-L6-v2")

THEMES = {
    "welders": ["Welders!! can't find any", "need more qualified CNC operators", "machinists are retiring and nobody replaces them",
                "skilled trades shortage on the shop floor", "hard to hire maintenance technicians", "not enough trained welders in the county"],
    "broadband": ["better broadband downtown", "fiber internet for rural shops", "our internet connection is too slow for the plant",
                  "high speed internet in the industrial park", "cell coverage is bad at our site", "network outages stop our production line"],
    "exports": ["selling our parts overseas", "export markets in Canada and Mexico", "help with export paperwork and tariffs",
                "international trade shows for small firms", "shipping costs to Asia are too high", "finding distributors abroad"],
}


GREETING_ID = {"plant-a": 5, "plant-b": 15}


def labelled_notes():
    """Two episodes, notes interleaved as phones post them, one parked greeting in each."""
    lines = []
    for episode in ("plant-a", "plant-b"):
        order = [(label, text) for i in range(6) for label, texts in THEMES.items() for text in texts[i:i + 1]]
        order.insert(4, ("unsorted", "good morning everyone!"))
        if episode == "plant-b":
            order.reverse()
        lines += [{"episode": episode, "id": n + 1, "text": text, "label": label} for n, (label, text) in enumerate(order)]
    return "\n".join(json.dumps(line) for line in lines) + "\n"


def run_cluster(*args):
    done = subprocess.run([BIN, "cluster", "--model-dir", MODEL, *args], input=labelled_notes(), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()], done.stderr


def test_the_live_wall_groups_the_notes_and_titles_each_theme():
    lines, _ = run_cluster()
    assert len(lines) == 2 * 19
    for episode in ("plant-a", "plant-b"):
        notes = [line for line in lines if line["episode"] == episode]
        assert {line["id"] for line in notes} == set(range(1, 20))
        by_label = {}
        for line in notes:
            assert set(line) == {"episode", "id", "theme", "label"}
            by_label.setdefault(line["theme"], set()).add(line["label"])
        # One title per theme, and Unsorted is called that.
        assert all(len(titles) == 1 for titles in by_label.values())
        assert by_label.get("unsorted", {"Unsorted"}) == {"Unsorted"}
        # The greeting is small talk: it waits in Unsorted for the facilitator.
        greeting = next(line for line in notes if line["id"] == GREETING_ID[episode])
        assert (greeting["theme"], greeting["label"]) == ("unsorted", "Unsorted")
        # Each labelled group has a theme holding most of it.
        sent = [json.loads(x) for x in labelled_notes().splitlines() if json.loads(x)["episode"] == episode]
        theme_of = {line["id"]: line["theme"] for line in notes}
        for label in THEMES:
            themes = [theme_of[x["id"]] for x in sent if x["label"] == label]
            top = max(set(themes), key=themes.count)
            assert top != "unsorted" and themes.count(top) >= 4, (label, themes)


def test_a_simulated_facilitator_finishes_each_wall_and_counts_the_actions():
    lines, errors = run_cluster("--simulate-facilitator")
    episodes, means = lines[:-1], lines[-1]
    assert [line["episode"] for line in episodes] == ["plant-a", "plant-b"]
    for line in episodes:
        assert set(line) == {"episode", "notes", "actions", "staticActions"}
        assert line["notes"] == 18, "the parked greeting is left out"
        assert 0 <= line["staticActions"] <= line["notes"]
        # Every action the facilitator takes removes work or applies the engine's proposal:
        # never more than the static minimum plus the proposals they applied.
        assert line["actions"] <= 2 * line["staticActions"]
    assert "work left" not in errors, errors
    assert means["episodes"] == 2
    assert means["notes"] == 18
    assert abs(means["actions"] - sum(line["actions"] for line in episodes) / 2) < 1e-9
    assert abs(means["staticActions"] - sum(line["staticActions"] for line in episodes) / 2) < 1e-9


def test_simulating_a_facilitator_needs_labels():
    done = subprocess.run([BIN, "cluster", "--model-dir", MODEL, "--simulate-facilitator"],
                          input='{"episode": "x", "id": 1, "text": "welders"}\n', capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "needs a \"label\"" in done.stderr


def test_stats_say_how_many_proposals_the_engine_made_and_the_output_is_the_same_every_run():
    """Plain `convene cluster`: `--stats` reports churn and the number of proposals on standard
    error (the wall printed is the one with every proposal applied); the same notes give the
    same themes and titles, byte for byte, every run."""
    first = subprocess.run([BIN, "cluster", "--model-dir", MODEL, "--stats"], input=labelled_notes(), capture_output=True,
                           text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    stats = re.findall(r"churn ([0-9.]+)% per note.*?(\d+) proposals? \(all applied\)", first.stderr)
    assert len(stats) == 1 and re.search(r"\bnotes 38,", first.stderr), first.stderr   # one line for the run's 38 notes
    assert 0 <= float(stats[0][0]) <= 100, stats
    again, _ = run_cluster()
    assert [json.loads(line) for line in first.stdout.splitlines() if line.strip()] == again, "the same notes, the same wall"


def test_titles_are_short_noun_phrases_distinct_within_each_wall():
    """Issue 11, item 4, on the command's live walls: 2–6 words, starting with a capital and
    a letter, ending on a word (never "&" or a comma), not a bare number, distinct per wall."""
    lines, _ = run_cluster()
    for episode in ("plant-a", "plant-b"):
        titles = {line["label"] for line in lines if line["episode"] == episode and line["theme"] != "unsorted"}
        assert len(titles) >= 2, titles
        for title in titles:
            words = [w for w in title.replace("&", " ").replace(",", " ").split()]
            assert 2 <= len(words) <= 6, title
            assert title[0].isalpha() and title[0].isupper(), title
            assert title.rstrip()[-1].isalnum() or title.rstrip()[-1] in "+)", title
            assert not all(w.isdigit() for w in words), title
        assert len({t.lower() for t in titles}) == len(titles), titles
