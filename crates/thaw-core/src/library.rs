//! The starter library: ordinary, comforting activities a person can pick
//! from when they do not know where to begin (behavioral activation).
//!
//! Every [`Starter`] comes in three sizes, so a plan can shrink on a hard
//! day instead of being dropped: the `full` version, a `small` one, and a
//! `minimal` one that fits into a minute or two when energy is at its
//! lowest. Each also carries a tiny, doable expectation (`expect`) about
//! *noticing* something, never about feeling a certain way, and one or two
//! core values it tends to serve. [`Starter::to_activity`] turns a starter
//! into the person's own [`Activity`], which they can then change freely.
//!
//! To add an activity, append a [`Starter`] to [`LIBRARY`]:
//! - `name`: lowercase, one to four words (a few more only when needed),
//!   not used by another entry;
//! - `area`: one of the seven [`Area`]s;
//! - `full`, `small`, `minimal`: plain, concrete steps, each smaller than
//!   the last; the minimal one is doable in a minute or two on the hardest
//!   day;
//! - `expect`: one thing to notice, name or do ("notice one small detail"),
//!   never "enjoy it" or "feel better";
//! - `values`: one or two of connection, health, creativity, nature,
//!   learning, kindness, calm, purpose, play, care.
//!
//! Write it warmly, as you would say it to a tired friend: no "should", no
//! blame, no scores. The tests at the bottom of this file check the rules
//! that can be checked.

use crate::activity::Activity;

/// A life area an activity belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Connection,
    Body,
    Nature,
    Creativity,
    Rest,
    Mastery,
    Meaning,
}

impl Area {
    /// Every area, in the order they are shown.
    pub const ALL: [Area; 7] = [
        Area::Connection,
        Area::Body,
        Area::Nature,
        Area::Creativity,
        Area::Rest,
        Area::Mastery,
        Area::Meaning,
    ];

    /// A stable lowercase key, for the command line and the web app.
    pub fn key(self) -> &'static str {
        match self {
            Area::Connection => "connection",
            Area::Body => "body",
            Area::Nature => "nature",
            Area::Creativity => "creativity",
            Area::Rest => "rest",
            Area::Mastery => "mastery",
            Area::Meaning => "meaning",
        }
    }

    /// A heading to show a person.
    pub fn title(self) -> &'static str {
        match self {
            Area::Connection => "Connection",
            Area::Body => "Body",
            Area::Nature => "Nature",
            Area::Creativity => "Creativity",
            Area::Rest => "Rest",
            Area::Mastery => "Mastery",
            Area::Meaning => "Meaning",
        }
    }
}

/// One activity in the starter library, in three sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Starter {
    /// Short, lowercase, unique: "short walk".
    pub name: &'static str,
    pub area: Area,
    /// The whole thing, for a day with some energy.
    pub full: &'static str,
    /// A smaller version.
    pub small: &'static str,
    /// The smallest version: a minute or two on the hardest day.
    pub minimal: &'static str,
    /// A tiny, doable expectation about noticing ("notice one small detail").
    pub expect: &'static str,
    /// One or two core values this activity tends to serve.
    pub values: &'static [&'static str],
}

impl Starter {
    /// The person's own copy of this starter, not yet scheduled.
    pub fn to_activity(&self) -> Activity {
        Activity {
            name: self.name.to_owned(),
            small: Some(self.small.to_owned()),
            minimal: Some(self.minimal.to_owned()),
            expect: Some(self.expect.to_owned()),
            values: self.values.iter().map(|v| (*v).to_owned()).collect(),
            every: None,
            time: None,
        }
    }
}

/// The starter with this name, ignoring case and extra spaces.
pub fn find(name: &str) -> Option<&'static Starter> {
    let wanted = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let wanted = wanted.to_lowercase();
    LIBRARY.iter().find(|s| s.name.to_lowercase() == wanted)
}

