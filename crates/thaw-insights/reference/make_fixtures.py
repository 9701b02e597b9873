#!/usr/bin/env python3
"""Reference fixtures for thaw-insights, computed independently with
pandas, numpy and scipy.

Each fixture in fixtures/*.json holds
  {"input": {timezone, until, days, checkins, activity_logs,
             grounding_sessions},
   "expected": <the JSON of `thaw --json insights`>}
and tests/reference.rs runs the Rust engine on every input and compares
every field with "expected".

The datasets are synthetic and deterministic (Python's `random.Random`
with fixed seeds, whose sequence is stable across Python versions):

- berlin_dst_walk: Europe/Berlin around the 2026-03-29 DST change; a
  planted walk effect (numbness about 2 lower, mood higher, on walk days);
  several check-ins a day, some at 00:20 local (the previous day in UTC)
  and 23:45; planted spikes; trigger spellings differing in case and
  spaces; grounding with >= 3 sessions, 2 sessions, and zero variance.
- new_york_late_nights: America/New_York across the 2025-11-02 DST end;
  every check-in at 23:45 local (already the next day in UTC); whole
  numbers only, so many ties in the day values; a rising trend.
- short_history: Asia/Kolkata; data starts inside the window, so the first
  days have fewer than 7 prior values and are not judged; too few days
  for intervals; an activity done on every rated day (no days without).
- steady: UTC; numbness exactly 6 on walk days and 4 otherwise, so both
  sides have no variance ([d, d]) and the MAD is 0 (no spike is judged).
- sydney_sparse: Australia/Sydney across the 2026-04-05 DST end; days
  with gaps and 1-4 check-ins each, so day values are varied fractions and
  the pairwise slopes mostly distinct: this is the dataset that pins
  down the exact ranks of Sen's interval bounds.
- tied_sparse: America/Sao_Paulo; one whole-number rating on about half
  of the days: heavy ties in the values but irregular gaps between days,
  which pins down scipy's tie correction of Sen's variance.
- year_los_angeles: a 365-day window in America/Los_Angeles (both DST
  changes) with noisy data, several activities and triggers.

Run: python3 make_fixtures.py   (needs scipy, pandas; writes fixtures/)
"""

import json
import math
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from scipy import stats

HERE = Path(__file__).resolve().parent
OUT = HERE / "fixtures"

SENSATIONS = ["I feel detached", "tight chest", "heavy", "Heavy ", "warm",
              "tearful", "calm", "restless", "flat", "a little lighter"]


# ---------------------------------------------------------------- builders

def at(tz, day, hh, mm):
    """RFC 3339 text of a local wall-clock time on `day` in `tz`."""
    return datetime.combine(day, time(hh, mm), tzinfo=ZoneInfo(tz)).isoformat()


def clamp(v):
    return max(0, min(10, int(round(v))))


def checkin(when, mood=None, numbness=None, sensations=(), triggers=()):
    return {"at": when, "mood": mood, "numbness": numbness,
            "sensations": list(sensations), "triggers": list(triggers)}


def log(activity, when, status="done", tier="full", predicted=None, actual=None):
    return {"activity": activity, "at": when, "tier": tier, "status": status,
            "predicted": predicted, "actual": actual}


def session(technique, when, before, after):
    return {"technique": technique, "at": when, "duration_s": 180,
            "before": before, "after": after}


def days_between(first, last):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)


