//! iCalendar (RFC 5545) export of scheduled activities and self-care
//! reminders, so a phone's own calendar reminds the person and Thaw needs
//! no notification service of its own.
//!
//! Each [`CalendarEntry`] becomes one recurring `VEVENT` with one
//! `VALARM`. Times are written the way the person lives them:
//!
//! - In a named zone (`Europe/Berlin`) each event says
//!   `DTSTART;TZID=Europe/Berlin:20260325T080000` and the calendar carries
//!   a `VTIMEZONE` built from the zone's real transitions, so 08:00 stays
//!   08:00 across DST changes.
//! - In UTC, or at a fixed offset, times are converted to UTC (`…Z`); a
//!   fixed offset has no DST, so the rule keeps its meaning. When the
//!   conversion would move a local time onto another UTC date (say 21:00
//!   at -05:00), weekdays and month days would shift, so the calendar
//!   instead defines that offset as a one-observance `VTIMEZONE`.
//! - A zone with rules but no IANA name (a POSIX `TZ` string, an unnamed
//!   `/etc/localtime`) gets a `VTIMEZONE` named [`UNNAMED_TZID`].
//!
//! `DTSTART` is the first date on or after the entry's start on which the
//! rule actually occurs (RFC 5545 counts `DTSTART` as the first instance),
//! and an entry whose rule never occurs is left out. `UNTIL` is written in
//! UTC as the end (23:59:59 local) of the rule's last date, as RFC 5545
//! requires next to a zoned or UTC `DTSTART`.
//!
//! The output is deterministic: the same entries, zone and stamp give the
//! same bytes.

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::{Offset, TimeZone, TimeZoneTransition};
use jiff::{SignedDuration, Span, Timestamp};
use thaw_core::recur::{Freq, Rule};

/// The `TZID` used for a zone that has rules but no IANA name.
pub const UNNAMED_TZID: &str = "Thaw-Local";

/// The longest a content line may be, in octets, before it is folded.
const LINE_OCTETS: usize = 75;

/// How many years of zone transitions the `VTIMEZONE` lists after the
/// export's stamp.
const ZONE_YEARS_AHEAD: i16 = 10;

/// One scheduled activity or reminder, as the calendar should show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    /// Stable across exports (e.g. `"activity-walk@thaw"`), so a calendar
    /// that subscribes to or re-imports the file updates the event.
    pub uid: String,
    /// The event's title, e.g. `"walk"`.
    pub summary: String,
    /// Longer text, e.g. the smaller and smallest versions of the activity.
    pub description: Option<String>,
    /// When the activity repeats.
    pub rule: Rule,
    /// The first date the rule counts from.
    pub start: Date,
    /// The local time of day in the person's zone.
    pub time: Time,
    /// How long the event lasts.
    pub duration_minutes: u32,
    /// How long before the start the reminder fires; 0 = at the start.
    pub alarm_minutes_before: u32,
}

/// Writes `entries` as one iCalendar document for a person in `tz`;
/// `stamp` is the export's `DTSTAMP` and anchors how far ahead the zone's
/// transitions are listed. Lines end in CRLF and are folded at 75 octets.
pub fn write_calendar(entries: &[CalendarEntry], tz: &TimeZone, stamp: Timestamp) -> String {
    let clock = Clock::choose(tz, entries);
    let mut ics = Ics::default();
    ics.line("BEGIN:VCALENDAR");
    ics.line("VERSION:2.0");
    ics.line("PRODID:-//Thaw//Thaw//EN");
    ics.line("CALSCALE:GREGORIAN");
    ics.line("X-WR-CALNAME:Thaw");
    if let Clock::Zoned(tzid) = &clock {
        let (from, to) = zone_window(entries, tz, stamp);
        write_timezone(&mut ics, tzid, &observances(tz, from, to));
    }
    let dtstamp = utc_text(stamp);
    for entry in entries {
        if let Some(event) = Event::plan(entry, tz, &clock) {
            write_event(&mut ics, entry, &event, &dtstamp);
        }
    }
    ics.line("END:VCALENDAR");
    ics.0
}

/// How the calendar writes times of day.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Clock {
    /// In UTC (`…Z`), converted from this fixed offset.
    Utc(Offset),
    /// As local times with `TZID=<id>`, defined by a `VTIMEZONE`.
    Zoned(String),
}

