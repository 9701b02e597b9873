#!/usr/bin/env python3
"""Ten years of plausible, deterministic data for bench/run.

Writes, into OUT_DIR:
  thaw.json      a Thaw JSON document (`thaw import json thaw.json`):
                 check-ins (default 30,000, about 8 a day, as the
                 crate benches use), 20 activities with their logs,
                 grounding sessions, in Europe/Berlin, ending on UNTIL;
  journal.txt    a jrnl plain-text journal: one entry a day over the same
                 ten years, with a title line and a short body.

Standard library only; the same seed gives the same data (only the dates
move with UNTIL).

Usage: gen_data.py OUT_DIR UNTIL [CHECKINS]     (UNTIL: YYYY-MM-DD)
"""

import json
import math
import random
import sys
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

TZ = "Europe/Berlin"
DAYS = 3652  # ten years and their leap days
SENSATIONS = [
    "I feel detached", "tight chest", "heavy", "Heavy ", "warm", "tearful",
    "calm", "restless", "flat", "a little lighter", "numb hands", "buzzing",
    "tired eyes", "lump in throat", "loose shoulders",
]
TRIGGERS = ["poor sleep", "Poor sleep ", " POOR SLEEP", "conflict", "work",
            "Work", "crowds", "alone all day", "news"]
ACTIVITIES = [f"activity {i:02d}" for i in range(20)]
TECHNIQUES = ["breaths", "senses", "54321", "body-scan"]
NOTES = ["an ordinary day, a little flat", "better after lunch",
         "slept badly", "called my sister", "long day at work"]
WORDS = ("the and a walk slept work friend tired coffee rain sun "
         "park read cooked quiet busy call music tea later felt").split()


def clamp(v):
    return max(0, min(10, int(round(v))))


def uid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def main():
    out = Path(sys.argv[1])
    until = date.fromisoformat(sys.argv[2])
    target = int(sys.argv[3]) if len(sys.argv) > 3 else 30_000
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20260601)
    zone = ZoneInfo(TZ)
    first = until - timedelta(days=DAYS - 1)

    def stamp(day, minute_of_day):
        t = time(minute_of_day // 60, minute_of_day % 60)
        return datetime.combine(day, t, tzinfo=zone).isoformat()

    # Spread exactly `target` check-ins over the days: day i gets the
    # check-ins whose slot falls on it (about target / DAYS each).
    per_day = [0] * DAYS
    for slot in range(target):
        per_day[slot * DAYS // target] += 1

    checkins, logs, sessions = [], [], []
    for i in range(DAYS):
        day = first + timedelta(days=i)
        season = 1.5 * math.sin(2 * math.pi * i / 365.25)
        drift = -1.5 * i / DAYS  # numbness eases over the years
        done = {a for a in ACTIVITIES if rng.random() < 0.15}
        effect = -0.8 * len(done & set(ACTIVITIES[:5]))
        for name in sorted(done):
            predicted = rng.choice([None, 3, 4, 5])
            actual = clamp(predicted + rng.gauss(1, 1.5)) if predicted is not None else None
            logs.append({
                "id": uid(rng), "activity": name,
                "at": stamp(day, rng.randrange(6 * 60, 22 * 60)),
                "tier": rng.choice(["full", "full", "small", "minimal"]),
                "status": rng.choice(["done", "done", "done", "partial"]),
                "predicted": predicted, "actual": actual, "note": None,
            })
        if rng.random() < 0.05:
            logs.append({
                "id": uid(rng), "activity": rng.choice(ACTIVITIES),
                "at": stamp(day, 9 * 60), "tier": "full", "status": "skipped",
                "predicted": 3, "actual": None, "note": None,
            })
        if rng.random() < 0.3:
            before = rng.choice([5, 6, 7, 8, 9])
            sessions.append({
                "id": uid(rng), "technique": rng.choice(TECHNIQUES),
                "at": stamp(day, rng.randrange(18 * 60, 23 * 60)),
                "duration_s": rng.choice([60, 180, 300]),
                "before": before,
                "after": clamp(before - rng.choice([-1, 0, 1, 1, 2, 3]))
                if rng.random() < 0.9 else None,
            })
        spike = 4.0 if rng.random() < 0.01 else 0.0
        minutes = sorted(rng.sample(range(7 * 60, 24 * 60), per_day[i]))
        for m in minutes:
            numb = clamp(5.5 + season + drift + effect + spike + rng.gauss(0, 1.5))
            checkins.append({
                "id": uid(rng), "at": stamp(day, m),
                "mood": clamp(5 - season + rng.gauss(0, 1.5)) if rng.random() < 0.9 else None,
                "numbness": numb if rng.random() < 0.92 else None,
                "energy": clamp(5 + rng.gauss(0, 2)) if rng.random() < 0.7 else None,
                "pleasure": None, "connection": None,
                "sensations": rng.sample(SENSATIONS, rng.choice([0, 1, 1, 2, 3])),
                "triggers": rng.sample(TRIGGERS, 1) if rng.random() < 0.3 else [],
                "note": rng.choice(NOTES) if rng.random() < 0.3 else None,
                "plan": None,
            })

    doc = {
        "format": "thaw", "version": 1, "timezone": TZ,
        "exported_at": datetime.now(tz=ZoneInfo("UTC")).isoformat(),
        "activities": [{"name": a, "small": None, "minimal": None, "expect": None,
                        "values": [], "every": None, "time": None} for a in ACTIVITIES],
        "activity_logs": logs, "checkins": checkins,
        "grounding_sessions": sessions,
        "journal": [], "relapse_plan": None, "safety_plan": None,
        "screeners": [], "selfcare": [], "selfcare_logs": [],
        "social_attempts": [], "social_steps": [], "value_actions": [],
        "values": [], "wins": [],
    }
    (out / "thaw.json").write_text(json.dumps(doc))

    # jrnl's plain-text format: "[YYYY-MM-DD HH:MM] Title." then the body,
    # entries separated by a blank line (as jrnl itself writes them).
    with open(out / "journal.txt", "w", encoding="utf-8") as f:
        for i in range(DAYS):
            day = first + timedelta(days=i)
            hh, mm = rng.randrange(7, 23), rng.randrange(60)
            title = f"Mood {rng.randrange(11)}, numbness {rng.randrange(11)}."
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(15, 45)))
            tag = " @walk" if rng.random() < 0.3 else ""
            f.write(f"[{day.isoformat()} {hh:02d}:{mm:02d}] {title}\n{body}.{tag}\n\n")

    print(f"{len(checkins)} check-ins, {len(logs)} activity logs, "
          f"{len(sessions)} grounding sessions from {first} to {until}; "
          f"{DAYS} jrnl entries")


if __name__ == "__main__":
    main()