def berlin_dst_walk():
    tz, rng = "Europe/Berlin", random.Random(20260329)
    until, n_days = date(2026, 4, 19), 70
    start = until - timedelta(days=n_days - 1 + 35)
    checkins, logs, sessions = [], [], []
    spikes = {date(2026, 3, 3), date(2026, 4, 2)}
    for i, d in enumerate(days_between(start, until)):
        if rng.random() < 0.08:
            continue  # a day without check-ins
        walked = rng.random() < 0.45
        if walked:
            status = rng.choice(["done", "done", "partial"])
            hh = rng.choice([7, 12, 18])
            pred = rng.choice([None, 2, 3, 4])
            act = rng.choice([None, 5, 6, 7]) if pred is not None else None
            logs.append(log("walk", at(tz, d, hh, 30), status, "small", pred, act))
        elif rng.random() < 0.2:
            logs.append(log("walk", at(tz, d, 9, 0), "skipped", predicted=3))
        base_numb = 6.0 - (2.0 if walked else 0.0) + (4.0 if d in spikes else 0.0)
        base_mood = 4.0 + (1.5 if walked else 0.0)
        slots = rng.sample([(0, 20), (8, 10), (13, 30), (19, 5), (23, 45)],
                           rng.choice([1, 2, 2, 3]))
        for hh, mm in slots:
            numb = clamp(base_numb + rng.gauss(0, 1.2)) if rng.random() < 0.9 else None
            mood = clamp(base_mood + rng.gauss(0, 1.2)) if rng.random() < 0.85 else None
            sens = rng.sample(SENSATIONS, rng.choice([0, 1, 2]))
            trig = []
            if rng.random() < 0.3:
                trig.append(rng.choice(["poor sleep", "Poor sleep ", " POOR SLEEP"]))
            if rng.random() < 0.15:
                trig.append("conflict")
            checkins.append(checkin(at(tz, d, hh, mm), mood, numb, sens, trig))
        if i % 9 == 0:
            logs.append(log("call a friend", at(tz, d, 20, 0), "done",
                            predicted=2, actual=rng.choice([4, 5])))
    # Grounding: breaths (many), senses (2), 54321 (identical changes).
    for k, d in enumerate(days_between(until - timedelta(days=40), until)):
        if k % 4 == 0:
            before = rng.choice([6, 7, 8])
            sessions.append(session("breaths", at(tz, d, 21, 0), before,
                                    before - rng.choice([0, 1, 1, 2, 3])))
    sessions += [
        session("senses", at(tz, until - timedelta(days=3), 10, 0), 7, 6),
        session("senses", at(tz, until - timedelta(days=2), 10, 0), 8, 5),
        session("senses", at(tz, until - timedelta(days=1), 10, 0), 8, None),
        session("54321", at(tz, date(2026, 3, 28), 23, 45), 8, 6),
        session("54321", at(tz, date(2026, 3, 29), 23, 45), 7, 5),
        session("54321", at(tz, date(2026, 3, 30), 0, 20), 9, 7),
        # Before the window: not counted.
        session("body-scan", at(tz, start, 12, 0), 9, 2),
    ]
    # 00:30 local on the day after the window is still `until` in UTC:
    # it belongs to the next day and must not count.
    logs.append(log("walk", at(tz, until + timedelta(days=1), 0, 30), "done",
                    predicted=1, actual=10))
    checkins.append(checkin(at(tz, until + timedelta(days=1), 0, 30), 0, 10,
                            ["outside the window"], ["outside"]))
    return tz, until, n_days, checkins, logs, sessions


