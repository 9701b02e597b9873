//! Validated screeners: PHQ-9, PHQ-8, PHQ-2, GAD-7 and WHO-5, with their
//! published item wording, exact scoring and severity bands.
//!
//! Sources (all free to use without permission):
//! - PHQ-9, PHQ-8, PHQ-2 and GAD-7: developed by Drs. Robert L. Spitzer,
//!   Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational
//!   grant from Pfizer Inc. No permission required to reproduce,
//!   translate, display or distribute. Bands: Kroenke, Spitzer & Williams
//!   (2001) J Gen Intern Med 16:606–613; Kroenke et al. (2009) J Affect
//!   Disord 114:163–173 (PHQ-8); Kroenke, Spitzer & Williams (2003) Med
//!   Care 41:1284–1292 (PHQ-2, cut-off 3); Spitzer et al. (2006) Arch
//!   Intern Med 166:1092–1097 (GAD-7).
//! - WHO-5 Well-Being Index: © Psychiatric Research Unit, WHO
//!   Collaborating Centre in Mental Health, Frederiksborg General
//!   Hospital; Topp et al. (2015) Psychother Psychosom 84:167–176.
//!
//! Scores describe ranges ("in the range often called moderate"); they are
//! never a diagnosis. A PHQ-9 item 9 of 0 is never read as "no risk": the
//! item misses many people at risk, so the tool says nothing about risk
//! from a 0. Item 9 may be declined.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::InputError;
use crate::moment::Moment;

/// A screener.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Instrument {
    Phq9,
    Phq8,
    Phq2,
    Gad7,
    Who5,
}

/// Every instrument, in the order they are listed.
pub const INSTRUMENTS: [Instrument; 5] = [
    Instrument::Phq9,
    Instrument::Phq8,
    Instrument::Phq2,
    Instrument::Gad7,
    Instrument::Who5,
];

const PHQ_STEM: &str =
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?";
const GAD_STEM: &str =
    "Over the last 2 weeks, how often have you been bothered by the following problems?";
const WHO5_STEM: &str = "Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.";

const PHQ_ITEMS: [&str; 9] = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
];

const GAD_ITEMS: [&str; 7] = [
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
];

const WHO5_ITEMS: [&str; 5] = [
    "I have felt cheerful and in good spirits",
    "I have felt calm and relaxed",
    "I have felt active and vigorous",
    "I woke up feeling fresh and rested",
    "My daily life has been filled with things that interest me",
];

const FREQUENCY: [(u8, &str); 4] = [
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
];

const WHO5_OPTIONS: [(u8, &str); 6] = [
    (5, "All of the time"),
    (4, "Most of the time"),
    (3, "More than half of the time"),
    (2, "Less than half of the time"),
    (1, "Some of the time"),
    (0, "At no time"),
];

/// Severity bands, named as the spec's JSON names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Minimal,
    Mild,
    Moderate,
    ModeratelySevere,
    Severe,
}

impl Severity {
    /// The band's name in plain words ("moderately severe").
    pub fn words(self) -> &'static str {
        match self {
            Severity::Minimal => "minimal",
            Severity::Mild => "mild",
            Severity::Moderate => "moderate",
            Severity::ModeratelySevere => "moderately severe",
            Severity::Severe => "severe",
        }
    }
}

/// A band of totals: `low..=high` is `severity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    pub low: u8,
    pub high: u8,
    pub severity: Severity,
}

const fn band(low: u8, high: u8, severity: Severity) -> Band {
    Band {
        low,
        high,
        severity,
    }
}

const PHQ9_BANDS: [Band; 5] = [
    band(0, 4, Severity::Minimal),
    band(5, 9, Severity::Mild),
    band(10, 14, Severity::Moderate),
    band(15, 19, Severity::ModeratelySevere),
    band(20, 27, Severity::Severe),
];
const PHQ8_BANDS: [Band; 5] = [
    band(0, 4, Severity::Minimal),
    band(5, 9, Severity::Mild),
    band(10, 14, Severity::Moderate),
    band(15, 19, Severity::ModeratelySevere),
    band(20, 24, Severity::Severe),
];
const GAD7_BANDS: [Band; 4] = [
    band(0, 4, Severity::Minimal),
    band(5, 9, Severity::Mild),
    band(10, 14, Severity::Moderate),
    band(15, 21, Severity::Severe),
];

