#!/usr/bin/env python3
"""Thaw's insights, computed with pandas, numpy and scipy from a CSV export.

The same definitions as `thaw --json insights` (crates/thaw-insights),
field for field, so that bench/run can time both on the same data and
check that they agree (bench/compare_insights.py):

- a day is the calendar date in the person's time zone: the export's
  `local_date` column, which Thaw writes in that zone;
- a day's value for a rating is the mean of that day's ratings;
- window: the DAYS calendar days ending on UNTIL, and how many of them
  have a check-in;
- numbness: the median of the window's day values; spikes (robust z of a
  day against the day values of the 28 calendar days before it, at least
  7 of them, MAD not 0, z = (v - median) / (1.4826 MAD) >= 2); the
  Theil-Sen slope with Sen's 95% interval (scipy.stats.theilslopes),
  per week, "flat" when the interval holds 0;
- activities (done or partial in the window): numbness and mood on days
  with versus days without (difference of means, Welch's 95% interval
  from scipy.stats.ttest_ind, only with >= 5 days a side), and numbness
  on the day after;
- triggers: the same numbness comparison, triggers trimmed and
  case-insensitive, shown as first written;
- coping: mean numbness change (after - before) per grounding technique,
  Student's t interval (scipy.stats.ttest_1samp) from 3 sessions;
- prediction gap: mean actual - predicted enjoyment per activity;
- naming: distinct sensations (trimmed, case-insensitive) per ISO week.

Prints the JSON on stdout. With --timings, prints how long importing the
libraries, reading the CSV files and computing took, on stderr.

Usage: insights_pandas.py CSV_DIR --until YYYY-MM-DD --days N [--timings]
"""

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import stats  # noqa: E402

T_IMPORTED = time.perf_counter()

MIN_DAYS_PER_SIDE = 5
MIN_SESSIONS = 3
SPIKE_BASELINE_DAYS = 28
SPIKE_MIN_BASELINE_VALUES = 7
MAD_TO_SD = 1.4826
SPIKE_Z = 2.0


def read(csv_dir, name, **kw):
    # The export writes a byte-order mark; utf-8-sig drops it.
    return pd.read_csv(Path(csv_dir) / name, encoding="utf-8-sig", **kw)


def welch(a, b):
    """Welch's 95% interval for mean(a) - mean(b); [d, d] without variance."""
    d = a.mean() - b.mean()
    if a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b) == 0:
        return [float(d), float(d)]
    ci = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    return [float(ci.low), float(ci.high)]


def t_interval(x):
    """Student's t 95% interval of the mean; [m, m] without variance."""
    m = x.mean()
    if x.std(ddof=1) == 0:
        return [float(m), float(m)]
    ci = stats.ttest_1samp(x, 0.0).confidence_interval(0.95)
    return [float(ci.low), float(ci.high)]


def compare(values, mask):
    """Day values split by a boolean mask: with, without, diff, ci95."""
    a, b = values[mask], values[~mask]
    diff = float(a.mean() - b.mean()) if len(a) and len(b) else None
    ci = welch(a, b) if len(a) >= MIN_DAYS_PER_SIDE and len(b) >= MIN_DAYS_PER_SIDE else None
    return len(a), len(b), diff, ci