impl Clock {
    /// Picks the clock for a person in `tz`.
    fn choose(tz: &TimeZone, entries: &[CalendarEntry]) -> Self {
        let fixed = fixed_offset(tz);
        if fixed == Some(Offset::UTC) {
            return Self::Utc(Offset::UTC);
        }
        if let Some(name) = tz.iana_name() {
            return Self::Zoned(name.to_string());
        }
        match fixed {
            Some(offset) if entries.iter().all(|e| !changes_date(e.time, offset)) => {
                Self::Utc(offset)
            }
            Some(offset) => Self::Zoned(offset_tzid(offset)),
            None => Self::Zoned(UNNAMED_TZID.to_string()),
        }
    }
}

/// The zone's only offset, when it never changes.
fn fixed_offset(tz: &TimeZone) -> Option<Offset> {
    if let Ok(offset) = tz.to_fixed_offset() {
        return Some(offset);
    }
    let never_changes = tz.following(Timestamp::MIN).next().is_none();
    never_changes.then(|| tz.to_offset(Timestamp::UNIX_EPOCH))
}

/// True when `time` at `offset` falls on another date in UTC.
fn changes_date(time: Time, offset: Offset) -> bool {
    let local =
        i32::from(time.hour()) * 3600 + i32::from(time.minute()) * 60 + i32::from(time.second());
    !(0..86_400).contains(&(local - offset.seconds()))
}

/// A `TZID` for a fixed offset, e.g. `UTC+0530` (no `:`, which would
/// need quoting in a parameter).
fn offset_tzid(offset: Offset) -> String {
    format!("UTC{}", offset_text(offset))
}

/// One recurring event, resolved against the person's clock.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Event {
    /// `DTSTART` with its parameters, e.g. `DTSTART;TZID=…:20260325T080000`.
    dtstart: String,
    /// The `RRULE` value.
    rrule: String,
}

impl Event {
    /// Resolves `entry`; `None` when its rule never occurs or its dates
    /// are beyond what can be written.
    fn plan(entry: &CalendarEntry, tz: &TimeZone, clock: &Clock) -> Option<Self> {
        let first = first_date(&entry.rule, entry.start)?;
        let local = first.to_datetime(entry.time);
        let dtstart = match clock {
            Clock::Utc(offset) => {
                format!("DTSTART:{}", utc_text(offset.to_timestamp(local).ok()?))
            }
            Clock::Zoned(tzid) => {
                format!("DTSTART;TZID={}:{}", param_value(tzid), local_text(local))
            }
        };
        let rrule = rrule(&entry.rule, entry.start, first, |until| {
            until_text(until, tz, clock)
        });
        Some(Self { dtstart, rrule })
    }
}

/// The first date on or after `start` on which `rule` occurs.
fn first_date(rule: &Rule, start: Date) -> Option<Date> {
    let within_a_year = start.saturating_add(Span::new().years(1));
    let soon = rule.dates(start, start, within_a_year).first().copied();
    soon.or_else(|| rule.dates(start, start, Date::MAX).first().copied())
}

/// `UNTIL` for a series that ends on `until`: the end of that day
/// (23:59:59 local) in UTC.
fn until_text(until: Date, tz: &TimeZone, clock: &Clock) -> String {
    let end_of_day = until.to_datetime(Time::constant(23, 59, 59, 0));
    let instant = match clock {
        Clock::Utc(offset) => offset.to_timestamp(end_of_day).ok(),
        Clock::Zoned(_) => tz.to_ambiguous_timestamp(end_of_day).later().ok(),
    };
    utc_text(instant.unwrap_or(Timestamp::MAX))
}