impl Instrument {
    /// The key used on the command line, in JSON and in storage.
    pub fn key(self) -> &'static str {
        match self {
            Instrument::Phq9 => "phq9",
            Instrument::Phq8 => "phq8",
            Instrument::Phq2 => "phq2",
            Instrument::Gad7 => "gad7",
            Instrument::Who5 => "who5",
        }
    }

    /// Parses a key; the error names `field`.
    pub fn parse(field: &str, text: &str) -> Result<Self, InputError> {
        let wanted = text.trim().to_ascii_lowercase().replace(['-', '_'], "");
        INSTRUMENTS
            .into_iter()
            .find(|i| i.key() == wanted)
            .ok_or_else(|| InputError::new(field, text, "use one of: phq9, phq8, phq2, gad7, who5"))
    }

    /// The full name people know it by.
    pub fn name(self) -> &'static str {
        match self {
            Instrument::Phq9 => "PHQ-9 (depression)",
            Instrument::Phq8 => "PHQ-8 (depression, without the item on self-harm)",
            Instrument::Phq2 => "PHQ-2 (a two-question check)",
            Instrument::Gad7 => "GAD-7 (anxiety)",
            Instrument::Who5 => "WHO-5 (well-being)",
        }
    }

    /// The question every item answers.
    pub fn stem(self) -> &'static str {
        match self {
            Instrument::Phq9 | Instrument::Phq8 | Instrument::Phq2 => PHQ_STEM,
            Instrument::Gad7 => GAD_STEM,
            Instrument::Who5 => WHO5_STEM,
        }
    }

    /// The items, in order, with their published wording.
    pub fn items(self) -> &'static [&'static str] {
        match self {
            Instrument::Phq9 => &PHQ_ITEMS,
            Instrument::Phq8 => &PHQ_ITEMS[..8],
            Instrument::Phq2 => &PHQ_ITEMS[..2],
            Instrument::Gad7 => &GAD_ITEMS,
            Instrument::Who5 => &WHO5_ITEMS,
        }
    }

    /// The answer choices (value, words), in the order they are shown.
    pub fn options(self) -> &'static [(u8, &'static str)] {
        match self {
            Instrument::Who5 => &WHO5_OPTIONS,
            _ => &FREQUENCY,
        }
    }

    /// The highest value of one item.
    pub fn item_max(self) -> u8 {
        match self {
            Instrument::Who5 => 5,
            _ => 3,
        }
    }

    /// The highest total.
    pub fn total_max(self) -> u8 {
        self.item_max() * self.items().len() as u8
    }

    /// The severity bands (empty for PHQ-2 and WHO-5, which have cut-offs).
    pub fn bands(self) -> &'static [Band] {
        match self {
            Instrument::Phq9 => &PHQ9_BANDS,
            Instrument::Phq8 => &PHQ8_BANDS,
            Instrument::Gad7 => &GAD7_BANDS,
            Instrument::Phq2 | Instrument::Who5 => &[],
        }
    }

    /// The change in total that is larger than measurement noise
    /// (reliable change), if one is established.
    pub fn reliable_change(self) -> Option<u8> {
        match self {
            Instrument::Phq9 | Instrument::Phq8 => Some(5),
            Instrument::Gad7 => Some(4),
            // 10 percentage points = 2.5 raw points; 3 raw points is the
            // smallest whole step past it.
            Instrument::Who5 => Some(3),
            Instrument::Phq2 => None,
        }
    }

    /// True when a higher total means feeling worse.
    pub fn higher_is_worse(self) -> bool {
        self != Instrument::Who5
    }

    /// Whether item `index` (0-based) may be declined.
    pub fn may_decline(self, index: usize) -> bool {
        self == Instrument::Phq9 && index == 8
    }
}