def new_york_late_nights():
    tz, rng = "America/New_York", random.Random(20251102)
    until, n_days = date(2025, 11, 15), 30
    start = until - timedelta(days=n_days - 1 + 28)
    checkins, logs, sessions = [], [], []
    for i, d in enumerate(days_between(start, until)):
        level = 3 + (i * 3) // 58  # 3 -> 5 over the period: rising
        numb = clamp(level + rng.choice([-1, 0, 0, 0, 1]))
        mood = clamp(6 - (i * 2) // 58 + rng.choice([-1, 0, 1]))
        journaled = i % 3 == 0
        if journaled:
            numb = max(0, numb - 1)
            logs.append(log("journal", at(tz, d, 23, 45), "done",
                            predicted=3, actual=rng.choice([3, 4, 5])))
        trig = ["dark evenings"] if d >= date(2025, 11, 2) and i % 2 == 0 else []
        checkins.append(checkin(at(tz, d, 23, 45), mood, numb,
                                rng.sample(SENSATIONS, 1), trig))
    for d in [date(2025, 11, 1), date(2025, 11, 2), date(2025, 11, 3), date(2025, 11, 9)]:
        sessions.append(session("breaths", at(tz, d, 23, 45), 6, rng.choice([4, 5])))
    return tz, until, n_days, checkins, logs, sessions


def short_history():
    tz, rng = "Asia/Kolkata", random.Random(7)
    until, n_days = date(2026, 1, 20), 14
    start = date(2026, 1, 10)
    checkins, logs, sessions = [], [], []
    for i, d in enumerate(days_between(start, until)):
        numb = [5, 6, 4, 5, 6, 5, 4, 9, 5, 6, 10][i]
        checkins.append(checkin(at(tz, d, 9, 0), rng.choice([3, 4, 5]), numb,
                                ["numb"] if i % 2 else [], ["work"] if i % 3 == 0 else []))
        logs.append(log("stretch", at(tz, d, 7, 0), "partial", "minimal"))
        if i < 3:
            logs.append(log("tea", at(tz, d, 16, 0), "done", predicted=5, actual=4))
    # A trigger named only in a check-in without ratings.
    checkins.append(checkin(at(tz, until, 22, 0), None, None, [], ["loud neighbours"]))
    sessions.append(session("breaths", at(tz, until, 22, 5), 8, 6))
    sessions.append(session("breaths", at(tz, until, 22, 30), 7, 7))
    return tz, until, n_days, checkins, logs, sessions


def steady():
    tz = "UTC"
    until, n_days = date(2026, 2, 28), 28
    start = until - timedelta(days=n_days - 1 + 28)
    checkins, logs, sessions = [], [], []
    for i, d in enumerate(days_between(start, until)):
        walked = i % 2 == 0
        numb, mood = (6, 5) if walked else (4, 5)
        if walked:
            logs.append(log("walk", at(tz, d, 8, 0)))
        checkins.append(checkin(at(tz, d, 12, 0), mood, numb, ["calm"], ["rain"] if walked else []))
    for k in range(4):
        sessions.append(session("senses", at(tz, until - timedelta(days=k), 18, 0), 7, 5))
    return tz, until, n_days, checkins, logs, sessions


def sydney_sparse():
    tz, rng = "Australia/Sydney", random.Random(2026)
    until, n_days = date(2026, 4, 20), 45
    start = until - timedelta(days=n_days - 1 + 10)
    checkins, logs, sessions = [], [], []
    for i, d in enumerate(days_between(start, until)):
        if rng.random() < 0.4:
            continue
        for hh, mm in rng.sample([(0, 5), (7, 40), (12, 0), (18, 25), (23, 45)], rng.choice([1, 2, 3, 4])):
            numb = clamp(7 - i * 0.06 + rng.gauss(0, 2.0))
            checkins.append(checkin(at(tz, d, hh, mm), clamp(rng.gauss(5, 2)), numb,
                                    rng.sample(SENSATIONS, 1), []))
        if rng.random() < 0.5:
            logs.append(log("sea swim", at(tz, d, 6, 15), "done"))
    return tz, until, n_days, checkins, logs, sessions


def tied_sparse():
    tz, rng = "America/Sao_Paulo", random.Random(11)
    until, n_days = date(2026, 6, 30), 40
    start = until - timedelta(days=n_days - 1)
    checkins = []
    for i, d in enumerate(days_between(start, until)):
        if rng.random() < 0.5:
            continue
        numb = clamp(4 + i * 0.05 + rng.choice([-1, 0, 0, 1]))
        checkins.append(checkin(at(tz, d, 21, 0), 5, numb))
    return tz, until, n_days, checkins, [], []


def year_los_angeles():
    tz, rng = "America/Los_Angeles", random.Random(365)
    until, n_days = date(2025, 12, 31), 365
    start = until - timedelta(days=n_days - 1 + 28)
    checkins, logs, sessions = [], [], []
    for i, d in enumerate(days_between(start, until)):
        if rng.random() < 0.1:
            continue
        swim = rng.random() < 0.2
        cook = rng.random() < 0.5
        for name, done in [("swim", swim), ("cook", cook)]:
            if done:
                logs.append(log(name, at(tz, d, rng.choice([6, 17, 23]), 45),
                                rng.choice(["done", "partial"]),
                                predicted=rng.choice([None, 4]), actual=rng.choice([None, 6])))
        season = 1.5 * math.sin(2 * math.pi * i / 365)
        for hh, mm in rng.sample([(0, 20), (9, 0), (15, 15), (23, 45)], rng.choice([1, 2, 3])):
            numb = clamp(5 + season - (1.0 if swim else 0) + rng.gauss(0, 1.5))
            mood = clamp(5 - season + rng.gauss(0, 1.5)) if rng.random() < 0.8 else None
            trig = rng.sample(["poor sleep", "Work", "work ", "crowds"], rng.choice([0, 0, 1, 2]))
            checkins.append(checkin(at(tz, d, hh, mm), mood, numb,
                                    rng.sample(SENSATIONS, rng.choice([0, 1, 3])), trig))
        if rng.random() < 0.1:
            before = rng.choice([5, 6, 7, 8])
            sessions.append(session(rng.choice(["breaths", "body-scan"]), at(tz, d, 20, 0),
                                    before, clamp(before - rng.choice([-1, 0, 1, 2]))))
    return tz, until, n_days, checkins, logs, sessions


# ------------------------------------------------------ independent engine

def welch_ci(a, b):
    """Welch's 95% interval of mean(a) - mean(b), checked against scipy."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    d = a.mean() - b.mean()
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se2 = va + vb
    if se2 == 0:
        return [d, d]
    nu = se2 ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    half = stats.t.ppf(0.975, nu) * math.sqrt(se2)
    lo, hi = d - half, d + half
    check = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    assert abs(check.low - lo) < 1e-9 and abs(check.high - hi) < 1e-9, (check, lo, hi)
    return [lo, hi]


def t_ci(x):
    """Student's t 95% interval of the mean, checked against scipy."""
    x = np.asarray(x, float)
    m = x.mean()
    s = x.std(ddof=1)
    if s == 0:
        return [m, m]
    half = stats.t.ppf(0.975, len(x) - 1) * s / math.sqrt(len(x))
    check = stats.ttest_1samp(x, 0.0).confidence_interval(0.95)
    assert abs(check.low - (m - half)) < 1e-9, (check, m, half)
    return [m - half, m + half]


def comparison(series, with_days):
    """days_with, days_without, diff, ci95 (ci only with >= 5 a side)."""
    mask = series.index.isin(list(with_days))
    a, b = series[mask].to_numpy(), series[~mask].to_numpy()
    diff = float(a.mean() - b.mean()) if len(a) and len(b) else None
    ci = welch_ci(a, b) if len(a) >= 5 and len(b) >= 5 else None
    return len(a), len(b), diff, ci


def local_days(frame, tz):
    return pd.to_datetime(frame["at"], utc=True).dt.tz_convert(tz).dt.date


def expected(tz, until, n_days, checkins, logs, sessions):
    frm = until - timedelta(days=n_days - 1)
    in_window = lambda days: (days >= frm) & (days <= until)

    ci = pd.DataFrame(checkins)
    ci["day"] = local_days(ci, tz)
    ci["numbness"] = pd.to_numeric(ci["numbness"])
    ci["mood"] = pd.to_numeric(ci["mood"])
    win = ci[in_window(ci["day"])]

    numb_all = ci.groupby("day")["numbness"].mean().dropna().sort_index()
    numb = numb_all[in_window(numb_all.index.to_series())]
    mood = win.groupby("day")["mood"].mean().dropna().sort_index()

    # Spikes against the 28 days before each day.
    spikes = []
    for d, v in numb.items():
        prior = numb_all[(numb_all.index >= d - timedelta(days=28)) & (numb_all.index < d)]
        if len(prior) < 7:
            continue
        med = np.median(prior.to_numpy())
        mad = np.median(np.abs(prior.to_numpy() - med))
        if mad == 0:
            continue
        z = (v - med) / (1.4826 * mad)
        if z >= 2:
            spikes.append({"date": d.isoformat(), "value": float(v), "robust_z": float(z)})

    trend = None
    if len(numb) >= 2:
        x = np.array([(d - frm).days for d in numb.index], float)
        res = stats.theilslopes(numb.to_numpy(), x, alpha=0.95)
        lo, hi = res.low_slope * 7, res.high_slope * 7
        direction = "flat" if lo <= 0 <= hi else ("rising" if res.slope > 0 else "falling")
        trend = {"slope_per_week": float(res.slope * 7), "ci95": [float(lo), float(hi)],
                 "direction": direction}

    lg = pd.DataFrame(logs, columns=["activity", "at", "tier", "status", "predicted", "actual"])
    lg["day"] = local_days(lg, tz)
    lg = lg[in_window(lg["day"])]
    happened = lg[lg["status"].isin(["done", "partial"])]
    activities = []
    for name in sorted(happened["activity"].unique()):
        days = set(happened.loc[happened["activity"] == name, "day"])
        n1, n0, nd, nci = comparison(numb, days)
        enough = n1 >= 5 and n0 >= 5
        _, _, md, mci = comparison(mood, days)
        next_days = {d + timedelta(days=1) for d in days}
        nn1, _, ndd, ndci = comparison(numb, next_days)
        activities.append({
            "name": name, "days_with": n1, "days_without": n0,
            "numbness_diff": nd, "numbness_ci95": nci if enough else None,
            "mood_diff": md, "mood_ci95": mci if enough else None,
            "enough_data": enough,
            "next_day_days_with": nn1, "next_day_numbness_diff": ndd,
            "next_day_numbness_ci95": ndci,
        })

    gs = pd.DataFrame(sessions, columns=["technique", "at", "duration_s", "before", "after"])
    gs["day"] = local_days(gs, tz)
    gs = gs[in_window(gs["day"]) & gs["before"].notna() & gs["after"].notna()]
    coping = []
    for technique, group in sorted(gs.groupby("technique"), key=lambda kv: kv[0]):
        change = (group["after"].astype(float) - group["before"].astype(float)).to_numpy()
        coping.append({"technique": technique, "sessions": len(change),
                       "mean_numbness_change": float(change.mean()),
                       "ci95": t_ci(change) if len(change) >= 3 else None})

    rows = [(c["day"], pd.Timestamp(c["at"]).tz_convert("UTC"), t.strip())
            for _, c in win.iterrows() for t in c["triggers"] if t.strip()]
    tr = pd.DataFrame(rows, columns=["day", "utc", "spelling"])
    triggers = []
    if len(tr):
        tr["key"] = tr["spelling"].str.lower()
        for key in sorted(tr["key"].unique()):
            group = tr[tr["key"] == key].sort_values(["utc", "spelling"])
            n1, n0, d, c = comparison(numb, set(group["day"]))
            enough = n1 >= 5 and n0 >= 5
            triggers.append({"trigger": group["spelling"].iloc[0], "days_with": n1,
                             "days_without": n0, "numbness_diff": d,
                             "numbness_ci95": c if enough else None, "enough_data": enough})

    both = lg[lg["predicted"].notna() & lg["actual"].notna()]
    prediction_gap = [
        {"activity": name, "n": len(g),
         "mean_actual_minus_predicted": float((g["actual"].astype(float) - g["predicted"].astype(float)).mean())}
        for name, g in sorted(both.groupby("activity"), key=lambda kv: kv[0])
    ]

    monday = lambda d: d - timedelta(days=d.weekday())
    words = {}
    for _, c in win.iterrows():
        words.setdefault(monday(c["day"]), set()).update(
            s.strip().lower() for s in c["sensations"] if s.strip())
    naming, week = [], monday(frm)
    while week <= until:
        naming.append({"week_start": week.isoformat(),
                       "distinct_sensations": len(words.get(week, set()))})
        week += timedelta(days=7)

    return {
        "window": {"from": frm.isoformat(), "to": until.isoformat(),
                   "days_with_checkins": int(win["day"].nunique())},
        "numbness": {"baseline_median": float(np.median(numb.to_numpy())) if len(numb) else None,
                     "spikes": spikes, "trend": trend},
        "activities": activities,
        "coping": coping,
        "triggers": triggers,
        "prediction_gap": prediction_gap,
        "naming": naming,
    }


def main():
    OUT.mkdir(exist_ok=True)
    for build in [berlin_dst_walk, new_york_late_nights, short_history, steady, sydney_sparse,
                  tied_sparse, year_los_angeles]:
        tz, until, n_days, checkins, logs, sessions = build()
        fixture = {
            "input": {"timezone": tz, "until": until.isoformat(), "days": n_days,
                      "checkins": checkins, "activity_logs": logs,
                      "grounding_sessions": sessions},
            "expected": expected(tz, until, n_days, checkins, logs, sessions),
        }
        path = OUT / f"{build.__name__}.json"
        path.write_text(json.dumps(fixture, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {path.name}: {len(checkins)} check-ins, {len(logs)} logs")


if __name__ == "__main__":
    main()