/// The `RRULE` value for `rule` counted from `start`, with `DTSTART` on
/// `first`; `until` turns the rule's last date into the `UNTIL` text.
///
/// A weekly rule with month days (which RFC 5545 forbids) is written as
/// the equivalent daily rule when its interval is 1, and as it is
/// otherwise (most readers apply BYMONTHDAY as a filter there too).
fn rrule(rule: &Rule, start: Date, first: Date, until: impl Fn(Date) -> String) -> String {
    let mut freq = rule.freq;
    let mut by_day = rule.by_day.clone();
    // RFC 5545 forbids BYMONTHDAY with FREQ=WEEKLY; every week is the same
    // as every day on the rule's weekdays.
    if freq == Freq::Weekly && !rule.by_month_day.is_empty() && rule.interval <= 1 {
        freq = Freq::Daily;
        if by_day.is_empty() {
            by_day.push(first.weekday());
        }
    }
    let mut parts = vec![format!("FREQ={}", freq_name(freq))];
    if rule.interval > 1 {
        parts.push(format!("INTERVAL={}", rule.interval));
    }
    if !by_day.is_empty() {
        let days: Vec<&str> = by_day.iter().map(|d| weekday_code(*d)).collect();
        parts.push(format!("BYDAY={}", days.join(",")));
    }
    if !rule.by_month_day.is_empty() {
        let days: Vec<String> = rule.by_month_day.iter().map(i8::to_string).collect();
        parts.push(format!("BYMONTHDAY={}", days.join(",")));
    }
    match (rule.count, rule.until) {
        // RFC 5545 allows only one of them: the dates both allow, counted.
        (Some(_), Some(last)) => {
            let count = rule.dates(start, start, last).len();
            parts.push(format!("COUNT={count}"));
        }
        (Some(count), None) => parts.push(format!("COUNT={count}")),
        (None, Some(last)) => parts.push(format!("UNTIL={}", until(last))),
        (None, None) => {}
    }
    if rule.week_start != Weekday::Monday {
        parts.push(format!("WKST={}", weekday_code(rule.week_start)));
    }
    parts.join(";")
}

fn freq_name(freq: Freq) -> &'static str {
    match freq {
        Freq::Daily => "DAILY",
        Freq::Weekly => "WEEKLY",
        Freq::Monthly => "MONTHLY",
    }
}

fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "MO",
        Weekday::Tuesday => "TU",
        Weekday::Wednesday => "WE",
        Weekday::Thursday => "TH",
        Weekday::Friday => "FR",
        Weekday::Saturday => "SA",
        Weekday::Sunday => "SU",
    }
}

/// Writes one `VEVENT` with its `VALARM`.
fn write_event(ics: &mut Ics, entry: &CalendarEntry, event: &Event, dtstamp: &str) {
    ics.line("BEGIN:VEVENT");
    ics.text("UID", &entry.uid);
    ics.line(&format!("DTSTAMP:{dtstamp}"));
    ics.line(&event.dtstart);
    ics.line(&format!("DURATION:PT{}M", entry.duration_minutes));
    ics.line(&format!("RRULE:{}", event.rrule));
    ics.text("SUMMARY", &entry.summary);
    if let Some(description) = &entry.description {
        ics.text("DESCRIPTION", description);
    }
    ics.line("BEGIN:VALARM");
    ics.line("ACTION:DISPLAY");
    ics.text("DESCRIPTION", &entry.summary);
    ics.line(&trigger(entry.alarm_minutes_before));
    ics.line("END:VALARM");
    ics.line("END:VEVENT");
}

/// The alarm's `TRIGGER`, relative to the event's start.
fn trigger(minutes_before: u32) -> String {
    if minutes_before == 0 {
        "TRIGGER:PT0M".to_string()
    } else {
        format!("TRIGGER:-PT{minutes_before}M")
    }
}

/// The span of time the `VTIMEZONE` describes: from a year before the
/// earliest entry start to ten years after `stamp` (or a year after the
/// latest entry start, if that is later).
fn zone_window(
    entries: &[CalendarEntry],
    tz: &TimeZone,
    stamp: Timestamp,
) -> (Timestamp, Timestamp) {
    let today = tz.to_datetime(stamp).date();
    let earliest = entries.iter().map(|e| e.start).min().unwrap_or(today);
    let latest = entries.iter().map(|e| e.start).max().unwrap_or(today);
    let from = earliest.saturating_sub(Span::new().years(1));
    let to = today
        .saturating_add(Span::new().years(ZONE_YEARS_AHEAD))
        .max(latest.saturating_add(Span::new().years(1)));
    let instant = |date: Date, fallback: Timestamp| {
        tz.to_ambiguous_timestamp(date.to_datetime(Time::midnight()))
            .compatible()
            .unwrap_or(fallback)
    };
    (instant(from, Timestamp::MIN), instant(to, Timestamp::MAX))
}

/// One `STANDARD` or `DAYLIGHT` sub-component of a `VTIMEZONE`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    dst: bool,
    /// The local time, on the old offset, at which the observance begins.
    onset: DateTime,
    from: Offset,
    to: Offset,
    name: String,
}

