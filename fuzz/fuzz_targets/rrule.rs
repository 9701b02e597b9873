//! Recurrence rules: `thaw_core::recur::Rule::parse` (what `--every`, the
//! API's `every` and the import of activities and self-care anchors go
//! through), then the dates a parsed rule yields.
//!
//! Input: two bytes that pick the series' start date, then the rule's
//! text. The start is 2000-01-01 plus the first byte's low 7 bits × 97
//! days plus the second byte (2000 … about 2034); when the first byte's
//! top bit is set it is instead that many days before the last date jiff
//! can show (9999-12-31) or, with the second byte odd, after the first
//! (-9999-01-01), so the date arithmetic meets its ends.
//!
//! Properties, beyond "no panic":
//! - a parsed rule is in range (INTERVAL 1–366, COUNT 1–10000, BYMONTHDAY
//!   ±1–31, not both COUNT and UNTIL, BYDAY sorted without repeats), and
//!   its canonical RRULE (`to_rrule`, what is stored) parses back to the
//!   same rule;
//! - the dates it yields over 60 days are increasing, inside the window,
//!   not after UNTIL, at most COUNT of them, a series without BYDAY or
//!   BYMONTHDAY happens on its start, and `occurs_on` agrees with them day by day;
//! - a refusal names the field it was given (`every`) and says what is
//!   allowed.
#![no_main]

use jiff::ToSpan;
use jiff::civil::{Date, date};
use libfuzzer_sys::fuzz_target;
use thaw_core::recur::Rule;

/// Days followed after the start.
const WINDOW: i64 = 60;

fuzz_target!(|data: &[u8]| {
    let [a, b, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let start = start_date(*a, *b);

    let rule = match Rule::parse("every", text) {
        Ok(rule) => rule,
        Err(e) => {
            assert_eq!(e.field, "every", "the refusal names another field: {e:?}");
            assert!(
                !e.allowed.trim().is_empty(),
                "the refusal says nothing of what is allowed"
            );
            return;
        }
    };

    assert!(
        (1..=366).contains(&rule.interval),
        "INTERVAL {}",
        rule.interval
    );
    assert!(
        rule.count.is_none_or(|c| (1..=10_000).contains(&c)),
        "COUNT {:?}",
        rule.count
    );
    assert!(
        !(rule.count.is_some() && rule.until.is_some()),
        "COUNT and UNTIL"
    );
    for d in &rule.by_month_day {
        assert!(
            (1..=31).contains(d) || (-31..=-1).contains(d),
            "BYMONTHDAY {d}"
        );
    }
    let offsets: Vec<i8> = rule
        .by_day
        .iter()
        .map(|d| d.to_monday_zero_offset())
        .collect();
    assert!(
        offsets.windows(2).all(|w| w[0] < w[1]),
        "BYDAY not sorted or repeated: {offsets:?}"
    );

    let canonical = rule.to_rrule();
    match Rule::parse("every", &canonical) {
        Ok(back) => assert_eq!(
            back, rule,
            "{text:?} → {canonical:?} reads back differently"
        ),
        Err(e) => panic!("{text:?} → {canonical:?}, which is refused: {e}"),
    }

    let end = start.checked_add(WINDOW.days()).unwrap_or(Date::MAX);
    let dates = rule.dates(start, start, end);
    assert!(
        dates.windows(2).all(|w| w[0] < w[1]),
        "dates not increasing: {dates:?}"
    );
    assert!(
        dates.iter().all(|d| (start..=end).contains(d)),
        "a date outside the window"
    );
    if let Some(until) = rule.until {
        assert!(
            dates.iter().all(|d| *d <= until),
            "a date after UNTIL {until}"
        );
    }
    if let Some(count) = rule.count {
        assert!(
            dates.len() <= count as usize,
            "{} dates, COUNT={count}",
            dates.len()
        );
    }
    if rule.by_day.is_empty()
        && rule.by_month_day.is_empty()
        && rule.until.is_none_or(|u| u >= start)
    {
        // Without BYDAY or BYMONTHDAY a series happens on its first day.
        assert_eq!(
            dates.first(),
            Some(&start),
            "{canonical:?} does not start on {start}"
        );
    }
    let mut day = start;
    while day <= end {
        assert_eq!(
            rule.occurs_on(start, day),
            dates.contains(&day),
            "occurs_on({day}) disagrees with dates() for {canonical:?} from {start}"
        );
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
});

fn start_date(a: u8, b: u8) -> Date {
    if a & 0x80 == 0 {
        let days = i64::from(a & 0x7f) * 97 + i64::from(b);
        return date(2000, 1, 1)
            .checked_add(days.days())
            .unwrap_or(date(2000, 1, 1));
    }
    let days = i64::from(a & 0x7f);
    if b & 1 == 0 {
        Date::MAX.checked_sub(days.days()).unwrap_or(Date::MAX)
    } else {
        Date::MIN.checked_add(days.days()).unwrap_or(Date::MIN)
    }
}