def main():
    p = argparse.ArgumentParser()
    p.add_argument("csv_dir")
    p.add_argument("--until", required=True)
    p.add_argument("--days", type=int, default=90)
    p.add_argument("--timings", action="store_true")
    args = p.parse_args()

    # ------------------------------------------------------------- read
    checkins = read(args.csv_dir, "checkins.csv",
                    usecols=["local_date", "mood", "numbness"])
    sensations = read(args.csv_dir, "checkin_sensations.csv",
                      usecols=["local_date", "sensation"], keep_default_na=False)
    triggers = read(args.csv_dir, "checkin_triggers.csv",
                    usecols=["at", "local_date", "trigger"], keep_default_na=False)
    logs = read(args.csv_dir, "activity_logs.csv",
                usecols=["activity", "local_date", "status", "predicted", "actual"],
                keep_default_na=False, na_values={"predicted": [""], "actual": [""]})
    grounding = read(args.csv_dir, "grounding_sessions.csv",
                     usecols=["technique", "local_date", "before", "after"],
                     keep_default_na=False, na_values={"before": [""], "after": [""]})
    for frame in (checkins, sensations, triggers, logs, grounding):
        frame["day"] = pd.to_datetime(frame["local_date"], format="%Y-%m-%d")
    t_read = time.perf_counter()

    # ---------------------------------------------------------- compute
    until = pd.Timestamp(args.until)
    frm = until - pd.Timedelta(days=args.days - 1)
    history_start = frm - pd.Timedelta(days=SPIKE_BASELINE_DAYS)

    def in_window(days):
        return (days >= frm) & (days <= until)

    ci_hist = checkins[(checkins["day"] >= history_start) & (checkins["day"] <= until)]
    ci_win = ci_hist[in_window(ci_hist["day"])]

    numb_hist = ci_hist.groupby("day")["numbness"].mean().dropna()
    numb = numb_hist[in_window(numb_hist.index)]
    mood = ci_win.groupby("day")["mood"].mean().dropna()
    numb_values = numb.to_numpy()
    mood_values = mood.to_numpy()

    # Spikes: the 28 calendar days before each day, as a sliding window
    # over a gap-filled daily series (NaN where a day has no value).
    spikes = []
    if len(numb):
        daily = numb_hist.reindex(pd.date_range(history_start, until, freq="D"))
        arr = daily.to_numpy()
        padded = np.concatenate([np.full(SPIKE_BASELINE_DAYS, np.nan), arr])
        windows = np.lib.stride_tricks.sliding_window_view(padded, SPIKE_BASELINE_DAYS)[: len(arr)]
        counts = np.sum(~np.isnan(windows), axis=1)
        enough = counts >= SPIKE_MIN_BASELINE_VALUES
        med = np.full(len(arr), np.nan)
        mad = np.full(len(arr), np.nan)
        if enough.any():
            w = windows[enough]
            m = np.nanmedian(w, axis=1)
            med[enough] = m
            mad[enough] = np.nanmedian(np.abs(w - m[:, None]), axis=1)
        days_index = daily.index
        judged = in_window(days_index) & ~np.isnan(arr) & enough & (mad != 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            z = (arr - med) / (MAD_TO_SD * mad)
        for i in np.flatnonzero(judged & (z >= SPIKE_Z)):
            spikes.append({"date": days_index[i].date().isoformat(),
                           "value": float(arr[i]), "robust_z": float(z[i])})

    trend = None
    if len(numb) >= 2:
        x = ((numb.index - frm) / pd.Timedelta(days=1)).to_numpy(dtype=float)
        if np.unique(x).size >= 2:
            res = stats.theilslopes(numb_values, x, alpha=0.95)
            lo, hi = res.low_slope * 7, res.high_slope * 7
            if not (math.isnan(lo) or math.isnan(hi)):
                direction = "flat" if lo <= 0 <= hi else ("rising" if res.slope > 0 else "falling")
                trend = {"slope_per_week": float(res.slope * 7),
                         "ci95": [float(lo), float(hi)], "direction": direction}

    logs_win = logs[in_window(logs["day"])]
    happened = logs_win[logs_win["status"].isin(["done", "partial"])]
    numb_days = numb.index
    numb_prev = numb_days - pd.Timedelta(days=1)
    activities = []
    for name, group in happened.groupby("activity", sort=True):
        days = pd.DatetimeIndex(group["day"].unique())
        n1, n0, nd, nci = compare(numb_values, numb_days.isin(days))
        enough = n1 >= MIN_DAYS_PER_SIDE and n0 >= MIN_DAYS_PER_SIDE
        _, _, md, mci = compare(mood_values, mood.index.isin(days))
        nn1, _, ndd, ndci = compare(numb_values, numb_prev.isin(days))
        activities.append({
            "name": name, "days_with": n1, "days_without": n0,
            "numbness_diff": nd, "numbness_ci95": nci if enough else None,
            "mood_diff": md, "mood_ci95": mci if enough else None,
            "enough_data": enough,
            "next_day_days_with": nn1, "next_day_numbness_diff": ndd,
            "next_day_numbness_ci95": ndci,
        })

    gs = grounding[in_window(grounding["day"]) & grounding["before"].notna()
                   & grounding["after"].notna()]
    change = gs["after"].astype(float) - gs["before"].astype(float)
    coping = []
    for technique, values in change.groupby(gs["technique"], sort=True):
        v = values.to_numpy()
        coping.append({"technique": technique, "sessions": len(v),
                       "mean_numbness_change": float(v.mean()),
                       "ci95": t_interval(v) if len(v) >= MIN_SESSIONS else None})

    tr = triggers[in_window(triggers["day"])].copy()
    tr["spelling"] = tr["trigger"].str.strip()
    tr = tr[tr["spelling"] != ""]
    trigger_rows = []
    if len(tr):
        tr["key"] = tr["spelling"].str.lower()
        tr["utc"] = pd.to_datetime(tr["at"], utc=True, format="ISO8601")
        first = tr.sort_values(["utc", "spelling"]).groupby("key", sort=True)["spelling"].first()
        for key, group in tr.groupby("key", sort=True):
            n1, n0, d, c = compare(numb_values, numb_days.isin(pd.DatetimeIndex(group["day"].unique())))
            enough = n1 >= MIN_DAYS_PER_SIDE and n0 >= MIN_DAYS_PER_SIDE
            trigger_rows.append({"trigger": first[key], "days_with": n1, "days_without": n0,
                                 "numbness_diff": d, "numbness_ci95": c if enough else None,
                                 "enough_data": enough})

    both = logs_win[logs_win["predicted"].notna() & logs_win["actual"].notna()]
    gap = (both["actual"].astype(float) - both["predicted"].astype(float)).groupby(
        both["activity"], sort=True).agg(["size", "mean"])
    prediction_gap = [{"activity": name, "n": int(row["size"]),
                       "mean_actual_minus_predicted": float(row["mean"])}
                      for name, row in gap.iterrows()]

    se = sensations[in_window(sensations["day"])].copy()
    se["key"] = se["sensation"].str.strip().str.lower()
    se = se[se["key"] != ""]
    se["week"] = se["day"] - pd.to_timedelta(se["day"].dt.day_of_week, unit="D")
    per_week = se.groupby("week")["key"].nunique()
    first_monday = frm - pd.Timedelta(days=frm.weekday())
    weeks = pd.date_range(first_monday, until, freq="7D")
    naming = [{"week_start": w.date().isoformat(), "distinct_sensations": int(n)}
              for w, n in per_week.reindex(weeks, fill_value=0).items()]

    out = {
        "window": {"from": frm.date().isoformat(), "to": until.date().isoformat(),
                   "days_with_checkins": int(ci_win["day"].nunique())},
        "numbness": {"baseline_median": float(np.median(numb_values)) if len(numb_values) else None,
                     "spikes": spikes, "trend": trend},
        "activities": activities,
        "coping": coping,
        "triggers": trigger_rows,
        "prediction_gap": prediction_gap,
        "naming": naming,
    }
    t_computed = time.perf_counter()
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    if args.timings:
        print(json.dumps({"import_s": T_IMPORTED - T0, "read_s": t_read - T_IMPORTED,
                          "compute_s": t_computed - t_read}), file=sys.stderr)


if __name__ == "__main__":
    main()