/// What a person may type to decline an item that allows it.
pub const DECLINE_WORDS: [&str; 4] = ["-", "declined", "decline", "skip"];

/// Parses answers typed as `1,2,0,…` (a declinable item may be `-`).
pub fn parse_answers(instrument: Instrument, text: &str) -> Result<Vec<Option<u8>>, InputError> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let expected = instrument.items().len();
    let allowed = format!(
        "give {expected} answers separated by commas, each a whole number from 0 to {}{}",
        instrument.item_max(),
        if instrument == Instrument::Phq9 {
            " (item 9 may be - to decline)"
        } else {
            ""
        }
    );
    if parts.len() != expected {
        return Err(InputError::new("answers", text, allowed));
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if instrument.may_decline(i)
                && DECLINE_WORDS.contains(&part.to_ascii_lowercase().as_str())
            {
                return Ok(None);
            }
            match part.parse::<u8>() {
                Ok(v) if v <= instrument.item_max() => Ok(Some(v)),
                _ => Err(InputError::new("answers", text, allowed.clone())),
            }
        })
        .collect()
}

/// Writes answers back as text (`-` for a declined item), as stored.
pub fn answers_text(answers: &[Option<u8>]) -> String {
    answers
        .iter()
        .map(|a| a.map_or("-".to_owned(), |v| v.to_string()))
        .collect::<Vec<_>>()
        .join(",")
}

/// A completed screener.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screening {
    pub id: Uuid,
    pub instrument: Instrument,
    pub at: Moment,
    /// One per item; `None` only for a declined item.
    pub answers: Vec<Option<u8>>,
}

impl Screening {
    /// Checks the answers against the instrument.
    pub fn new(
        id: Uuid,
        instrument: Instrument,
        at: Moment,
        answers: Vec<Option<u8>>,
    ) -> Result<Self, InputError> {
        let text = answers_text(&answers);
        // The same rules as typed answers, so no path can store an 11.
        let checked = parse_answers(instrument, &text)?;
        Ok(Self {
            id,
            instrument,
            at,
            answers: checked,
        })
    }

    pub fn score(&self) -> Score {
        score(self.instrument, &self.answers)
    }
}

/// A screener's result, derived from its answers (never trusted from a file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    pub total: u8,
    pub severity: Option<Severity>,
    /// PHQ-9 only: item 9 answered above 0.
    pub item9_positive: bool,
    /// PHQ-9 only: item 9 declined.
    pub item9_declined: bool,
    /// PHQ-2 only: total of 3 or more.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub positive_screen: Option<bool>,
    /// WHO-5 only: raw total × 4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percentage: Option<u8>,
    /// WHO-5 only: raw total below 13.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poor_wellbeing: Option<bool>,
}

/// Scores answers by the published rules (a declined item counts 0).
pub fn score(instrument: Instrument, answers: &[Option<u8>]) -> Score {
    let total: u8 = answers.iter().map(|a| a.unwrap_or(0)).sum();
    let severity = instrument
        .bands()
        .iter()
        .find(|b| (b.low..=b.high).contains(&total))
        .map(|b| b.severity);
    let item9 = if instrument == Instrument::Phq9 {
        answers.get(8).copied()
    } else {
        None
    };
    Score {
        total,
        severity,
        item9_positive: matches!(item9, Some(Some(v)) if v > 0),
        item9_declined: matches!(item9, Some(None)),
        positive_screen: (instrument == Instrument::Phq2).then_some(total >= 3),
        percentage: (instrument == Instrument::Who5).then_some(total * 4),
        poor_wellbeing: (instrument == Instrument::Who5).then_some(total < 13),
    }
}

