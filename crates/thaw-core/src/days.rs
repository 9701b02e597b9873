//! Day values: a rating's value for a calendar day in the person's time
//! zone is the mean of that day's non-missing ratings. Charts (and later
//! the insights) are drawn from these, never from raw check-ins, so a day
//! with five check-ins weighs the same as a day with one.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::checkin::Checkin;
use crate::rating::Rating;

/// One day's mean mood and numbness (`None`: no rating that day).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayPoint {
    pub date: Date,
    pub mood: Option<f64>,
    pub numbness: Option<f64>,
    /// How many check-ins the day had.
    pub checkins: usize,
}

/// The days from `from` through `to` that have at least one check-in,
/// oldest first, with their mean mood and numbness.
pub fn day_points(checkins: &[Checkin], tz: &TimeZone, from: Date, to: Date) -> Vec<DayPoint> {
    #[derive(Default)]
    struct Acc {
        mood: (f64, u32),
        numbness: (f64, u32),
        n: usize,
    }
    let add = |acc: &mut (f64, u32), r: Option<Rating>| {
        if let Some(r) = r {
            acc.0 += f64::from(r.get());
            acc.1 += 1;
        }
    };
    let mut days: BTreeMap<Date, Acc> = BTreeMap::new();
    for c in checkins {
        let date = c.at.local_date(tz);
        if date < from || date > to {
            continue;
        }
        let acc = days.entry(date).or_default();
        add(&mut acc.mood, c.mood);
        add(&mut acc.numbness, c.numbness);
        acc.n += 1;
    }
    let mean = |(sum, n): (f64, u32)| (n > 0).then(|| sum / f64::from(n));
    days.into_iter()
        .map(|(date, acc)| DayPoint {
            date,
            mood: mean(acc.mood),
            numbness: mean(acc.numbness),
            checkins: acc.n,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CheckinDraft, Moment};

    fn c(at: &str, mood: Option<&str>, numb: Option<&str>) -> Checkin {
        let draft = CheckinDraft {
            mood: mood.map(Into::into),
            numbness: numb.map(Into::into),
            ..Default::default()
        };
        draft
            .validate(
                uuid::Uuid::nil(),
                Moment::parse("at", at, &TimeZone::UTC).unwrap(),
            )
            .unwrap()
    }

    #[test]
    fn a_day_is_the_mean_of_its_ratings_in_the_persons_zone() {
        let ny = TimeZone::get("America/New_York").unwrap();
        let list = [
            c("2026-03-01T09:00:00-05:00", Some("2"), Some("8")),
            c("2026-03-01T23:30:00-05:00", Some("4"), None), // 04:30 UTC on the 2nd
            c("2026-03-02T12:00:00-05:00", None, None),
        ];
        let d = |s: &str| s.parse::<Date>().unwrap();
        let points = day_points(&list, &ny, d("2026-03-01"), d("2026-03-31"));
        assert_eq!(points.len(), 2);
        assert_eq!(
            (points[0].mood, points[0].numbness, points[0].checkins),
            (Some(3.0), Some(8.0), 2)
        );
        assert_eq!((points[1].mood, points[1].numbness), (None, None));
        assert!(day_points(&list, &ny, d("2026-03-03"), d("2026-03-04")).is_empty());
    }
}

/// The early sign the relapse plan watches for until the insights engine
/// takes over: numbness of 7 or more on at least three of the seven days
/// ending on `today`.
pub fn numbness_returning(points: &[DayPoint], today: Date) -> bool {
    let Ok(start) = today.checked_sub(jiff::Span::new().days(6)) else {
        return false;
    };
    points
        .iter()
        .filter(|p| p.date >= start && p.date <= today)
        .filter(|p| p.numbness.is_some_and(|n| n >= 7.0))
        .count()
        >= 3
}

#[cfg(test)]
mod relapse_tests {
    use super::*;

    fn p(date: &str, numbness: f64) -> DayPoint {
        DayPoint {
            date: date.parse().unwrap(),
            mood: None,
            numbness: Some(numbness),
            checkins: 1,
        }
    }

    #[test]
    fn three_numb_days_in_the_last_seven() {
        let today: Date = "2026-03-10".parse().unwrap();
        let two = [
            p("2026-03-04", 8.0),
            p("2026-03-09", 7.0),
            p("2026-03-10", 6.5),
        ];
        assert!(!numbness_returning(&two, today));
        let three = [
            p("2026-03-04", 8.0),
            p("2026-03-09", 7.0),
            p("2026-03-10", 9.0),
        ];
        assert!(numbness_returning(&three, today));
        let too_old = [
            p("2026-03-03", 8.0),
            p("2026-03-09", 7.0),
            p("2026-03-10", 9.0),
        ];
        assert!(
            !numbness_returning(&too_old, today),
            "the 8th day back does not count"
        );
    }
}