/// The starter library, grouped by area.
pub const LIBRARY: &[Starter] = &[
    // Connection
    Starter {
        name: "coffee with a friend",
        area: Area::Connection,
        full: "Meet a friend for coffee or tea and stay as long as feels right",
        small: "Have a cup of tea with someone, at home or on a short call",
        minimal: "Send a friend one line: \"thinking of you\"",
        expect: "Notice one thing they say",
        values: &["connection"],
    },
    Starter {
        name: "text a friend",
        area: Area::Connection,
        full: "Write a friend a message about something you saw today and ask how they are",
        small: "Send a friend a photo or a link that made you think of them",
        minimal: "Send a heart or a wave to someone you trust",
        expect: "Notice who comes to mind first",
        values: &["connection", "kindness"],
    },
    Starter {
        name: "call someone",
        area: Area::Connection,
        full: "Call a friend or relative and chat about anything at all",
        small: "Make a five-minute call, or leave a short voice message",
        minimal: "Send a voice note of a few seconds that says hello",
        expect: "Notice one thing about their voice",
        values: &["connection"],
    },
    Starter {
        name: "greet a neighbour",
        area: Area::Connection,
        full: "Stop for a short chat with a neighbour or someone at a local shop",
        small: "Say hello to someone and ask how their day is going",
        minimal: "Nod or wave at one person you pass",
        expect: "Smile at one person",
        values: &["connection", "kindness"],
    },
    Starter {
        name: "write a card",
        area: Area::Connection,
        full: "Write a card or a short letter to someone you care about and post it",
        small: "Write three lines on a card; sending it can wait",
        minimal: "Write one person's name and one thing you like about them",
        expect: "Name one thing you value about them",
        values: &["connection", "kindness"],
    },
    // Body
    Starter {
        name: "short walk",
        area: Area::Body,
        full: "Walk for twenty minutes around your neighbourhood",
        small: "Walk to the end of the street and back",
        minimal: "Step outside the front door for one minute",
        expect: "Notice one small detail",
        values: &["health", "nature"],
    },
    Starter {
        name: "gentle stretching",
        area: Area::Body,
        full: "Follow a gentle stretching routine for fifteen minutes",
        small: "Stretch your arms, neck and back for five minutes",
        minimal: "Reach your arms up high once, then let them drop",
        expect: "Notice one place in your body that loosens",
        values: &["health", "calm"],
    },
    Starter {
        name: "warm shower",
        area: Area::Body,
        full: "Take a slow warm shower or bath and wash your hair",
        small: "Take a quick warm shower",
        minimal: "Wash your face and hands with warm water",
        expect: "Notice the temperature of the water",
        values: &["care", "health"],
    },
    Starter {
        name: "dance to one song",
        area: Area::Body,
        full: "Put on a few songs you like and move around the room",
        small: "Move to one whole song, any way you like",
        minimal: "Tap your feet or sway to thirty seconds of a song",
        expect: "Name one beat or instrument you hear",
        values: &["play", "health"],
    },
    Starter {
        name: "glass of water",
        area: Area::Body,
        full: "Fill a water bottle and keep it near you through the day",
        small: "Drink a full glass of water, slowly",
        minimal: "Take three sips of water",
        expect: "Notice whether the water is cool or warm",
        values: &["health", "care"],
    },
    Starter {
        name: "eat something nourishing",
        area: Area::Body,
        full: "Make a simple meal with something fresh in it, and sit down to eat it",
        small: "Make toast, a bowl of cereal or some fruit and yogurt",
        minimal: "Eat a piece of fruit or a handful of nuts",
        expect: "Notice one taste or texture",
        values: &["health", "care"],
    },
    // Nature
    Starter {
        name: "sit in daylight",
        area: Area::Nature,
        full: "Spend half an hour outside in daylight, on a bench or in a garden",
        small: "Sit by an open window or on a doorstep for ten minutes",
        minimal: "Open the curtains and stand in the light for one minute",
        expect: "Notice where the light falls",
        values: &["nature", "health"],
    },
    Starter {
        name: "tend a plant",
        area: Area::Nature,
        full: "Repot a plant, or sow a few seeds in a pot",
        small: "Water your plants and pick off a dead leaf or two",
        minimal: "Give one plant a little water",
        expect: "Notice one new leaf or bud",
        values: &["nature", "care"],
    },
    Starter {
        name: "watch the sky",
        area: Area::Nature,
        full: "Go somewhere with an open view and watch the sky for twenty minutes",
        small: "Look up at the sky from a window or the street for five minutes",
        minimal: "Look out of a window at the sky for one minute",
        expect: "Name one colour you see",
        values: &["nature", "calm"],
    },
    Starter {
        name: "listen to birds",
        area: Area::Nature,
        full: "Visit a park or green space and listen to the birds there",
        small: "Stand in a garden or by an open window and listen for five minutes",
        minimal: "Open a window and listen for one minute",
        expect: "Name one sound you hear",
        values: &["nature", "calm"],
    },
    Starter {
        name: "collect a leaf",
        area: Area::Nature,
        full: "Take a slow walk and bring home a leaf, a stone or a feather",
        small: "Look for one interesting leaf or stone near your door",
        minimal: "Hold a stone, a shell or a leaf in your hand for a minute",
        expect: "Notice one texture",
        values: &["nature", "play"],
    },
    // Creativity
    Starter {
        name: "listen to a favourite song",
        area: Area::Creativity,
        full: "Make a short playlist of songs you used to love and listen to it",
        small: "Listen to one favourite song from start to finish",
        minimal: "Play the first minute of a song you used to like",
        expect: "Name one instrument or line you hear",
        values: &["play", "calm"],
    },
    Starter {
        name: "doodle",
        area: Area::Creativity,
        full: "Sit down with paper and pens and draw whatever comes, for half an hour",
        small: "Doodle shapes or patterns for five minutes",
        minimal: "Draw one line, circle or squiggle on any scrap of paper",
        expect: "Notice one shape you made",
        values: &["creativity", "play"],
    },
    Starter {
        name: "take a photo",
        area: Area::Creativity,
        full: "Go for a short wander and take photos of small, ordinary things",
        small: "Take three photos of things around your home",
        minimal: "Take one photo of something near you",
        expect: "Notice one colour in the picture",
        values: &["creativity"],
    },
    Starter {
        name: "cook something simple",
        area: Area::Creativity,
        full: "Cook a simple recipe you have not made in a while",
        small: "Add one small touch to a usual meal, like herbs or a sauce",
        minimal: "Smell one spice or herb from the cupboard",
        expect: "Name one smell",
        values: &["creativity", "care"],
    },
    Starter {
        name: "write a few lines",
        area: Area::Creativity,
        full: "Write a page about anything: a memory, a place, today",
        small: "Write three sentences about something you saw today",
        minimal: "Write one word that fits today",
        expect: "Notice one word that comes to you",
        values: &["creativity"],
    },
    Starter {
        name: "sing or hum",
        area: Area::Creativity,
        full: "Sing along to a few songs, as loudly or softly as you like",
        small: "Sing or hum along to one song",
        minimal: "Hum a few notes of any tune",
        expect: "Notice the hum in your chest or throat",
        values: &["play", "creativity"],
    },
    // Rest
    Starter {
        name: "make a warm drink",
        area: Area::Rest,
        full: "Make a pot of tea or a warm drink and sit with it, away from screens",
        small: "Make a warm drink and have it sitting down",
        minimal: "Hold a warm mug in both hands for a minute",
        expect: "Notice the warmth in your hands",
        values: &["calm", "care"],
    },
    Starter {
        name: "slow breathing",
        area: Area::Rest,
        full: "Lie down somewhere quiet and breathe slowly for ten minutes",
        small: "Sit comfortably and take ten slow breaths",
        minimal: "Take one slow breath in, and a longer one out",
        expect: "Notice where the breath moves in your body",
        values: &["calm", "health"],
    },
    Starter {
        name: "rest under a blanket",
        area: Area::Rest,
        full: "Curl up with a blanket and a comforting film or show",
        small: "Lie under a blanket for fifteen minutes with the lights low",
        minimal: "Wrap a blanket or a jumper around you for a minute",
        expect: "Notice one soft texture",
        values: &["calm", "care"],
    },
    Starter {
        name: "read a few pages",
        area: Area::Rest,
        full: "Read a chapter of a gentle book, somewhere comfortable",
        small: "Read two pages of anything you like",
        minimal: "Read one short poem or paragraph",
        expect: "Notice one word or image that stays with you",
        values: &["calm", "learning"],
    },
    Starter {
        name: "wind down for sleep",
        area: Area::Rest,
        full: "Start getting ready for bed an hour early, with lights low and screens away",
        small: "Leave your phone in another room for the last half hour before bed",
        minimal: "Switch off one bright light",
        expect: "Notice how the room looks in softer light",
        values: &["calm", "health"],
    },
    Starter {
        name: "sit with a pet",
        area: Area::Rest,
        full: "Spend half an hour playing with, brushing or walking a pet",
        small: "Sit with a pet for ten minutes",
        minimal: "Stroke a pet, or look at a photo of one, for a minute",
        expect: "Notice one sound or texture",
        values: &["care", "calm"],
    },
    // Mastery
    Starter {
        name: "make the bed",
        area: Area::Mastery,
        full: "Make the bed and tidy the bedside table",
        small: "Straighten the covers and plump the pillow",
        minimal: "Pull the covers up",
        expect: "Notice how the bed looks afterwards",
        values: &["care", "purpose"],
    },
    Starter {
        name: "wash a few dishes",
        area: Area::Mastery,
        full: "Wash up everything in the sink and wipe the counter",
        small: "Wash five things",
        minimal: "Wash one cup",
        expect: "Notice the water on your hands",
        values: &["care", "purpose"],
    },
    Starter {
        name: "clear one surface",
        area: Area::Mastery,
        full: "Tidy one room, a corner at a time, with breaks whenever you like",
        small: "Clear one table or shelf",
        minimal: "Put one thing back where it lives",
        expect: "Notice one clear spot",
        values: &["calm", "purpose"],
    },
    Starter {
        name: "learn something small",
        area: Area::Mastery,
        full: "Watch a short lesson or read an article about something you are curious about",
        small: "Read about a topic that interests you for ten minutes",
        minimal: "Look up one word or fact you have wondered about",
        expect: "Name one new thing you found out",
        values: &["learning"],
    },
    Starter {
        name: "one small task",
        area: Area::Mastery,
        full: "Pick one small job from your list and work on it for half an hour",
        small: "Work on one small job for ten minutes",
        minimal: "Write down one small job, or do its very first step",
        expect: "Notice one thing that is done",
        values: &["purpose"],
    },
    Starter {
        name: "practise a skill",
        area: Area::Mastery,
        full: "Spend half an hour on a skill you used to like: an instrument, a language, knitting",
        small: "Practise that skill for ten minutes",
        minimal: "Pick up the instrument, needles or book and hold it for a minute",
        expect: "Notice one thing your hands remember",
        values: &["learning", "play"],
    },
    // Meaning
    Starter {
        name: "help someone",
        area: Area::Meaning,
        full: "Offer an hour of help to a friend, a neighbour or a local group",
        small: "Do one helpful thing for someone, like carrying a bag or sharing a recipe",
        minimal: "Say thank you to one person, face to face or by message",
        expect: "Notice one small thing you made easier",
        values: &["kindness", "purpose"],
    },
    Starter {
        name: "three good things",
        area: Area::Meaning,
        full: "Spend ten minutes writing about small things from this week that were okay or good",
        small: "Write down three small things from today that were okay",
        minimal: "Name one thing from today that was okay",
        expect: "Notice one ordinary moment",
        values: &["purpose", "calm"],
    },
    Starter {
        name: "one step for a value",
        area: Area::Meaning,
        full: "Choose something that matters to you and plan one small action for it this week",
        small: "Do one small thing today that fits something you care about",
        minimal: "Write down one thing you care about",
        expect: "Name one thing that matters to you",
        values: &["purpose"],
    },
    Starter {
        name: "look at old photos",
        area: Area::Meaning,
        full: "Look through an album of people and places you care about",
        small: "Look at five photos from a time you remember fondly",
        minimal: "Look at one photo that means something to you",
        expect: "Notice one detail in the photo",
        values: &["connection", "purpose"],
    },
    Starter {
        name: "give some time",
        area: Area::Meaning,
        full: "Give an hour to a local group, a food bank or a community garden",
        small: "Look up one local group you could help out some day",
        minimal: "Put one item aside to give away",
        expect: "Notice who it might help",
        values: &["kindness", "purpose"],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    const CORE_VALUES: [&str; 10] = [
        "connection",
        "health",
        "creativity",
        "nature",
        "learning",
        "kindness",
        "calm",
        "purpose",
        "play",
        "care",
    ];

    fn texts(s: &Starter) -> [(&'static str, &'static str); 5] {
        [
            ("name", s.name),
            ("full", s.full),
            ("small", s.small),
            ("minimal", s.minimal),
            ("expect", s.expect),
        ]
    }

    #[test]
    fn the_library_is_big_enough_and_covers_every_area() {
        assert!(LIBRARY.len() >= 32, "only {} starters", LIBRARY.len());
        for area in Area::ALL {
            let n = LIBRARY.iter().filter(|s| s.area == area).count();
            assert!(n >= 4, "{} has only {n} starters", area.key());
        }
    }

    #[test]
    fn areas_have_distinct_keys_and_titles() {
        for (i, a) in Area::ALL.iter().enumerate() {
            assert_eq!(a.key(), a.key().to_lowercase());
            assert!(!a.title().is_empty());
            for b in Area::ALL.iter().skip(i + 1) {
                assert_ne!(a.key(), b.key());
                assert_ne!(a.title(), b.title());
            }
        }
    }

    #[test]
    fn names_are_short_lowercase_and_unique() {
        for (i, s) in LIBRARY.iter().enumerate() {
            assert_eq!(s.name, s.name.to_lowercase(), "{}", s.name);
            assert_eq!(s.name, s.name.trim(), "{}", s.name);
            let words = s.name.split_whitespace().count();
            // Up to four words; "listen to a favourite song" keeps the
            // source article's own wording.
            assert!((1..=5).contains(&words), "{}", s.name);
            for other in LIBRARY.iter().skip(i + 1) {
                assert_ne!(
                    s.name.to_lowercase(),
                    other.name.to_lowercase(),
                    "duplicate name"
                );
            }
        }
    }

    #[test]
    fn every_text_is_present_and_fits_a_label() {
        for s in LIBRARY {
            for (field, t) in texts(s) {
                assert!(!t.trim().is_empty(), "{}: empty {field}", s.name);
                assert!(
                    t.chars().count() <= text::LABEL_MAX,
                    "{}: {field} too long",
                    s.name
                );
            }
            assert_eq!(text::label("name", s.name).unwrap(), s.name);
            for v in s.values {
                assert_eq!(text::label("values", v).unwrap(), *v);
            }
        }
    }

    #[test]
    fn the_minimal_version_is_smaller_than_the_full_one() {
        for s in LIBRARY {
            let (full, minimal) = (s.full.chars().count(), s.minimal.chars().count());
            assert!(minimal < full, "{}: minimal is not shorter", s.name);
        }
    }

    #[test]
    fn values_come_from_the_core_list() {
        for s in LIBRARY {
            assert!(
                (1..=2).contains(&s.values.len()),
                "{}: use one or two values",
                s.name
            );
            for v in s.values {
                assert!(CORE_VALUES.contains(v), "{}: unknown value {v}", s.name);
            }
            if let [a, b] = s.values {
                assert_ne!(a, b, "{}", s.name);
            }
        }
    }

    #[test]
    fn expectations_are_about_noticing_not_feeling() {
        for s in LIBRARY {
            let e = s.expect.to_lowercase();
            for word in ["enjoy", "should", "must", "feel better"] {
                assert!(!e.contains(word), "{}: expect says {word:?}", s.name);
            }
        }
    }

    #[test]
    fn nothing_blames() {
        for s in LIBRARY {
            for (field, t) in texts(s) {
                let t = t.to_lowercase();
                for word in ["missed", "failed", "streak", "lazy", "should", "must "] {
                    assert!(!t.contains(word), "{}: {field} says {word:?}", s.name);
                }
            }
        }
    }

    #[test]
    fn find_ignores_case_and_spaces() {
        let walk = find(" Short Walk ").unwrap();
        assert_eq!(walk.name, "short walk");
        assert_eq!(walk.area, Area::Body);
        assert_eq!(
            find("listen  to a FAVOURITE song").unwrap().name,
            "listen to a favourite song"
        );
        assert!(find("").is_none());
        assert!(find("run a marathon").is_none());
        for s in LIBRARY {
            assert_eq!(find(s.name), Some(s));
        }
    }

    #[test]
    fn every_starter_becomes_a_valid_activity() {
        for s in LIBRARY {
            let a = s.to_activity();
            assert_eq!(a.name, s.name);
            assert_eq!(a.small.as_deref(), Some(s.small));
            assert_eq!(a.minimal.as_deref(), Some(s.minimal));
            assert_eq!(a.expect.as_deref(), Some(s.expect));
            assert_eq!(a.values, s.values.to_vec());
            assert_eq!((a.every.as_deref(), a.time.as_deref()), (None, None));
            let checked = a
                .clone()
                .checked()
                .unwrap_or_else(|e| panic!("{}: {e:?}", s.name));
            assert_eq!(checked, a, "{}: checking changed it", s.name);
        }
    }
}