/// What a result means, in words that describe and never diagnose.
pub fn describe(instrument: Instrument, score: &Score) -> String {
    match instrument {
        Instrument::Phq2 => {
            if score.positive_screen == Some(true) {
                format!(
                    "Your total is {} of 6. At 3 or more, the fuller PHQ-9 is worth taking: thaw screen phq9",
                    score.total
                )
            } else {
                format!("Your total is {} of 6.", score.total)
            }
        }
        Instrument::Who5 => {
            let pct = score.percentage.unwrap_or(0);
            if score.poor_wellbeing == Some(true) {
                format!(
                    "Your well-being score is {pct} of 100. Below 52 is often a sign to talk it over with a professional."
                )
            } else {
                format!("Your well-being score is {pct} of 100.")
            }
        }
        _ => match score.severity {
            Some(s) => format!(
                "Your total is {} of {}: in the range often called {}.",
                score.total,
                instrument.total_max(),
                s.words()
            ),
            None => format!(
                "Your total is {} of {}.",
                score.total,
                instrument.total_max()
            ),
        },
    }
}

/// A note on the change since the previous result, when it is larger than
/// measurement noise.
pub fn change_note(instrument: Instrument, previous: u8, now: u8) -> Option<String> {
    let threshold = instrument.reliable_change()?;
    let diff = i16::from(now) - i16::from(previous);
    if diff.unsigned_abs() < u16::from(threshold) {
        return None;
    }
    let better = (diff < 0) == instrument.higher_is_worse();
    let points = diff.unsigned_abs();
    Some(if better {
        format!(
            "That is {points} points better than last time: a change larger than day-to-day noise."
        )
    } else {
        format!(
            "That is {points} points harder than last time: a real change, worth sharing with someone you trust or your clinician."
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(instrument: Instrument, total: u8) -> Vec<Option<u8>> {
        // Spread `total` over the items, filling each to its maximum in turn.
        let mut left = total;
        instrument
            .items()
            .iter()
            .map(|_| {
                let v = left.min(instrument.item_max());
                left -= v;
                Some(v)
            })
            .collect()
    }

    /// Every boundary of every band gives the published severity.
    #[test]
    fn every_band_boundary() {
        let cases: &[(Instrument, &[(u8, Severity)])] = &[
            (
                Instrument::Phq9,
                &[
                    (0, Severity::Minimal),
                    (4, Severity::Minimal),
                    (5, Severity::Mild),
                    (9, Severity::Mild),
                    (10, Severity::Moderate),
                    (14, Severity::Moderate),
                    (15, Severity::ModeratelySevere),
                    (19, Severity::ModeratelySevere),
                    (20, Severity::Severe),
                    (27, Severity::Severe),
                ],
            ),
            (
                Instrument::Phq8,
                &[
                    (0, Severity::Minimal),
                    (4, Severity::Minimal),
                    (5, Severity::Mild),
                    (9, Severity::Mild),
                    (10, Severity::Moderate),
                    (14, Severity::Moderate),
                    (15, Severity::ModeratelySevere),
                    (19, Severity::ModeratelySevere),
                    (20, Severity::Severe),
                    (24, Severity::Severe),
                ],
            ),
            (
                Instrument::Gad7,
                &[
                    (0, Severity::Minimal),
                    (4, Severity::Minimal),
                    (5, Severity::Mild),
                    (9, Severity::Mild),
                    (10, Severity::Moderate),
                    (14, Severity::Moderate),
                    (15, Severity::Severe),
                    (21, Severity::Severe),
                ],
            ),
        ];
        for (instrument, bounds) in cases {
            for &(total, severity) in *bounds {
                let s = score(*instrument, &answers(*instrument, total));
                assert_eq!(s.total, total);
                assert_eq!(s.severity, Some(severity), "{instrument:?} total {total}");
            }
        }
    }

    #[test]
    fn phq2_cut_off_is_three() {
        for (total, positive) in [(0, false), (2, false), (3, true), (6, true)] {
            let s = score(Instrument::Phq2, &answers(Instrument::Phq2, total));
            assert_eq!(s.positive_screen, Some(positive), "{total}");
            assert_eq!(s.severity, None);
        }
    }

    #[test]
    fn who5_percentage_and_poor_wellbeing_cut_off() {
        for (raw, poor) in [(0, true), (12, true), (13, false), (25, false)] {
            let s = score(Instrument::Who5, &answers(Instrument::Who5, raw));
            assert_eq!(s.percentage, Some(raw * 4));
            assert_eq!(s.poor_wellbeing, Some(poor), "{raw}");
        }
    }

    #[test]
    fn item9_positive_declined_and_zero() {
        let a = parse_answers(Instrument::Phq9, "0,0,0,0,0,0,0,0,1").unwrap();
        assert!(score(Instrument::Phq9, &a).item9_positive);
        let a = parse_answers(Instrument::Phq9, "1,1,1,1,1,1,1,1,-").unwrap();
        let s = score(Instrument::Phq9, &a);
        assert!(s.item9_declined && !s.item9_positive);
        assert_eq!(s.total, 8);
        let a = parse_answers(Instrument::Phq9, "0,0,0,0,0,0,0,0,0").unwrap();
        assert!(!score(Instrument::Phq9, &a).item9_positive);
        assert!(
            parse_answers(Instrument::Phq8, "1,1,1,1,1,1,1,-").is_err(),
            "only PHQ-9 item 9 may be declined"
        );
    }

    #[test]
    fn wrong_counts_values_and_words_are_refused() {
        for (i, text) in [
            (Instrument::Phq9, "1,1,1,1,1,1,1,1"),
            (Instrument::Phq9, "1,1,1,1,4,1,1,1,1"),
            (Instrument::Gad7, "1,1,x,1,1,1,1"),
            (Instrument::Who5, "1,1,1,1,-1"),
            (Instrument::Who5, "1,1,1,1,6"),
            (Instrument::Phq2, ""),
            (Instrument::Phq2, "1,,1"),
        ] {
            let err = parse_answers(i, text).unwrap_err();
            assert_eq!(err.field, "answers", "{text}");
        }
        assert_eq!(
            Instrument::parse("instrument", "phq10").unwrap_err().field,
            "instrument"
        );
        assert_eq!(
            Instrument::parse("instrument", "PHQ-9").unwrap(),
            Instrument::Phq9
        );
    }

    #[test]
    fn words_describe_and_never_diagnose() {
        let s = score(Instrument::Phq9, &answers(Instrument::Phq9, 12));
        let text = describe(Instrument::Phq9, &s);
        assert!(text.contains("often called moderate"), "{text}");
        for i in INSTRUMENTS {
            for total in [0, i.total_max()] {
                let text = describe(i, &score(i, &answers(i, total))).to_lowercase();
                assert!(
                    !text.contains("you have")
                        && !text.contains("no risk")
                        && !text.contains("diagnos"),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn reliable_change_notes() {
        assert_eq!(change_note(Instrument::Phq9, 14, 10), None);
        assert!(
            change_note(Instrument::Phq9, 15, 10)
                .unwrap()
                .contains("better")
        );
        assert!(
            change_note(Instrument::Phq9, 10, 15)
                .unwrap()
                .contains("harder")
        );
        assert!(
            change_note(Instrument::Who5, 10, 13)
                .unwrap()
                .contains("better"),
            "WHO-5: higher is better"
        );
        assert_eq!(change_note(Instrument::Phq2, 0, 6), None);
    }

    #[test]
    fn wording_matches_the_published_items() {
        assert_eq!(Instrument::Phq9.items().len(), 9);
        assert_eq!(Instrument::Phq8.items().len(), 8);
        assert_eq!(Instrument::Gad7.items().len(), 7);
        assert_eq!(Instrument::Who5.items().len(), 5);
        assert!(
            Instrument::Phq9.items()[8].starts_with("Thoughts that you would be better off dead")
        );
        assert_eq!(Instrument::Phq9.total_max(), 27);
        assert_eq!(Instrument::Who5.total_max(), 25);
    }
}