impl Observance {
    /// The observance that `transition` begins.
    fn begun_by(tz: &TimeZone, transition: &TimeZoneTransition<'_>) -> Self {
        let at = transition.timestamp();
        let from = tz.to_offset(just_before(at));
        Self {
            dst: transition.dst().is_dst(),
            onset: from.to_datetime(at),
            from,
            to: transition.offset(),
            name: transition.abbreviation().to_string(),
        }
    }
}

/// The instant one nanosecond before `at` (or `at` at the very start).
fn just_before(at: Timestamp) -> Timestamp {
    at.saturating_sub(SignedDuration::from_nanos(1))
        .unwrap_or(at)
}

/// The observances in force from `from` through `to`: the one already
/// begun at `from`, then one per transition.
fn observances(tz: &TimeZone, from: Timestamp, to: Timestamp) -> Vec<Observance> {
    let first = match tz.preceding(from).next() {
        Some(transition) => Observance::begun_by(tz, &transition),
        None => {
            let info = tz.to_offset_info(from);
            // A zone that never changed: the observance starts at the
            // customary 1970-01-01, or earlier if the calendar does.
            let epoch = Date::constant(1970, 1, 1).to_datetime(Time::midnight());
            Observance {
                dst: info.dst().is_dst(),
                onset: info.offset().to_datetime(from).min(epoch),
                from: info.offset(),
                to: info.offset(),
                name: info.abbreviation().to_string(),
            }
        }
    };
    let later = tz
        .following(just_before(from))
        .take_while(|t| t.timestamp() <= to)
        .map(|t| Observance::begun_by(tz, &t));
    std::iter::once(first).chain(later).collect()
}

/// Writes the `VTIMEZONE` named `tzid`.
fn write_timezone(ics: &mut Ics, tzid: &str, observances: &[Observance]) {
    ics.line("BEGIN:VTIMEZONE");
    ics.text("TZID", tzid);
    for o in observances {
        let kind = if o.dst { "DAYLIGHT" } else { "STANDARD" };
        ics.line(&format!("BEGIN:{kind}"));
        ics.line(&format!("DTSTART:{}", local_text(o.onset)));
        ics.line(&format!("TZOFFSETFROM:{}", offset_text(o.from)));
        ics.line(&format!("TZOFFSETTO:{}", offset_text(o.to)));
        if !o.name.is_empty() {
            ics.text("TZNAME", &o.name);
        }
        ics.line(&format!("END:{kind}"));
    }
    ics.line("END:VTIMEZONE");
}

/// A local date-time as `YYYYMMDDTHHMMSS` (fractions of a second dropped).
fn local_text(at: DateTime) -> String {
    at.strftime("%Y%m%dT%H%M%S").to_string()
}

/// An instant in UTC as `YYYYMMDDTHHMMSSZ`.
fn utc_text(at: Timestamp) -> String {
    format!("{}Z", local_text(Offset::UTC.to_datetime(at)))
}

/// A UTC offset as `+HHMM`, or `+HHMMSS` when it has seconds.
fn offset_text(offset: Offset) -> String {
    let total = offset.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let total = total.unsigned_abs();
    let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
    if seconds == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{seconds:02}")
    }
}

/// Escapes a TEXT value: `\`, `;`, `,` and line breaks; drops the other
/// control characters, which TEXT may not hold (a tab stays).
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted when it holds `:`, `;` or `,`; `"` and
/// control characters, which no parameter value may hold, dropped.
fn param_value(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_ascii_control())
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// An iCalendar document being written, one content line at a time.
#[derive(Debug, Default)]
struct Ics(String);

impl Ics {
    /// Appends a content line, folded at 75 octets on character
    /// boundaries (continuations start with one space), ending in CRLF.
    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > LINE_OCTETS {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }

    /// Appends a TEXT property.
    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::parser::{Component, read_calendar, unfold};
    use jiff::civil::date;
    use jiff::tz;
    use proptest::prelude::*;

    fn rule(text: &str) -> Rule {
        Rule::parse("every", text).unwrap()
    }

    fn berlin() -> TimeZone {
        TimeZone::get("Europe/Berlin").unwrap()
    }

    fn stamp() -> Timestamp {
        "2026-03-20T12:00:00Z".parse().unwrap()
    }

