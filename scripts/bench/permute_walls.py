#!/usr/bin/env python3
"""Writes meeting walls again in other arrival orders, as more walls for `convene-bench
meetings --data DIR`: a change that helps one arrival order by luck shows as noise across
orders. Reads the shared walls (never copies them into the repository); writes to DIR.

    python3 scripts/bench/permute_walls.py --out /tmp/perm --orders 8 \
        agfood-lower-arroyo-valley construction-gulf-bend
    .build/release/convene-bench meetings --data /tmp/perm
"""
import argparse
import json
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("episodes", nargs="+")
parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data"))
parser.add_argument("--out", required=True)
parser.add_argument("--orders", type=int, default=8)
args = parser.parse_args()

walls = [json.loads(line) for line in open(os.path.join(args.data, "meetings", "walls.jsonl"), encoding="utf-8")]
themes = [json.loads(line) for line in open(os.path.join(args.data, "meetings", "themes.jsonl"), encoding="utf-8")]
os.makedirs(os.path.join(args.out, "meetings"), exist_ok=True)
with open(os.path.join(args.out, "meetings", "walls.jsonl"), "w", encoding="utf-8") as out, \
        open(os.path.join(args.out, "meetings", "themes.jsonl"), "w", encoding="utf-8") as titles:
    for episode in args.episodes:
        notes = [w for w in walls if w["episode"] == episode]
        for k in range(args.orders):
            order = notes[:]
            random.Random(k * 7 + 1).shuffle(order)
            name = f"{episode}-p{k}"
            for i, note in enumerate(order):
                out.write(json.dumps(dict(note, episode=name, id=i + 1), ensure_ascii=False) + "\n")
            for t in themes:
                if t["episode"] == episode:
                    titles.write(json.dumps(dict(t, episode=name), ensure_ascii=False) + "\n")