    /// A walk at 08:00 on Mondays, Wednesdays and Fridays, counted from
    /// Tuesday 2026-03-24, so the first walk is Wednesday 2026-03-25.
    fn walk(rule_text: &str) -> CalendarEntry {
        CalendarEntry {
            uid: "activity-walk@thaw".into(),
            summary: "walk".into(),
            description: Some(
                "Smaller: walk to the corner. Smallest: step outside for a minute.".into(),
            ),
            rule: rule(rule_text),
            start: date(2026, 3, 24),
            time: Time::constant(8, 0, 0, 0),
            duration_minutes: 30,
            alarm_minutes_before: 10,
        }
    }

    /// The document's unfolded content lines.
    fn lines(ics: &str) -> Vec<String> {
        unfold(ics).split("\r\n").map(str::to_string).collect()
    }

    fn has_line(ics: &str, line: &str) -> bool {
        lines(ics).iter().any(|l| l == line)
    }

    fn components<'a, 'b>(parent: &'a [Component<'b>], name: &str) -> Vec<&'a Component<'b>> {
        parent.iter().filter(|c| c.name == name).collect()
    }

    fn prop(component: &Component<'_>, name: &str) -> String {
        component
            .find_prop(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .val
            .as_str()
            .to_string()
    }

    /// The TEXT unescaping of RFC 5545 section 3.3.11, done right.
    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn a_calendar_parser_reads_events_alarms_and_zone() {
        let mut bath = walk("FREQ=DAILY;UNTIL=20260430");
        bath.uid = "selfcare-bath@thaw".into();
        bath.summary = "bath".into();
        bath.description = None;
        bath.start = date(2026, 3, 25);
        let ics = write_calendar(&[walk("mon,wed,fri"), bath], &berlin(), stamp());
        let unfolded = unfold(&ics);
        let calendar = read_calendar(&unfolded).unwrap();
        let header: Vec<(String, String)> = calendar
            .properties
            .iter()
            .map(|p| (p.name.as_str().into(), p.val.as_str().into()))
            .collect();
        for (name, value) in [
            ("VERSION", "2.0"),
            ("PRODID", "-//Thaw//Thaw//EN"),
            ("CALSCALE", "GREGORIAN"),
            ("X-WR-CALNAME", "Thaw"),
        ] {
            assert!(header.contains(&(name.into(), value.into())), "{name}");
        }
        let zones = components(&calendar.components, "VTIMEZONE");
        assert_eq!(zones.len(), 1);
        assert_eq!(prop(zones[0], "TZID"), "Europe/Berlin");
        let events = components(&calendar.components, "VEVENT");
        assert_eq!(events.len(), 2);
        for event in &events {
            let start = event.find_prop("DTSTART").unwrap();
            let tzid = start.params.iter().find(|p| p.key == "TZID").unwrap();
            assert_eq!(tzid.val.as_ref().unwrap().as_str(), "Europe/Berlin");
            assert_eq!(start.val.as_str(), "20260325T080000");
            assert_eq!(prop(event, "DURATION"), "PT30M");
            let alarms = components(&event.components, "VALARM");
            assert_eq!(alarms.len(), 1);
            assert_eq!(prop(alarms[0], "ACTION"), "DISPLAY");
            assert_eq!(prop(alarms[0], "TRIGGER"), "-PT10M");
            assert_eq!(prop(alarms[0], "DESCRIPTION"), prop(event, "SUMMARY"));
        }
        assert_eq!(prop(events[0], "UID"), "activity-walk@thaw");
        assert_eq!(prop(events[0], "RRULE"), "FREQ=WEEKLY;BYDAY=MO,WE,FR");
        assert_eq!(prop(events[0], "DTSTAMP"), "20260320T120000Z");
        assert_eq!(
            prop(events[0], "DESCRIPTION"),
            "Smaller: walk to the corner. Smallest: step outside for a minute."
        );
        assert!(events[1].find_prop("DESCRIPTION").is_none());
    }

    #[test]
    fn berlin_zone_lists_the_2026_changes() {
        let ics = write_calendar(&[walk("FREQ=WEEKLY;BYDAY=MO,WE,FR")], &berlin(), stamp());
        let unfolded = unfold(&ics);
        let calendar = read_calendar(&unfolded).unwrap();
        let zone = components(&calendar.components, "VTIMEZONE")[0];
        let find = |kind: &str, start: &str| {
            components(&zone.components, kind)
                .into_iter()
                .find(|o| prop(o, "DTSTART") == start)
                .unwrap_or_else(|| panic!("{kind} {start} missing"))
        };
        let spring = find("DAYLIGHT", "20260329T020000");
        assert_eq!(prop(spring, "TZOFFSETFROM"), "+0100");
        assert_eq!(prop(spring, "TZOFFSETTO"), "+0200");
        assert_eq!(prop(spring, "TZNAME"), "CEST");
        let autumn = find("STANDARD", "20261025T030000");
        assert_eq!(prop(autumn, "TZOFFSETFROM"), "+0200");
        assert_eq!(prop(autumn, "TZOFFSETTO"), "+0100");
        assert_eq!(prop(autumn, "TZNAME"), "CET");
        // From the observance in force a year before the start (begun in
        // autumn 2024) to ten years after the stamp.
        let starts: Vec<String> = zone.components.iter().map(|o| prop(o, "DTSTART")).collect();
        assert_eq!(starts.first().unwrap(), "20241027T030000");
        assert_eq!(starts.last().unwrap(), "20351028T030000");
        assert!(starts.windows(2).all(|w| w[0] < w[1]));
        assert!(has_line(&ics, "DTSTART;TZID=Europe/Berlin:20260325T080000"));
    }

    #[test]
    fn a_zone_without_changes_gets_one_standard_observance() {
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let ics = write_calendar(&[walk("daily")], &tokyo, stamp());
        let unfolded = unfold(&ics);
        let calendar = read_calendar(&unfolded).unwrap();
        let zone = components(&calendar.components, "VTIMEZONE")[0];
        assert_eq!(prop(zone, "TZID"), "Asia/Tokyo");
        assert_eq!(zone.components.len(), 1);
        assert_eq!(zone.components[0].name, "STANDARD");
        assert_eq!(prop(&zone.components[0], "TZOFFSETTO"), "+0900");
        assert!(has_line(&ics, "DTSTART;TZID=Asia/Tokyo:20260324T080000"));
    }

    #[test]
    fn until_is_the_end_of_the_day_in_utc() {
        let ics = write_calendar(&[walk("FREQ=DAILY;UNTIL=20260430")], &berlin(), stamp());
        // 2026-04-30 23:59:59 in Berlin (CEST, +02:00).
        assert!(has_line(&ics, "RRULE:FREQ=DAILY;UNTIL=20260430T215959Z"));
        let winter = write_calendar(&[walk("FREQ=DAILY;UNTIL=20261231")], &berlin(), stamp());
        assert!(has_line(&winter, "RRULE:FREQ=DAILY;UNTIL=20261231T225959Z"));
    }

    #[test]
    fn rules_are_written_in_full() {
        let rrule_of = |text: &str, start: Date| {
            let mut entry = walk(text);
            entry.start = start;
            let ics = write_calendar(&[entry], &TimeZone::UTC, stamp());
            let line = lines(&ics)
                .into_iter()
                .find(|l| l.starts_with("RRULE:"))
                .unwrap();
            let dtstart = lines(&ics)
                .into_iter()
                .find(|l| l.starts_with("DTSTART"))
                .unwrap();
            (dtstart, line)
        };
        assert_eq!(
            rrule_of(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=5;WKST=SU",
                date(2026, 3, 4)
            ),
            (
                "DTSTART:20260305T080000Z".into(),
                "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=5;WKST=SU".into()
            )
        );
        assert_eq!(
            rrule_of("FREQ=MONTHLY;BYMONTHDAY=1,-1", date(2026, 3, 4)),
            (
                "DTSTART:20260331T080000Z".into(),
                "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,-1".into()
            )
        );
        // RFC 5545 forbids BYMONTHDAY in a weekly rule: same days, daily.
        assert_eq!(
            rrule_of("FREQ=WEEKLY;BYMONTHDAY=13", date(2026, 3, 6)).1,
            "RRULE:FREQ=DAILY;BYDAY=FR;BYMONTHDAY=13"
        );
        // COUNT and UNTIL together (possible only by building the rule by
        // hand) become the number of dates both allow.
        let mut both = rule("FREQ=DAILY;COUNT=10");
        both.until = Some(date(2026, 3, 6));
        let mut entry = walk("daily");
        entry.rule = both;
        entry.start = date(2026, 3, 4);
        let ics = write_calendar(&[entry], &TimeZone::UTC, stamp());
        assert!(has_line(&ics, "RRULE:FREQ=DAILY;COUNT=3"));
    }

    #[test]
    fn a_rule_that_never_occurs_is_left_out() {
        let ics = write_calendar(&[walk("FREQ=DAILY;UNTIL=20260101")], &berlin(), stamp());
        assert!(!ics.contains("BEGIN:VEVENT"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_and_unfold_back() {
        let long = "Smaller: walk to the corner — the one with the bakery. Smallest: step \
                    outside for a minute, feel the air 🌤️ on your face, and come back in. \
                    Größer: einmal um den Block."
            .repeat(3);
        let mut entry = walk("daily");
        entry.description = Some(long.clone());
        let ics = write_calendar(&[entry], &berlin(), stamp());
        assert!(ics.ends_with("\r\n"));
        for line in ics.split_terminator("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        let folded: Vec<&str> = ics
            .split_terminator("\r\n")
            .skip_while(|l| !l.starts_with("DESCRIPTION:"))
            .take_while(|l| l.starts_with("DESCRIPTION:") || l.starts_with(' '))
            .collect();
        assert!(folded.len() > 3);
        assert!(folded[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded = unfold(&ics);
        let calendar = read_calendar(&unfolded).unwrap();
        let event = components(&calendar.components, "VEVENT")[0];
        assert_eq!(unescape(&escape_text(&long)), long);
        assert_eq!(prop(event, "DESCRIPTION"), long);
        assert!(has_line(
            &ics,
            &format!("DESCRIPTION:{}", escape_text(&long))
        ));
    }

    #[test]
    fn text_is_escaped() {
        let mut entry = walk("daily");
        entry.summary = "walk, then tea; maybe".into();
        entry.description = Some("C:\\walks\nline two\r\nline three".into());
        let ics = write_calendar(&[entry], &berlin(), stamp());
        assert!(has_line(&ics, "SUMMARY:walk\\, then tea\\; maybe"));
        assert!(has_line(
            &ics,
            "DESCRIPTION:C:\\\\walks\\nline two\\nline three"
        ));
        assert_eq!(
            unescape("C:\\\\walks\\nline two\\nline three"),
            "C:\\walks\nline two\nline three"
        );
        assert_eq!(escape_text("bell\u{7}\ttab"), "bell\ttab");
        let unfolded = unfold(&ics);
        let calendar = read_calendar(&unfolded).unwrap();
        let event = components(&calendar.components, "VEVENT")[0];
        assert_eq!(prop(event, "SUMMARY"), "walk, then tea; maybe");
    }

    #[test]
    fn utc_writes_utc_times_without_a_zone() {
        let ics = write_calendar(
            &[walk("FREQ=DAILY;UNTIL=20260430")],
            &TimeZone::UTC,
            stamp(),
        );
        assert!(!ics.contains("VTIMEZONE"));
        assert!(has_line(&ics, "DTSTART:20260324T080000Z"));
        assert!(has_line(&ics, "RRULE:FREQ=DAILY;UNTIL=20260430T235959Z"));
        let named_utc = TimeZone::get("UTC").unwrap();
        assert_eq!(write_calendar(&[walk("daily")], &named_utc, stamp()), {
            write_calendar(&[walk("daily")], &TimeZone::UTC, stamp())
        });
    }

    #[test]
    fn a_fixed_offset_is_converted_to_utc() {
        let plus_two = TimeZone::fixed(tz::offset(2));
        let ics = write_calendar(
            &[walk("FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260430")],
            &plus_two,
            stamp(),
        );
        assert!(!ics.contains("VTIMEZONE"));
        assert!(has_line(&ics, "DTSTART:20260325T060000Z"));
        assert!(has_line(
            &ics,
            "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20260430T215959Z"
        ));
    }

    #[test]
    fn a_fixed_offset_that_changes_the_date_keeps_local_times() {
        // 21:00 at -05:00 is 02:00 UTC the next day: BYDAY=MO would mean
        // Sunday evening locally, so the offset is defined as a zone.
        let minus_five = TimeZone::fixed(tz::offset(-5));
        let mut entry = walk("mon,wed,fri");
        entry.time = Time::constant(21, 0, 0, 0);
        let ics = write_calendar(&[entry], &minus_five, stamp());
        let unfolded = unfold(&ics);
        let calendar = read_calendar(&unfolded).unwrap();
        let zone = components(&calendar.components, "VTIMEZONE")[0];
        assert_eq!(prop(zone, "TZID"), "UTC-0500");
        assert_eq!(zone.components.len(), 1);
        assert_eq!(prop(&zone.components[0], "TZOFFSETFROM"), "-0500");
        assert_eq!(prop(&zone.components[0], "TZOFFSETTO"), "-0500");
        assert!(has_line(&ics, "DTSTART;TZID=UTC-0500:20260325T210000"));
    }

    #[test]
    fn an_unnamed_zone_with_rules_gets_its_own_zone() {
        let posix = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        let ics = write_calendar(&[walk("FREQ=DAILY;UNTIL=20260430")], &posix, stamp());
        assert!(has_line(&ics, "TZID:Thaw-Local"));
        assert!(has_line(&ics, "DTSTART;TZID=Thaw-Local:20260324T080000"));
        assert!(has_line(&ics, "DTSTART:20260329T020000"));
        assert!(has_line(&ics, "RRULE:FREQ=DAILY;UNTIL=20260430T215959Z"));
    }

    #[test]
    fn alarms_fire_before_or_at_the_start() {
        let mut entry = walk("daily");
        entry.alarm_minutes_before = 0;
        let ics = write_calendar(&[entry], &berlin(), stamp());
        assert!(has_line(&ics, "TRIGGER:PT0M"));
        let ics = write_calendar(&[walk("daily")], &berlin(), stamp());
        assert!(has_line(&ics, "TRIGGER:-PT10M"));
    }

    #[test]
    fn output_is_deterministic() {
        let entries = [walk("mon,wed,fri"), walk("FREQ=MONTHLY;BYMONTHDAY=-1")];
        let one = write_calendar(&entries, &berlin(), stamp());
        let two = write_calendar(&entries, &berlin(), stamp());
        assert_eq!(one, two);
        assert!(one.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Thaw//Thaw//EN\r\n"));
        assert_eq!(one.matches('\n').count(), one.matches("\r\n").count());
    }

    #[test]
    fn offsets_are_written_with_seconds_only_when_needed() {
        assert_eq!(offset_text(tz::offset(0)), "+0000");
        assert_eq!(offset_text(Offset::from_seconds(19_800).unwrap()), "+0530");
        assert_eq!(offset_text(Offset::from_seconds(-3_600).unwrap()), "-0100");
        assert_eq!(offset_text(Offset::from_seconds(3_208).unwrap()), "+005328");
        assert_eq!(param_value("a:b"), "\"a:b\"");
    }

    /// Writes sample calendars for checking with other tools when
    /// `THAW_ICS_SAMPLE_DIR` names a folder (nothing is written otherwise).
    #[test]
    fn write_samples_when_asked() {
        let Ok(dir) = std::env::var("THAW_ICS_SAMPLE_DIR") else {
            return;
        };
        let mut until = walk("FREQ=DAILY;UNTIL=20260430");
        until.uid = "selfcare-stretch@thaw".into();
        until.summary = "stretch".into();
        let mut monthly = walk("FREQ=MONTHLY;BYMONTHDAY=1,-1;COUNT=6");
        monthly.uid = "activity-call@thaw".into();
        monthly.summary = "call a friend".into();
        let entries = [walk("mon,wed,fri"), until, monthly];
        let dir = std::path::Path::new(&dir);
        std::fs::write(
            dir.join("berlin.ics"),
            write_calendar(&entries, &berlin(), stamp()),
        )
        .unwrap();
        let posix = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        std::fs::write(
            dir.join("unnamed.ics"),
            write_calendar(&entries, &posix, stamp()),
        )
        .unwrap();
        std::fs::write(
            dir.join("fixed.ics"),
            write_calendar(&entries, &TimeZone::fixed(tz::offset(2)), stamp()),
        )
        .unwrap();
    }

    proptest! {
        #[test]
        fn any_text_folds_and_escapes_reversibly(text in "\\PC{0,300}", newlines in 0..4usize) {
            let text = format!("{text}{}", "\n;,\\".repeat(newlines));
            let mut entry = walk("daily");
            entry.description = Some(text.clone());
            let ics = write_calendar(&[entry], &berlin(), stamp());
            for line in ics.split_terminator("\r\n") {
                prop_assert!(line.len() <= 75);
            }
            let description = lines(&ics)
                .into_iter()
                .find(|l| l.starts_with("DESCRIPTION:"))
                .unwrap();
            prop_assert_eq!(unescape(&description["DESCRIPTION:".len()..]), text);
        }
    }
}
