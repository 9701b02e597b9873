//! Spotting words that suggest a risk of suicide or self-harm, so Thaw can
//! gently put crisis resources in front of the person who wrote them.
//!
//! [`assess`] reads a piece of free text (a journal entry, a note) and
//! reports which of seven kinds of [`Signal`] it contains: saying outright
//! that they want to die, a passive wish not to be here, feeling a burden,
//! thinking about a method, saying goodbye, hurting themselves, and
//! hopelessness about living.
//!
//! It runs entirely on this machine, in memory, with fixed hand-written
//! rules: no model, no network, no logging. The text is never sent or
//! stored anywhere by this module. It is fast enough to run on every save
//! (tens of microseconds for a 2,000-character entry in a release build).
//!
//! # A safety net, not a diagnosis
//! It will miss things people say in their own way, and it will sometimes
//! flag a figure of speech. The choices it makes on purpose:
//! - A genuinely ambiguous first-person sentence is flagged ("I can't go on
//!   like this", "I want it to be over", "I used to self-harm"): showing
//!   someone a helpline they did not need costs little.
//! - Everyday idioms stay quiet ("this commute is killing me", "I could
//!   murder a pizza", "dead tired", "the ute's carked it"), and so do
//!   accidents ("I cut myself shaving") unless it says "on purpose".
//! - Clear negations stay quiet ("I'm not suicidal, just tired", "I would
//!   never hurt myself", "if I ever feel suicidal I'll call my GP", "... but
//!   not anymore").
//! - Neutral talk about other people or media stays quiet ("watched a
//!   documentary about suicide prevention", "my friend said she wants to
//!   die", "the film is about a man who attempts suicide"): the signals are
//!   about the writer. Numbness ("I feel dead inside", "I feel nothing") is
//!   what Thaw is for, and is not by itself a risk signal.
//!
//! # How it works
//! The text is normalised into words (lower case, straight quotes,
//! contractions expanded whether typed with an apostrophe or not, `no
//! one`/`noone`, `self-harm`/`selfharm`, common misspellings and one-letter
//! slips of key words), split into sentences and clauses. Each entry of
//! `RULES` holds phrase patterns for one signal; a match counts unless:
//! - a negation sits just before it in the same clause ("not", "never",
//!   "no longer", "I don't think I'm ...") or it is a safety plan ("if I
//!   ever feel ...");
//! - the matched words do not name the writer and the nearest person before
//!   them in the sentence is someone else ("she", "my friend", "the film");
//! - the sentence takes it back ("... but not anymore", "and I said no");
//! - the words right after it (or, for goodbyes, anywhere in the sentence)
//!   make it an idiom or an accident ("kill myself *laughing*", "burnt
//!   myself *on the oven*", "last day at *work*, this is goodbye"), unless
//!   the sentence says it was on purpose.
//!
//! # Adding a phrase
//! The labelled corpus is `crates/thaw-core/data/risk_corpus.json`:
//! `"risk"` holds what must be flagged, `"not_risk"` what should stay
//! quiet. Add the phrase there and run `cargo test -p thaw-core risk`; if
//! it fails, extend a pattern in `RULES` (or an exception) until it passes.
//! The tests hold the line: every `"risk"` phrase must be flagged, and
//! fewer than one in ten `"not_risk"` phrases may be
//! (`cargo test -p thaw-core risk -- --nocapture` prints precision and
//! recall, and lists the quiet phrases that still get flagged).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use serde::Serialize;

/// One kind of warning sign found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// Wanting to die or kill oneself, thinking about suicide.
    DirectIntent,
    /// Wishing not to exist, not to wake up, to disappear.
    PassiveWish,
    /// Feeling a burden; others better off without them.
    Burden,
    /// Thinking about or preparing a way to do it.
    Method,
    /// Goodbyes, giving things away, a last entry.
    Goodbye,
    /// Hurting oneself: cutting, burning, hitting.
    SelfHarm,
    /// No point in living, can't go on.
    Hopelessness,
}

impl Signal {
    /// Every signal, in the order an [`Assessment`] lists them.
    pub const ALL: [Signal; 7] = [
        Signal::DirectIntent,
        Signal::PassiveWish,
        Signal::Burden,
        Signal::Method,
        Signal::Goodbye,
        Signal::SelfHarm,
        Signal::Hopelessness,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// What [`assess`] found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Whether any signal was found; true exactly when `signals` is not empty.
    pub flagged: bool,
    /// The signals found, each once, in the order of [`Signal::ALL`].
    pub signals: Vec<Signal>,
}

/// Reads `text` and reports any signs of risk of suicide or self-harm.
///
/// Pure and fast (microseconds for a long journal entry); never fails.
pub fn assess(text: &str) -> Assessment {
    let detector = &*DETECTOR;
    let lowered = normalise_characters(text);
    let mut words = split_words(&lowered);
    for word in &mut words {
        word.id = detector.id(word.text);
        if word.id == UNKNOWN {
            // Only words the rules do not know are read as slips, so
            // "overdosed" stays itself rather than becoming "overdose".
            word.text = fuzzy(word.text, &detector.fuzzy_targets);
            word.id = detector.id(word.text);
        }
        word.class = detector.class_of(word.id);
    }
    let present = WordSet::of(&words);
    // Whether each pattern's required words occur in the text, worked out
    // the first time the pattern is tried.
    let mut viable: Vec<Option<bool>> = vec![None; detector.patterns.len()];
    let mut found = [false; Signal::ALL.len()];
    for (start, word) in words.iter().enumerate() {
        let candidates = usize::try_from(word.id)
            .ok()
            .and_then(|id| detector.by_first_word.get(id));
        for &index in candidates.into_iter().flatten() {
            let Some(pattern) = detector.patterns.get(index) else {
                continue;
            };
            let Some(known) = viable.get_mut(index) else {
                continue;
            };
            let is_viable =
                *known.get_or_insert_with(|| pattern.required.iter().all(|ids| present.any(ids)));
            if !is_viable {
                continue;
            }
            let Some(signal) = detector.rules.get(pattern.rule).map(|rule| rule.signal) else {
                continue;
            };
            let Some(seen) = found.get_mut(signal.index()) else {
                continue;
            };
            if !*seen && detector.matches_at(&words, start, pattern) {
                *seen = true;
            }
        }
    }
    let signals: Vec<Signal> = Signal::ALL
        .into_iter()
        .filter(|signal| found.get(signal.index()).copied().unwrap_or(false))
        .collect();
    Assessment {
        flagged: !signals.is_empty(),
        signals,
    }
}

// ---------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------

/// A group of phrase patterns that point to one [`Signal`], with the
/// exceptions they share.
///
/// Pattern syntax, over normalised words:
/// - `word` one word; `a|b|c` any one of several words;
/// - `(two words|other|)` any one of several phrases (an empty choice makes
///   it optional); `{pills}` stands for a list of medicines;
/// - `*N` skips up to N words, never a negation and never across a sentence;
/// - `NEG` a negation word (`not`, `never`, `no`), for phrases that are
///   risky *because* of a negation ("I don't want to live");
/// - a leading `@` checks who the sentence is about even though the pattern
///   has a first-person word.
///
/// Contractions arrive expanded: write "i am", "do not", "can not",
/// "will not", "i would", "it is".
struct Rule {
    signal: Signal,
    patterns: &'static [&'static str],
    /// Phrases that, starting right after a match, make it harmless.
    unless_next: &'static [&'static str],
    /// Words (`a|b|c`) that, within a few words after a match, make it
    /// harmless.
    unless_near: &'static str,
    /// Look for `unless_near` words anywhere in the sentence ("Last day at
    /// work, this is goodbye"), not only after the match.
    near_anywhere: bool,
}

/// Medicines people mention when they describe stockpiling or overdosing.
const PILLS: &str = "(pills|tablets|meds|medication|medications|medicine|painkillers|paracetamol|acetaminophen|tylenol|panadol|nurofen|ibuprofen|aspirin|codeine|tramadol|sleeping pills|sleeping tablets|antidepressants|insulin)";

/// Words after "hurt/cut/burn myself" that describe an accident.
const ACCIDENT_NEXT: &[&str] = &[
    "playing|at|on|lifting|running|during|doing|falling|tripping|slipping|skiing|cycling|while|moving|gardening|training|climbing|skating|surfing|dancing|shaving|chopping|cooking|slicing|opening|peeling|making|ironing|baking|frying|grabbing|accidentally",
    "in (a|the) (fall|gym|garden|match|game|crash|kitchen|shed)",
    "by (accident|mistake|falling|tripping)",
    "when i (fell|slipped|tripped)",
    "trying to (lift|move|open|get|reach|fix)",
];

const RULES: &[Rule] = &[
    // --- Direct intent ---------------------------------------------------
    Rule {
        signal: Signal::DirectIntent,
        patterns: &[
            "(kill|killing|killed|kills) myself",
            "(end|ending|ended) my (own|) life",
            "(take|taking|took) my (own|) life",
            "(commit|committing|committed|attempt|attempts|attempted|attempting|tried|try) suicide",
        ],
        unless_next: &[
            "laughing|at|working|over|trying|studying|training|running|back|into",
            "in (my|your|his|her|their) (hands|stride)",
            "for (forgetting|being|not|that|it|this|saying|doing|letting|missing|eating|buying|leaving|losing)",
            "to (get|finish|meet|keep|make|hit|pass|impress|please)",
            "with (this|the|my|all this|all the|all my) (workload|work|overtime|exams|exam|study|revision|training|job|deadlines|shifts|hours|uni|course)",
        ],
        unless_near: "tripping|slipping|falling|fell|stairs|ladder|skateboard|ice|accident|accidentally",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::DirectIntent,
        patterns: &[
            "end it all",
            "(end|ending) (it|things|everything) *1 (tonight|today|soon|now|forever|permanently|for good|this week|this weekend|once and for all)",
            "(want|wanna|wanting|going|planning|plan|ready|decided|deciding|tempted|need|time) to (end|finish) (it|things|everything|myself)",
            "(end|ending|finish|finishing) myself",
        ],
        unless_next: &["with|early|there", "between us", "on a (high|good) note"],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::DirectIntent,
        patterns: &[
            "(want|wanna|wants|wanted|wanting|wish|wished|wishing|ready|deserve|hoping|hope|pray|praying|prefer|planning|plan|decided) to *1 die",
            "(wish|wished|hope|hoping|pray|praying) i *2 (die|died)",
            "rather *1 die",
        ],
        unless_next: &[
            "of|laughing|for|happy|old|rich|than|young|hair|it|peacefully|someday",
            "on (this|that|the) hill",
            "my hair",
            "with (my|your|his|her|their) boots",
            "in (my|his|her|their) (own|) (bed|90s|nineties|eighties|80s|old age)",
            "one day",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::DirectIntent,
        patterns: &[
            "suicidal|suicidality",
            "(scared|afraid|worried|terrified|frightened) *4 (do|doing) something (stupid|drastic)",
            "do something (stupid|drastic) to myself",
            "NEG *1 trust myself (tonight|right now|anymore|alone|around|with|not to)",
            "NEG *2 (safe|trust myself) (with|around|by) myself",
            "suicide (attempt|attempts|plan|plans|pact|method|methods|thoughts|ideation|urges)",
            "(think|thinks|thinking|thought|thoughts|considering|considered|contemplating|contemplated|planning|planned|plan|plans|researching|researched|obsessing|fantasising|fantasizing|dreaming|imagine|imagining|imagined|picture|picturing|pictured) (a lot|so much|constantly|again|seriously|often|more and more|all the time|lately|more|too much|) (about|of|) (suicide|dying|death|my death|my own death|ending it|ending it all|ending my life|ending things|taking my life|taking my own life|killing myself|not being here|not being alive|not existing|not waking up|not being around)",
        ],
        unless_next: &[
            "patients|people|clients|callers|teens|teenagers|friend|friends|prevention|awareness|rates|rate|statistics|stats|squad|metal|scene|scenes|hotline|helpline|research|hair|with",
            "in (the|a|this|that) (book|film|movie|show|game|novel|history|play|song|series)",
            "of (old age|natural causes)",
            "my hair",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    // --- Passive wish ----------------------------------------------------
    Rule {
        signal: Signal::PassiveWish,
        patterns: &[
            "NEG *2 (want|wanna|wanting|wish) to (live|be alive|exist|keep living|go on living|carry on living|be here anymore|be here no more|be here at all|be around anymore|be around no more|be on this earth|be on this planet|be in this world|wake up|be me anymore)",
        ],
        unless_next: &[
            "in|at|with|near|there|here|alone|together|abroad|next|close|far|somewhere|anywhere|under|early|before|until|till|the|him|her|them|everyone|anyone",
            "on (my|our|their|his|her) own",
            "by (myself|the|a)",
            "like (that|them|him|her|my parents)",
            "for (the|a|an|my|work|school)",
            "so early",
            "to (an|the|my|a) alarm",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::PassiveWish,
        patterns: &[
            "(hope|hoping|wish|wishing|want|wanted|rather|prefer|pray|praying) *3 (not|never) (wake|woke) up",
            "sleep|asleep *2 (and|then) (not|never) (wake|woke) up",
            "(never|not) wake up again",
            "(want|wanna|wish|wishing|wanted) *4 (sleep|sleeping|asleep) forever",
            "go to sleep (forever|and stay asleep)",
        ],
        unless_next: &[
            "early|for|at|until|till|before|the|him|her|them|everyone|anyone|my|you",
            "when (the|my) alarm",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::PassiveWish,
        patterns: &[
            "(wish|wished|wishing) i (was|were|had been|could be|would be) *1 dead",
            "(want|wanna|wanting|wanted|wish) to be dead",
            "better off dead",
            "rather be dead",
            "might as well be dead",
            "should (be|have been) dead",
            "should have died",
            "should not (be alive|still be alive|still be here|be here anymore|have survived)",
            "(wish|wished|wishes) i (had|would have|) *1 died",
            "(wish|wished|wishes) i (had|would|would have|) (never been born|never existed|never woken up|never woke up)",
            "(wish|wished|wishes) i (was|were|had been) never born",
            "(wish|wished|wishes) i (did not|could not|would not|do not) exist",
            "(wish|wished|wishing) i (could|would|can) *1 (stop existing|cease to exist|cease existing|stop being alive|not exist|not be alive|not be here)",
            "(want|wanna|wants|wish|wishing|wanted) to *1 (stop existing|cease to exist|cease existing|not exist|stop being alive|stop living|not be alive|not be here)",
        ],
        unless_next: &["than|laughing", "of (embarrassment|shame|boredom)"],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::PassiveWish,
        patterns: &[
            "rather (be dead|die) than (live|living|be alive|feel|feeling|go on|keep going|carry on|wake up|be here|exist)",
            "(tired|sick|exhausted|weary) of (living|being alive|existing|life|being here|it all|waking up|breathing|being me|everything|fighting)",
            "(hate|hating|hated) (being alive|living|existing|being here|waking up)",
            "NEG *1 deserve to (live|be alive|exist|be here|breathe)",
        ],
        unless_next: &[
            "in|at|on|with|early|to|before|here|there|about|when|around",
            "as (a|an)",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::PassiveWish,
        patterns: &[
            "if i *1 (died|disappeared|vanished|was gone|were gone|was dead|were dead|was not here|were not here|was not around|were not around|was not alive|were not alive|did not exist|was never born|were never born|killed myself|was not here anymore|never woke up|did not wake up|went away forever)",
        ],
        unless_next: &[
            "laughing",
            "for (a|the|an|two|three|few|couple)",
            "on (holiday|vacation)",
            "of (embarrassment|shame|boredom)",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::PassiveWish,
        patterns: &[
            "(wish|wished|wishing|hope|hoping|pray|praying) *3 (would|will|could) *1 (hit|kill|take) me",
            "(wish|wished|wishing|hope|hoping|pray|praying) *3 (hit|run over|knocked down) by (a|the) (car|bus|truck|lorry|train|tram)",
        ],
        unless_next: &["to|home|back|there|out|seriously|with|for|on|along|in"],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::PassiveWish,
        patterns: &[
            "(want|wanna|wanting|wanted|need) to (disappear|vanish)",
            "(wish|wished|wishing) i (could|would|can) *1 (disappear|vanish)",
            "i (could|would|will|can) *1 (disappear|vanish) (forever|for good|permanently|completely)",
        ],
        unless_next: &[
            "when|under|after",
            "for (a|the|an|two|three|few|couple|week|day|bit|while|weekend)",
            "into (a|the|my|some)",
            "from (this|the|that) (party|meeting|room|conversation|class|wedding|event)",
            "to (a|an|the|my) (island|cabin|beach|cottage|bed)",
            "off to",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::PassiveWish,
        patterns: &[
            "(want|wanna|wanting|wanted|need|wish) (it all|everything|all of it|all this|all of this|life|the pain|it) to (stop|end|be over)",
            "(make|making) (it|everything|it all|the pain) (stop|end) (forever|permanently|for good)",
            "(want|wanna|wish) (it all|everything|life) (over|over with)",
        ],
        unless_next: &[
            "raining|snowing|being|making|ringing|beeping|buzzing|barking",
            "so (i|we) can",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::PassiveWish,
        patterns: &[
            "nobody *3 (miss|notice) me",
            "(disappear|disappeared|vanish|vanished|die|died|gone|dead) *2 (and|but) nobody *2 (notice|care|mind|miss me)",
            "(picture|picturing|pictured|imagine|imagining|imagined|planning|planned|plan) my (own|) funeral",
            "nobody *3 (care|cares|notice|notices) (if|whether|that) i (live|lived|die|died|exist|existed|was alive|am alive|am gone|was gone|were gone|disappeared)",
            "(would|will|does) (anyone|anybody) *2 miss me",
        ],
        unless_next: &[],
        unless_near: "",
        near_anywhere: false,
    },
    // --- Burden ----------------------------------------------------------
    Rule {
        signal: Signal::Burden,
        patterns: &[
            "(am|feel|felt|feeling|become|becoming|being|was|been) *3 (burden|burdensome)",
            "(am|feel|just|such|only) *3 waste of (space|oxygen|air|skin)",
            "(am|just) *2 taking up space",
            "(just|only) (take|taking) up space",
            "nobody (needs|wants) me",
            "(world|anyone|everyone) (does|would|will) not (need|want|miss) me",
        ],
        unless_next: &["of"],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Burden,
        patterns: &[
            "better off without me",
            "(be|are|is) (better|happier|easier|calmer) without me",
            "(happier|relieved) without me",
        ],
        unless_next: &[
            "for (a|the|one|two|this) (week|day|night|weekend|bit|while)",
            "at (the|this)",
            "on (the|this)",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    // --- Method ----------------------------------------------------------
    Rule {
        signal: Signal::Method,
        patterns: &[
            "(thought|think|thinking|planned|planning|plan|worked|working|figured|figuring|know|knew|decided|imagined|imagining|imagine|researched|researching|pictured|picturing|picture|rehearsed|rehearsing) *3 (how|where) i (would|will|could|might|am going to|had|would have to|should|can) *1 (do it|end it|end it all|end things|end my life|kill myself|go through with it)",
            "(looking|looked|look|googled|googling|google|searching|searched|search|researching|researched|checking|checked|check|wondering|wondered|calculating|calculated|worked|working|figured|figuring|counting|counted) *2 how (many|much) *2 {pills}",
            "how (many|much) *2 {pills} *3 (would take|it would take|it takes|to take to die|to die|to kill|is lethal|would kill|enough to|to overdose|to od|would be enough|is enough|does it take|would it take)",
            "(lethal|fatal|deadly) (dose|amount|dosage|quantity)",
            "(way|ways|method|methods|how|means) to (die|kill myself|end my life|end it all|end it|commit suicide|overdose)",
            "(painless|peaceful|quick|quiet) (death|suicide)",
            "(least painful|painless|quickest|easiest|fastest|surest|best) (way|ways|method|methods) to (die|end it)",
            "(least painful|painless|peaceful) (way|ways|method|methods) to (go|do it)",
            "(spot|place|where) i (would|will|could|am going to|might) (do it|end it|end things|end my life|kill myself)",
        ],
        unless_next: &["hair|with", "my hair", "in (minecraft|the game|fortnite)"],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Method,
        patterns: &[
            "{pills} (saved|stashed|hidden|hoarded|stockpiled) (up|away)",
            "enough {pills} (to do it|to end it|to die|to kill myself|saved|stashed|put away)",
            "{pills} (in my hand|in my hands|lined up|in front of me)",
            "(lined|lining) up *2 {pills}",
            "(saving|saved|save|stockpiling|stockpiled|stockpile|hoarding|hoarded|hoard|stashing|stashed|stash|squirrelling|squirreling|squirrelled) *3 {pills}",
            "(took|take|taking|taken|swallowed|swallowing|swallow|downed|necked) (all|too many|a bunch of|loads of|lots of|a handful of|the whole|all of|a load of|heaps of|the rest of|a whole) *2 {pills}",
            "(take|taking|took|taken|thought of|thinking of|thinking about|thought about|plan to|planning to|planned|want to|wanted to|tried to|attempted|attempt|going to) *2 (an overdose|overdose|od|overdosing)",
            "overdosed|overdosing|od|oded",
        ],
        unless_next: &[
            "on (chocolate|sugar|caffeine|coffee|sweets|candy|cake|netflix|tv|carbs|vitamins|pizza|love|cuteness|episodes)",
            "by (mistake|accident)",
            "for (my|the|a) (back|head|headache|migraine|knee|cold|flu|pain|period)",
        ],
        unless_near: "money|cost|costs|prescription|pharmacy|discount|coupon|voucher",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Method,
        patterns: &[
            "(know|knew|picked|chosen|chose|decided|worked out|figured out) (which|what) (bridge|cliff|building|rooftop|roof|overpass|ledge|tower|car park|railway line|train line)",
            "(picked|chosen|chose|found|scouted) (a|the) (bridge|cliff|rooftop|overpass|ledge)",
            "(jump|jumping|jumped|leap|leaping|leapt|throw myself|throwing myself|threw myself) (off|from|in front of) *3 (bridge|building|roof|rooftop|cliff|balcony|ledge|car park|overpass|tower|block|window|train|bus|car|lorry|truck|tram|tube|motorway)",
            "(step|stepping|stepped|walk|walking|walked|lie|lying|lay) in front of *2 (train|bus|car|lorry|truck|tram|tube|traffic)",
            "(hang|hanging|hanged) myself",
            "noose|nooses",
            "drown|drowning myself",
            "@ (gun|pistol|rifle|shotgun) (to|against|in) my (head|mouth|temple|chest)",
            "(want|wanted|wanting|thought|thinking|think|imagine|imagined|imagining|tempted|urge|urges) *3 (drive|driving|crash|crashing|swerve|swerving|steer|steering) *3 (into|off) *2 (tree|wall|river|oncoming|traffic|lorry|truck|pole|cliff|bridge|road|edge|barrier)",
            "(crash|crashing|crashed|drive|driving|drove) *3 (on purpose|deliberately)",
        ],
        unless_next: &[
            "into (the|a) (pool|water|river|sea|lake|ocean|waves)",
            "for (fun|a swim|a dip)",
            "with (a|the|my) (bungee|parachute|friends|mates)",
        ],
        unless_near: "accident|accidentally|looking|nearly|almost|bungee|parachute",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Method,
        patterns: &[
            "(walk|walking|walked|swim|swimming|swam) (into|out into|out to) the (sea|ocean|river|lake|water|waves)",
        ],
        unless_next: &["for|to|at|with|up|in|together"],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Method,
        patterns: &["(slit|slitting|slash|slashing|cut|cutting) (my|both) (wrists|wrist|throat)"],
        unless_next: ACCIDENT_NEXT,
        unless_near: "accident|accidentally|glass|paper",
        near_anywhere: false,
    },
    // --- Goodbye ---------------------------------------------------------
    Rule {
        signal: Signal::Goodbye,
        patterns: &[
            "(letter|letters|note|notes|message|messages|video|videos|email|emails|text|texts) *3 (goodbye|goodbyes|farewell)",
            "(goodbye|farewell) (letter|letters|note|notes|message|messages|video|videos|email|emails|texts)",
            "suicide (note|notes|letter|letters)",
        ],
        unless_next: &[],
        unless_near: "work|team|colleagues|coworkers|job|office|class|classmates|school|leaving|moving|flat|house|uni|retirement|retiring|card|party",
        near_anywhere: true,
    },
    Rule {
        signal: Signal::Goodbye,
        patterns: &[
            "(giving|gave|give|given) away (all|) (my|of my) *1 (things|stuff|belongings|possessions|everything|prized|treasured|favourite|favorite)",
            "(giving|gave|give|given) (all|) my (things|stuff|belongings|possessions) away",
            "(finding|found|find) (a|) new (homes|home|owners|owner) for my (cat|cats|dog|dogs|pets|pet|things|stuff)",
        ],
        unless_next: &[],
        unless_near: "charity|op|thrift|declutter|decluttering|ebay|gumtree|marketplace|moving|move|moved|freecycle|oxfam|vinnies|salvos|goodwill|garage|yard|boot|sale|downsizing|clearout|minimalist|outgrown|allergic|allergy|landlord",
        near_anywhere: true,
    },
    Rule {
        signal: Signal::Goodbye,
        patterns: &[
            "(this|that|it) (is|will be|was|will probably be|is probably) (my|the) (last|final) (entry|post|message|note|words|goodbye|journal entry|page)",
            "(this|that|it) (is|will be) the last (time you will hear from me|time anyone hears from me|thing i write|thing i will write|thing i will ever write)",
            "by the time (you|anyone|someone) (read|reads|finds|find) this",
        ],
        unless_next: &["before|for|of|until|till|this|today|tonight|in|on|here|at|about"],
        unless_near: "future|graduated|holiday|landed",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Goodbye,
        patterns: &[
            "this is goodbye",
            "(goodbye|farewell) (cruel world|world|forever)",
            "(saying|say) (my|) (goodbyes|goodbye) to (everyone|everything|the world|you all|all of you|my family|life)",
            "saying my (final|last|) goodbyes",
        ],
        unless_next: &["for now"],
        unless_near: "moving|flat|house|job|work|office|school|summer|holiday|uni|city|team|colleagues|leaving|party|airport|country|abroad|visa|sofa|band|tour|class|trip|semester",
        near_anywhere: true,
    },
    Rule {
        signal: Signal::Goodbye,
        patterns: &[
            "i will not be (around|here) (much longer|for much longer|for long|anymore|to see)",
            "i (will|am going to) be gone (soon|forever|for good|by morning)",
            "affairs in order",
            "when i am (dead|gone for good|no longer here|not here anymore)",
        ],
        unless_next: &[],
        unless_near: "moving|move|job|holiday|vacation|trip|school|uni|flat|house|work|office|contract|lease|term|semester|surgery|operation|retirement|tax|baby|wedding",
        near_anywhere: true,
    },
    Rule {
        signal: Signal::Goodbye,
        patterns: &["in case i am (not here|not around|not alive|gone|dead|no longer here)"],
        unless_next: &["when|to|for|at|on|in|with"],
        unless_near: "",
        near_anywhere: false,
    },
    // --- Self-harm -------------------------------------------------------
    Rule {
        signal: Signal::SelfHarm,
        patterns: &[
            "(hurt|hurting|hurts|harm|harming|harmed|injure|injuring) myself",
            "(want|wanted|wanting|urge|urges|urged|need|needed|tempted|itching|craving) to (hurt|harm|cut|burn|hit|injure|bruise) (myself|again)",
        ],
        unless_next: ACCIDENT_NEXT,
        unless_near: "accident|accidentally|sprained|sprain|gym|footy|football|rugby|netball",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::SelfHarm,
        patterns: &[
            "(cut|cutting|cuts|slashed|slashing|sliced|slicing|carved|carving) myself",
            "i *3 (cut|cutting) (again|deeper)",
            "(cut|cutting|slashed|slashing|sliced|slicing|carved|carving) (my|both|into my) (arm|arms|wrist|wrists|thigh|thighs|leg|legs|stomach|skin|hip|hips|forearm|forearms)",
        ],
        unless_next: &[
            "shaving|chopping|cooking|on|while|slicing|opening|peeling|making|a|an|some|slack|short|off|down|back|out|loose|free|accidentally",
            "in (the|a) (kitchen|garden|shed)",
            "with (a|the) (bread knife|kitchen knife|tin|can|paper|lid|mandoline|grater)",
            "by (accident|mistake)",
            "open on",
            "when i (fell|slipped|tripped)",
        ],
        unless_near: "accident|accidentally|shaving|brambles|fence|fell|onion|onions|tomato|vegetables|veg",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::SelfHarm,
        patterns: &[
            "(burn|burned|burnt|burning|burns|scald|scalded|scalding) myself",
            "(burn|burned|burnt|burning|burns) (my|both) (arm|arms|wrist|wrists|thigh|thighs|leg|legs|stomach|skin|hand|hands) (with|using) *2 (lighter|lighters|cigarette|cigarettes|match|matches|candle)",
        ],
        unless_next: &[
            "on|cooking|making|ironing|while|baking|taking|grabbing|getting|frying|when|out|accidentally",
            "in (the|a)",
            "with (the|a|my) (kettle|iron|pan|oven|stove|hob|tea|coffee|toast|toaster|soup|water|steam|bbq|barbecue|grill|straighteners|curling|tongs|tray)",
            "by (accident|mistake)",
        ],
        unless_near: "kettle|oven|iron|pan|stove|hob|tea|coffee|toaster|soup|steam|bbq|barbecue|grill|straighteners|tongs|tray|sun|sunburn|sunburnt|cooking|baking|dinner|accident|accidentally|campfire|fireworks",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::SelfHarm,
        patterns: &[
            "(hit|hitting|hits|punch|punching|punched|slap|slapping|slapped|bite|biting|bit|bruise|bruising|bruised|starve|starving|starved) myself",
            "(made|make|making) myself (bleed|bleeding|bruise|bruised)",
            "(scratch|scratched|scratching|pick|picked|picking|punch|punched|punching|hit|hitting) *3 (until|till|til) *2 (bleed|bleeds|bled|bleeding)",
            "(bang|banging|banged|hit|hitting|hits) my head *3 (until|till|til) (it|i) (bleed|bleeds|bled|hurts|stops)",
            "deserve to (hurt|suffer|bleed|be punished|feel pain|be in pain)",
            "(want|wanted|need|needed|deserve|have) to punish myself",
            "cuts *3 deeper",
            "(hide|hid|hiding|hidden|stash|stashed|stashing) *2 (razor|razors|blade|blades)",
        ],
        unless_next: &[
            "on|accidentally|awake|up|laughing",
            "with (the|a) (door|cupboard|ball|racket|bat|branch)",
            "by (accident|mistake)",
            "in (the|my) (eye|face|head|nose|mouth|leg|arm|knee|shin|foot|hand) with",
            "for (forgetting|being|not|that|it|this|saying|doing|letting|missing|eating|buying|leaving)",
            "to stay awake",
            "before (dinner|lunch|the)",
            "until (dinner|lunch|tea|the)",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::SelfHarm,
        patterns: &[
            "i *3 (selfharm|selfharming|selfharmed|sh)",
            "(selfharming|selfharmed) *2 (again|tonight|today|last night|yesterday)",
            "selfharm again",
            "(hide|hiding|hid|cover|covering|covered|hidden) *2 (cuts|cut marks|selfharm scars)",
        ],
        unless_next: &[],
        unless_near: "awareness|training|course|book|documentary|prevention|leaflet|charity|research|module|workshop|essay|lecture|article|podcast|patients|clients|students",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::SelfHarm,
        patterns: &[
            "(urge|urges|urged|tempted|itching|craving|relapsed|relapse|relapsing) *2 (to|) (selfharm|sh|cut|cutting|selfharming|hurting myself)",
            "(want|wanted|wanting|need|needed) to (selfharm|sh|cut again)",
        ],
        // "The urge to cut *my hair*", "tempted to cut *back on sugar*".
        unless_next: &[
            "hair|the|a|down|back|costs|ties|out|it|them|him|her|corners|loose|class|in|off|through|some|you|something|this|that|people|someone|sugar|carbs|our|your|his|their|up|across|short|free",
            "my hair",
            "my fringe",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    // --- Hopelessness ----------------------------------------------------
    Rule {
        signal: Signal::Hopelessness,
        patterns: &[
            "no (point|reason|purpose) (in|to|of|for) (living|going on|being alive|existing|life|carrying on|anything|it all|waking up|staying alive|keep going|keep living|live|go on|be alive|be here|stay alive)",
            "no point (anymore|any more)",
            "nothing (left|) (to live for|worth living for)",
            "what is the (point|use) (in|of) (living|life|being alive|going on|anything|it all|existing|carrying on|being here|staying alive)",
            "what is the point (anymore|any more)",
            "NEG *1 see (the|any|a) (point|reason) (in|of|to) (living|life|being alive|going on|anything|existing|carrying on|it all|being here|staying alive|live|go on|be alive|keep going)",
            "life is (not worth living|pointless|meaningless|worthless|not worth it)",
            "not worth living",
            "why (am i|do i) *2 (alive|exist|living|bother living|keep going|keep living|still breathing)",
            "why bother (living|existing|going on|being alive|waking up)",
            "how (much longer|long) i can (do this|go on|keep going|take it|take this|cope|hold on|keep this up|carry on|keep doing this|keep living)",
            "NEG *1 know why i am *1 (alive|living|here)",
            "NEG *1 (know|sure) (if|whether) i (want|wanna|still want) to (live|be alive|be here|exist|keep living|keep going|go on)",
        ],
        unless_next: &["until|till|except|apart|but|in|at|on"],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Hopelessness,
        patterns: &[
            "NEG *1 (think|sure) i can (go on|keep going|carry on|do this anymore|keep living|cope|cope anymore|take it anymore)",
            "can not (go on|keep going|carry on|keep living|live like this|live this way|do this anymore|do this any longer|do this no more|do it anymore|do it any longer|take it anymore|take this anymore|take it any longer|take any more|face another day|face tomorrow|face living|cope anymore|cope any more|cope any longer|keep fighting|fight anymore|fight it anymore|see a way out|see any way out|see a future|see any future|see a way forward|go on living|keep doing this anymore)",
        ],
        unless_next: &[
            "the|a|an|any|holiday|holidays|vacation|about|trip|tour|stage|tv|air|camp|leave|strike|there|that|to|at|in|on|tomorrow|tonight|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday",
            "with the",
            "without (coffee|tea|sleep|food)",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Hopelessness,
        patterns: &[
            "no way (out|forward)",
            "(only|one|last) (way out|option left|choice left)",
        ],
        unless_next: &[
            "through|except",
            "of (the|this|that) (car park|building|room|maze|carpark|stadium|station|contract|deal|lease)",
            "is through",
            "of the",
        ],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Hopelessness,
        patterns: &[
            "(it|things|this|life|i|everything) (will|is going to|are going to|am going to) never (get|be|feel) (better|okay|ok|any better|good again|normal again|happy again)",
            "(it|things|this|life|i) (will|is|are|am) never going to (get|be|feel) (better|okay|ok|any better|good again|normal again|happy again)",
            "nothing (will|is going to) ever (get better|change|be different|be okay|be ok|improve)",
            "(feel|feeling|felt|am|been) *1 hopeless",
            "(lost|losing|lose) (all|every|any|) hope",
            "no hope (left|anymore|any more|for me)",
            "(given|give|giving|gave) up on (life|living|everything|myself|it all|being alive|getting better|ever getting better|the future|my future)",
            "done with (life|living|everything|it all|existing|being alive)",
        ],
        unless_next: &["at|about|with|when|in|for|but|of|that|on|today|tonight|this"],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Hopelessness,
        patterns: &[
            "(have|see|is|got) no future",
            "NEG *1 (have|see) (a|any) future",
        ],
        unless_next: &["in|with|together|here|there|at"],
        unless_near: "",
        near_anywhere: false,
    },
    Rule {
        signal: Signal::Hopelessness,
        patterns: &[
            "nothing (left|) for me (here|anymore|now|in this world|in this life)",
            "nothing left for me",
        ],
        unless_next: &["to|at|on|from|in", "in the"],
        unless_near: "",
        near_anywhere: false,
    },
];

// ---------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------

/// Words that negate what follows them.
const NEGATORS: &str = "not|never|no|nor|without|stopped|denied|deny|denies";

/// Words that may sit between a negation and what it negates ("I'm *not
/// really feeling* suicidal").
const FILLERS: &str = "really|actually|even|ever|feel|feeling|felt|am|is|are|was|were|be|been|being|\
    honestly|truly|seriously|currently|at|all|going|to|planning|plan|intending|intend|\
    trying|remotely|particularly|so|that|too|very|think|thinking|believe|say|said|just|\
    longer|anymore|do|does|did|have|has|had|would|will|could|should|might|want|wanting|\
    wanted|a|an|any|about|of|get|getting|start|starting|begin|become|like|such|much|\
    quite|necessarily|exactly|totally|completely|anywhere|near|anything";

/// Fillers that make "if I ... " a hypothetical ("if I ever feel suicidal
/// again, I'll call"), which is a safety plan rather than a disclosure.
const HYPOTHETICAL: &str = "feel|feeling|felt|ever|get|getting|start|starting|begin|become";

/// Words before "I" that keep a negation in reach ("I don't think I'm ...").
const REPORTING: &str = "think|believe|say|said|saying|guess|suppose|feel";

const FIRST_PERSON: &str = "i|me|my|myself|mine";

/// People (and stories about people) a sentence may be about instead of the
/// writer.
const OTHER_PEOPLE: &str = "he|she|they|him|her|them|his|hers|their|theirs|himself|herself|themselves|you|your|\
    yourself|we|us|our|friend|friends|mate|mates|mum|mom|mother|dad|father|parent|\
    parents|brother|sister|sibling|son|daughter|kid|kids|child|children|uncle|aunt|\
    auntie|cousin|nan|nana|grandma|grandad|granddad|grandpa|grandmother|grandfather|\
    partner|husband|wife|boyfriend|girlfriend|colleague|coworker|boss|someone|somebody|\
    people|person|character|characters|patient|patients|client|clients|man|woman|guy|\
    girl|boy|teenager|teen|student|students|neighbour|neighbor|nurse|doctor|author|\
    narrator|protagonist|hero|heroine|film|movie|book|novel|show|documentary|episode|\
    song|lyrics|article|podcast|series|cat|dog|plant|plants|team|phone|laptop";

/// Phrases that, anywhere later in the sentence, take a match back: it is
/// in the past ("I used to think about dying a lot, but not anymore") or
/// the answer to a question was no ("she asked if I was suicidal, I told
/// her I'm not").
const TAKEN_BACK: &[&str] = &[
    "but not (anymore|now|these days|any longer|lately|recently)",
    "(and|but|so) i (said|answered|told (him|her|them)) no",
    "(told|tell|said to|assured) (him|her|them|my gp|the doctor|my therapist) *2 i am not",
];

/// Words that say an act was deliberate; they override accident exceptions.
const DELIBERATE: &str = "deliberately|intentionally|purposely|purposefully";

/// Key words whose one-letter slips are mapped back to them.
const FUZZY_TARGETS: &str =
    "suicide|suicidal|myself|overdose|goodbye|anymore|hopeless|without|everyone|pointless";

// ---------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------

/// One normalised word, with where it sits.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    /// Filled in by [`assess`] from the rules' vocabulary.
    id: WordId,
    /// What kind of word it is for negation and person checks
    /// ([`class`] bits).
    class: u8,
    sentence: u32,
    /// A comma, dash or sentence break came just before this word.
    clause_start: bool,
}

impl Word<'_> {
    fn is(&self, bit: u8) -> bool {
        self.class & bit != 0
    }
}

/// Bits of [`Word::class`].
mod class {
    pub const NEGATOR: u8 = 1;
    pub const FILLER: u8 = 1 << 1;
    pub const HYPOTHETICAL: u8 = 1 << 2;
    pub const REPORTING: u8 = 1 << 3;
    pub const FIRST_PERSON: u8 = 1 << 4;
    pub const OTHER_PERSON: u8 = 1 << 5;
    pub const DELIBERATE: u8 = 1 << 6;
}

/// Lower case, straight quotes, an ellipsis as three dots.
fn normalise_characters(text: &str) -> String {
    if text.is_ascii() {
        let mut out = text.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        return out;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => {
                out.push('\'');
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => out.push('"'),
            '\u{2026}' => out.push_str("..."),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Splits normalised text into words, expanding contractions and marking
/// sentence and clause breaks. Punctuation is dropped.
fn split_words(lowered: &str) -> Vec<Word<'_>> {
    let mut builder = WordsBuilder {
        words: Vec::with_capacity(lowered.len() / 4),
        sentence: 0,
        clause_start: true,
    };
    let mut word_start: Option<usize> = None;
    let mut dots = 0usize;
    let mut sentence_break = false;
    let mut clause_break = false;
    let mut apostrophe = false;
    for (at, &byte) in lowered.as_bytes().iter().enumerate() {
        // Bytes, not chars, for speed: a character outside ASCII is read
        // at its first byte, and its continuation bytes change nothing.
        let c = if byte.is_ascii() {
            char::from(byte)
        } else if byte & 0b1100_0000 == 0b1000_0000 {
            continue;
        } else {
            lowered
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(' ')
        };
        let in_word = if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '\''
        } else {
            c.is_alphanumeric()
        };
        if in_word {
            apostrophe |= c == '\'';
            if word_start.is_none() {
                builder.separator(sentence_break || dots == 1, clause_break || dots > 1);
                dots = 0;
                sentence_break = false;
                clause_break = false;
                word_start = Some(at);
            }
            continue;
        }
        if let Some(from) = word_start.take() {
            builder.word(lowered.get(from..at).unwrap_or(""), apostrophe);
            apostrophe = false;
        }
        match c {
            '.' => dots += 1,
            '!' | '?' | ';' | '\n' | '\r' => sentence_break = true,
            ',' | ':' | '(' | ')' | '"' | '\u{2013}' | '\u{2014}' | '/' | '[' | ']' | '{' | '}'
            | '|' | '*' | '~' => clause_break = true,
            _ => {}
        }
    }
    if let Some(from) = word_start {
        builder.word(lowered.get(from..).unwrap_or(""), apostrophe);
    }
    builder.words
}

struct WordsBuilder<'a> {
    words: Vec<Word<'a>>,
    sentence: u32,
    clause_start: bool,
}

impl<'a> WordsBuilder<'a> {
    fn separator(&mut self, sentence_break: bool, clause_break: bool) {
        if sentence_break {
            self.sentence = self.sentence.saturating_add(1);
            self.clause_start = true;
        } else if clause_break {
            self.clause_start = true;
        }
    }

    /// One raw word, possibly with apostrophes.
    fn word(&mut self, raw: &'a str, apostrophe: bool) {
        if !apostrophe {
            self.plain(raw);
            return;
        }
        let raw = raw.trim_matches('\'');
        if raw.is_empty() {
            return;
        }
        let Some((stem, rest)) = raw.split_once('\'') else {
            self.plain(raw);
            return;
        };
        let suffix = rest.split('\'').next().unwrap_or("");
        if suffix == "t" {
            match stem {
                "can" => self.push_all(&["can", "not"]),
                "won" => self.push_all(&["will", "not"]),
                "shan" => self.push_all(&["shall", "not"]),
                "ain" => self.push_all(&["am", "not"]),
                _ => match stem.strip_suffix('n') {
                    Some(base) if !base.is_empty() => {
                        self.plain(base);
                        self.push("not");
                    }
                    _ => self.plain(stem),
                },
            }
            return;
        }
        self.plain(stem);
        match suffix {
            "m" => self.push("am"),
            "re" => self.push("are"),
            "ve" => self.push("have"),
            "ll" => self.push("will"),
            "d" => self.push("would"),
            "s" if IS_AFTER.split('|').any(|word| word == stem) => self.push("is"),
            _ => {}
        }
    }

    /// A word without apostrophes: contractions typed without one, slang
    /// and common misspellings. (One-letter slips of key words are handled
    /// in [`assess`], once the word is known not to be in the rules.)
    fn plain(&mut self, word: &'a str) {
        let expansion: &'static [&'static str] = match word {
            "im" => &["i", "am"],
            "ive" => &["i", "have"],
            "id" => &["i", "would"],
            "dont" => &["do", "not"],
            "doesnt" => &["does", "not"],
            "didnt" => &["did", "not"],
            "cant" | "cannot" => &["can", "not"],
            "wont" => &["will", "not"],
            "wouldnt" => &["would", "not"],
            "couldnt" => &["could", "not"],
            "shouldnt" => &["should", "not"],
            "isnt" => &["is", "not"],
            "arent" => &["are", "not"],
            "wasnt" => &["was", "not"],
            "werent" => &["were", "not"],
            "havent" => &["have", "not"],
            "hasnt" => &["has", "not"],
            "hadnt" => &["had", "not"],
            "aint" => &["am", "not"],
            "thats" => &["that", "is"],
            "theres" => &["there", "is"],
            "whats" => &["what", "is"],
            "its" => &["it", "is"],
            "lifes" => &["life", "is"],
            "youre" => &["you", "are"],
            "theyre" => &["they", "are"],
            "theyd" => &["they", "would"],
            "itd" => &["it", "would"],
            "wanna" => &["want", "to"],
            "gonna" => &["going", "to"],
            "gotta" => &["got", "to"],
            "tryna" => &["trying", "to"],
            "u" => &["you"],
            "ur" => &["your"],
            "2" => &["to"],
            "alot" => &["a", "lot"],
            "ppl" => &["people"],
            "noone" | "nobody" => &["nobody"],
            "everybody" => &["everyone"],
            "kms" => &["kill", "myself"],
            "unalive" => &["kill"],
            "unaliving" => &["killing"],
            "unalived" => &["killed"],
            "sewerslide" | "sucide" | "suiside" | "suicde" => &["suicide"],
            "sucidial" | "suisidal" | "suicidial" | "suicidle" | "sucidle" => &["suicidal"],
            "wnat" | "watn" | "wnt" => &["want"],
            "kil" | "kll" => &["kill"],
            "burdon" | "burdan" => &["burden"],
            "dieing" => &["dying"],
            "ded" => &["dead"],
            "oding" | "odding" => &["overdosing"],
            _ => {
                self.push(word);
                return;
            }
        };
        self.push_all(expansion);
    }

    fn push_all(&mut self, words: &[&'static str]) {
        for word in words {
            self.push(word);
        }
    }

    fn push(&mut self, text: &'a str) {
        if !self.clause_start {
            if let Some(last) = self.words.last_mut() {
                if let Some(merged) = merge(last.text, text) {
                    last.text = merged;
                    return;
                }
            }
        }
        self.words.push(Word {
            text,
            id: UNKNOWN,
            class: 0,
            sentence: self.sentence,
            clause_start: self.clause_start,
        });
        self.clause_start = false;
    }
}

/// Words after which `'s` means "is" rather than a possessive.
const IS_AFTER: &str =
    "it|that|there|what|he|she|who|here|everything|nothing|life|everyone|this|where|how";

/// Two words people write apart that match as one.
fn merge(first: &str, second: &str) -> Option<&'static str> {
    Some(match (first, second) {
        ("no", "one") => "nobody",
        ("my", "self") => "myself",
        ("any", "more") => "anymore",
        ("good", "bye") => "goodbye",
        ("self", "harm" | "harms") => "selfharm",
        ("self", "harming") => "selfharming",
        ("self", "harmed") => "selfharmed",
        ("pain", "killers") => "painkillers",
        ("every", "one" | "body") => "everyone",
        ("un", "alive") => "kill",
        _ => return None,
    })
}

/// Maps a one-letter slip of a key word (`sucidal`, `myslef`) to the word,
/// one of `targets` ([`FUZZY_TARGETS`]).
fn fuzzy<'a>(word: &'a str, targets: &[&'static str]) -> &'a str {
    if word.len() < 5 || !word.is_ascii() {
        return word;
    }
    targets
        .iter()
        .find(|target| {
            target.len().abs_diff(word.len()) <= 1
                && target.as_bytes().first() == word.as_bytes().first()
                && within_one_edit(word.as_bytes(), target.as_bytes())
        })
        .copied()
        .unwrap_or(word)
}

/// Whether `a` becomes `b` by at most one insertion, deletion,
/// substitution or swap of neighbouring letters.
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (Some(a), Some(b)) = (a.get(same..), b.get(same..)) else {
        return false;
    };
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Greater => a.get(1..) == Some(b),
        std::cmp::Ordering::Less => b.get(1..) == Some(a),
        std::cmp::Ordering::Equal => {
            let swapped = a.first() == b.get(1)
                && a.get(1) == b.first()
                && a.get(2..).is_some()
                && a.get(2..) == b.get(2..);
            a.get(1..) == b.get(1..) || swapped
        }
    }
}

// ---------------------------------------------------------------------------
// Compiled patterns and matching
// ---------------------------------------------------------------------------

/// A word of the rules' vocabulary; words the rules never mention get
/// [`UNKNOWN`].
type WordId = u32;
const UNKNOWN: WordId = WordId::MAX;

/// A quick hash for short words: the vocabulary is fixed and ours, so it
/// needs to be fast, not resistant to crafted collisions. It mixes the
/// first and last eight bytes and the length in one step.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let head = bytes
            .iter()
            .take(8)
            .fold(0u64, |word, &byte| (word << 8) | u64::from(byte));
        let tail = bytes
            .iter()
            .rev()
            .take(8)
            .fold(0u64, |word, &byte| (word << 8) | u64::from(byte));
        let mixed = head ^ tail.rotate_left(29) ^ (bytes.len() as u64).rotate_left(56);
        let state = (self.0 ^ mixed).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = state ^ (state >> 29);
    }
}

type Vocabulary = HashMap<&'static str, WordId, BuildHasherDefault<WordHasher>>;

#[derive(Debug)]
enum Slot {
    /// Any one of these words.
    Word(Vec<WordId>),
    /// Up to this many words, none of them a negation.
    Gap(usize),
    /// Any one of these phrases (an empty one makes the choice optional).
    Choice(Vec<Vec<Slot>>),
}

struct CompiledPattern {
    rule: usize,
    slots: Vec<Slot>,
    /// Word slots after the first that every match needs: if a text has
    /// none of the words of one of them, the pattern is not tried.
    required: Vec<Vec<WordId>>,
    /// Check who the sentence is about even if the match names the writer.
    always_guarded: bool,
}

struct CompiledRule {
    signal: Signal,
    unless_next: Vec<Vec<Slot>>,
    unless_near: Vec<WordId>,
    near_anywhere: bool,
}

struct Detector {
    vocabulary: Vocabulary,
    rules: Vec<CompiledRule>,
    patterns: Vec<CompiledPattern>,
    /// Patterns by the word they can start with, indexed by [`WordId`].
    by_first_word: Vec<Vec<usize>>,
    /// [`class`] bits by [`WordId`].
    classes: Vec<u8>,
    /// [`TAKEN_BACK`], compiled.
    taken_back: Vec<Vec<Slot>>,
    /// [`FUZZY_TARGETS`], split.
    fuzzy_targets: Vec<&'static str>,
}

/// How many words either side of a match count as its sentence for
/// exceptions, "on purpose" and taking a match back.
const CONTEXT: usize = 24;

static DETECTOR: LazyLock<Detector> = LazyLock::new(|| compile(RULES).0);

impl Detector {
    fn id(&self, word: &str) -> WordId {
        self.vocabulary.get(word).copied().unwrap_or(UNKNOWN)
    }

    fn class_of(&self, id: WordId) -> u8 {
        usize::try_from(id)
            .ok()
            .and_then(|id| self.classes.get(id))
            .copied()
            .unwrap_or(0)
    }

    /// Whether the pattern matches at `start` and nothing around it makes
    /// it harmless.
    fn matches_at(&self, words: &[Word<'_>], start: usize, pattern: &CompiledPattern) -> bool {
        let Some(sentence) = words.get(start).map(|word| word.sentence) else {
            return false;
        };
        let Some(end) = match_from(words, start, sentence, &pattern.slots, None) else {
            return false;
        };
        let Some(rule) = self.rules.get(pattern.rule) else {
            return false;
        };
        if is_negated(words, start) {
            return false;
        }
        let names_writer = words
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .any(|word| word.is(class::FIRST_PERSON));
        if (pattern.always_guarded || !names_writer) && about_someone_else(words, start) {
            return false;
        }
        // The match's sentence, for the checks that look around it; at most
        // `CONTEXT` words either side, so a run-on entry stays fast.
        let sentence_start = start
            - words
                .get(..start)
                .unwrap_or(&[])
                .iter()
                .rev()
                .take(CONTEXT)
                .take_while(|word| word.sentence == sentence)
                .count();
        let sentence_end = end
            + words
                .get(end..)
                .unwrap_or(&[])
                .iter()
                .take(CONTEXT)
                .take_while(|word| word.sentence == sentence)
                .count();
        let taken_back = (end..sentence_end).any(|at| {
            self.taken_back
                .iter()
                .any(|slots| match_from(words, at, sentence, slots, None).is_some())
        });
        if taken_back {
            return false;
        }
        let whole_sentence = words.get(sentence_start..sentence_end).unwrap_or(&[]);
        if said_deliberate(whole_sentence) {
            return true;
        }
        // An exception has to follow on directly, not start a new clause.
        let next_in_clause = words.get(end).is_some_and(|word| !word.clause_start);
        let harmless_next = next_in_clause
            && rule
                .unless_next
                .iter()
                .any(|slots| match_from(words, end, sentence, slots, None).is_some());
        let after = words.get(end..sentence_end).unwrap_or(&[]);
        let near = if rule.near_anywhere {
            whole_sentence
        } else {
            after.get(..6).unwrap_or(after)
        };
        let harmless_near = near.iter().any(|word| rule.unless_near.contains(&word.id));
        !(harmless_next || harmless_near)
    }
}

/// Builds the matcher; the second value lists malformed patterns (a test
/// keeps it empty; a malformed pattern is skipped, never a crash).
fn compile(rules: &'static [Rule]) -> (Detector, Vec<String>) {
    let mut problems = Vec::new();
    let mut vocabulary = Vocabulary::default();
    let word_classes = [
        (NEGATORS, class::NEGATOR),
        (FILLERS, class::FILLER),
        (HYPOTHETICAL, class::HYPOTHETICAL),
        (REPORTING, class::REPORTING),
        (FIRST_PERSON, class::FIRST_PERSON),
        (OTHER_PEOPLE, class::OTHER_PERSON),
        (DELIBERATE, class::DELIBERATE),
    ];
    let mut classed: Vec<(WordId, u8)> = Vec::new();
    for (list, bit) in word_classes {
        for id in intern_all(&mut vocabulary, list) {
            classed.push((id, bit));
        }
    }
    let mut compiled_rules = Vec::with_capacity(rules.len());
    let mut patterns = Vec::new();
    let mut first_words: Vec<(WordId, usize)> = Vec::new();
    for (rule_index, rule) in rules.iter().enumerate() {
        let mut unless_next = Vec::new();
        for exception in rule.unless_next {
            match parse_pattern(exception, &mut vocabulary) {
                Ok(slots) => unless_next.push(slots),
                Err(problem) => problems.push(format!("{exception:?}: {problem}")),
            }
        }
        let unless_near = rule
            .unless_near
            .split('|')
            .filter(|word| !word.is_empty())
            .map(|word| intern(&mut vocabulary, word))
            .collect();
        compiled_rules.push(CompiledRule {
            signal: rule.signal,
            unless_next,
            unless_near,
            near_anywhere: rule.near_anywhere,
        });
        for &pattern in rule.patterns {
            let (always_guarded, text) = match pattern.strip_prefix('@') {
                Some(rest) => (true, rest),
                None => (false, pattern),
            };
            let parsed = parse_pattern(text, &mut vocabulary)
                .and_then(|slots| Ok((starting_words(&slots)?, slots)));
            let (starts, slots) = match parsed {
                Ok(parsed) => parsed,
                Err(problem) => {
                    problems.push(format!("{pattern:?}: {problem}"));
                    continue;
                }
            };
            let index = patterns.len();
            first_words.extend(starts.into_iter().map(|word| (word, index)));
            let required = slots
                .iter()
                .skip(1)
                .filter_map(|slot| match slot {
                    Slot::Word(ids) => Some(ids.clone()),
                    Slot::Gap(_) | Slot::Choice(_) => None,
                })
                .collect();
            patterns.push(CompiledPattern {
                rule: rule_index,
                slots,
                required,
                always_guarded,
            });
        }
    }
    let mut taken_back = Vec::new();
    for phrase in TAKEN_BACK {
        match parse_pattern(phrase, &mut vocabulary) {
            Ok(slots) => taken_back.push(slots),
            Err(problem) => problems.push(format!("{phrase:?}: {problem}")),
        }
    }
    // The vocabulary is complete now; index patterns and word classes by it.
    let mut by_first_word = vec![Vec::new(); vocabulary.len()];
    for (word, index) in first_words {
        let Some(list) = usize::try_from(word)
            .ok()
            .and_then(|word| by_first_word.get_mut(word))
        else {
            continue;
        };
        if !list.contains(&index) {
            list.push(index);
        }
    }
    let mut classes = vec![0u8; vocabulary.len()];
    for (id, bit) in classed {
        if let Some(slot) = usize::try_from(id).ok().and_then(|id| classes.get_mut(id)) {
            *slot |= bit;
        }
    }
    let detector = Detector {
        vocabulary,
        rules: compiled_rules,
        patterns,
        by_first_word,
        classes,
        taken_back,
        fuzzy_targets: FUZZY_TARGETS.split('|').collect(),
    };
    (detector, problems)
}

fn intern(vocabulary: &mut Vocabulary, word: &'static str) -> WordId {
    let next = WordId::try_from(vocabulary.len()).unwrap_or(UNKNOWN);
    *vocabulary.entry(word).or_insert(next)
}

fn intern_all(vocabulary: &mut Vocabulary, words: &'static str) -> Vec<WordId> {
    words
        .split('|')
        .filter(|word| !word.is_empty())
        .map(|word| intern(vocabulary, word))
        .collect()
}

/// A piece of pattern text. Inside parentheses `|` separates phrases;
/// outside, `a|b` is one word token with alternatives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Open,
    Close,
    Bar,
    Text(&'static str),
}

fn parse_pattern(pattern: &'static str, vocabulary: &mut Vocabulary) -> Result<Vec<Slot>, String> {
    let pattern = if pattern.contains("{pills}") {
        // Leaked once per pattern at start-up, so words can stay `&'static`.
        &*String::leak(pattern.replace("{pills}", PILLS))
    } else {
        pattern
    };
    let tokens = tokenize_pattern(pattern)?;
    let mut position = 0;
    let slots = parse_sequence(&tokens, &mut position, vocabulary)?;
    if position != tokens.len() {
        return Err("unbalanced ')' or stray '|'".to_owned());
    }
    if slots.is_empty() {
        return Err("empty pattern".to_owned());
    }
    Ok(slots)
}

fn tokenize_pattern(pattern: &'static str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut text_start: Option<usize> = None;
    for (at, c) in pattern.char_indices() {
        let separator = c.is_whitespace() || c == '(' || c == ')' || (c == '|' && depth > 0);
        if !separator {
            text_start.get_or_insert(at);
            continue;
        }
        if let Some(from) = text_start.take() {
            tokens.push(Token::Text(pattern.get(from..at).unwrap_or("")));
        }
        match c {
            '(' => {
                depth += 1;
                tokens.push(Token::Open);
            }
            ')' => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| "unopened ')'".to_owned())?;
                tokens.push(Token::Close);
            }
            '|' => tokens.push(Token::Bar),
            _ => {}
        }
    }
    if let Some(from) = text_start {
        tokens.push(Token::Text(pattern.get(from..).unwrap_or("")));
    }
    if depth != 0 {
        return Err("unclosed '('".to_owned());
    }
    Ok(tokens)
}

fn parse_sequence(
    tokens: &[Token],
    position: &mut usize,
    vocabulary: &mut Vocabulary,
) -> Result<Vec<Slot>, String> {
    let mut slots = Vec::new();
    while let Some(&token) = tokens.get(*position) {
        match token {
            Token::Close | Token::Bar => break,
            Token::Open => {
                *position += 1;
                let mut choices = vec![parse_sequence(tokens, position, vocabulary)?];
                while tokens.get(*position) == Some(&Token::Bar) {
                    *position += 1;
                    choices.push(parse_sequence(tokens, position, vocabulary)?);
                }
                if tokens.get(*position) != Some(&Token::Close) {
                    return Err("unclosed '('".to_owned());
                }
                *position += 1;
                slots.push(choice_slot(choices));
            }
            Token::Text(text) => {
                *position += 1;
                slots.push(text_slot(text, vocabulary)?);
            }
        }
    }
    Ok(slots)
}

/// A choice between single words becomes one word slot, which keeps
/// matching cheap.
fn choice_slot(choices: Vec<Vec<Slot>>) -> Slot {
    let single_words = choices
        .iter()
        .all(|choice| matches!(choice.as_slice(), [Slot::Word(_)]));
    if !single_words {
        return Slot::Choice(choices);
    }
    let mut words = Vec::new();
    for choice in choices {
        for slot in choice {
            if let Slot::Word(ids) = slot {
                words.extend(ids);
            }
        }
    }
    Slot::Word(words)
}

fn text_slot(text: &'static str, vocabulary: &mut Vocabulary) -> Result<Slot, String> {
    if let Some(count) = text.strip_prefix('*') {
        return count
            .parse::<usize>()
            .map(Slot::Gap)
            .map_err(|_| format!("bad gap {text:?}"));
    }
    if text == "NEG" {
        return Ok(Slot::Word(intern_all(vocabulary, "not|never|no")));
    }
    let mut ids = Vec::new();
    for word in text.split('|') {
        let plain = word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if word.is_empty() || !plain {
            return Err(format!("bad word {word:?} in {text:?}"));
        }
        ids.push(intern(vocabulary, word));
    }
    Ok(Slot::Word(ids))
}

/// The words a pattern can start with (it must start with a word).
fn starting_words(slots: &[Slot]) -> Result<Vec<WordId>, String> {
    match slots.first() {
        Some(Slot::Word(ids)) => Ok(ids.clone()),
        Some(Slot::Choice(choices)) => {
            let mut ids = Vec::new();
            for choice in choices {
                ids.extend(starting_words(choice)?);
            }
            Ok(ids)
        }
        Some(Slot::Gap(_)) | None => {
            Err("must start with a word, not a gap or an optional choice".to_owned())
        }
    }
}

/// Which vocabulary words a text contains.
struct WordSet(Vec<u64>);

impl WordSet {
    fn of(words: &[Word<'_>]) -> WordSet {
        let mut bits = Vec::new();
        for word in words {
            let Ok(id) = usize::try_from(word.id) else {
                continue;
            };
            if word.id == UNKNOWN {
                continue;
            }
            let (block, bit) = (id / 64, id % 64);
            if bits.len() <= block {
                bits.resize(block + 1, 0u64);
            }
            if let Some(slot) = bits.get_mut(block) {
                *slot |= 1 << bit;
            }
        }
        WordSet(bits)
    }

    fn contains(&self, id: WordId) -> bool {
        let Ok(id) = usize::try_from(id) else {
            return false;
        };
        self.0
            .get(id / 64)
            .is_some_and(|block| block & (1 << (id % 64)) != 0)
    }

    fn any(&self, ids: &[WordId]) -> bool {
        ids.iter().any(|&id| self.contains(id))
    }
}

/// What still has to match after a choice.
struct Then<'s> {
    slots: &'s [Slot],
    then: Option<&'s Then<'s>>,
}

/// Where `slots` (then `then`) match from `at` within `sentence`: the index
/// after the last matched word.
fn match_from<'s>(
    words: &[Word<'_>],
    at: usize,
    sentence: u32,
    slots: &'s [Slot],
    then: Option<&'s Then<'s>>,
) -> Option<usize> {
    let Some((slot, rest)) = slots.split_first() else {
        return match then {
            Some(next) => match_from(words, at, sentence, next.slots, next.then),
            None => Some(at),
        };
    };
    match slot {
        Slot::Word(ids) => {
            let word = words.get(at).filter(|word| word.sentence == sentence)?;
            if !ids.contains(&word.id) {
                return None;
            }
            match_from(words, at + 1, sentence, rest, then)
        }
        Slot::Gap(most) => {
            for skip in 0..=*most {
                if let Some(end) = match_from(words, at + skip, sentence, rest, then) {
                    return Some(end);
                }
                let skippable = words
                    .get(at + skip)
                    .is_some_and(|word| word.sentence == sentence && !word.is(class::NEGATOR));
                if !skippable {
                    return None;
                }
            }
            None
        }
        Slot::Choice(choices) => {
            let after = Then { slots: rest, then };
            choices
                .iter()
                .find_map(|choice| match_from(words, at, sentence, choice, Some(&after)))
        }
    }
}

/// Whether a negation ("not", "never", "no longer", "I don't think I'm")
/// or a safety-plan "if I ever feel" sits just before `start`.
fn is_negated(words: &[Word<'_>], start: usize) -> bool {
    let mut saw_hypothetical = false;
    let mut at = start;
    for _ in 0..CONTEXT {
        let Some(current) = words.get(at) else {
            return false;
        };
        if current.clause_start || at == 0 {
            return false;
        }
        at -= 1;
        let Some(before) = words.get(at) else {
            return false;
        };
        if before.is(class::NEGATOR) {
            return true;
        }
        if before.text == "i" {
            let prior = if before.clause_start {
                None
            } else {
                at.checked_sub(1).and_then(|p| words.get(p))
            };
            match prior {
                Some(word) if word.is(class::REPORTING) => continue,
                Some(word) if word.text == "if" => return saw_hypothetical,
                _ => return false,
            }
        }
        if !before.is(class::FILLER) {
            return false;
        }
        saw_hypothetical |= before.is(class::HYPOTHETICAL);
    }
    false
}

/// Whether the nearest person named before `start` in its sentence is
/// someone other than the writer.
fn about_someone_else(words: &[Word<'_>], start: usize) -> bool {
    let Some(sentence) = words.get(start).map(|word| word.sentence) else {
        return false;
    };
    for word in words.get(..start).unwrap_or(&[]).iter().rev().take(CONTEXT) {
        if word.sentence != sentence || word.is(class::FIRST_PERSON) {
            return false;
        }
        if word.is(class::OTHER_PERSON) {
            return true;
        }
    }
    false
}

/// Whether the sentence says the act was on purpose.
fn said_deliberate(sentence: &[Word<'_>]) -> bool {
    sentence.iter().enumerate().any(|(at, word)| {
        word.is(class::DELIBERATE)
            || (word.text == "purpose"
                && at
                    .checked_sub(1)
                    .and_then(|before| sentence.get(before))
                    .is_some_and(|before| before.text == "on"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Corpus {
        risk: Vec<String>,
        not_risk: Vec<String>,
    }

    fn corpus() -> Corpus {
        serde_json::from_str(include_str!("../data/risk_corpus.json")).unwrap()
    }

    fn flags(text: &str, signal: Signal) {
        let assessment = assess(text);
        assert!(
            assessment.signals.contains(&signal),
            "{text:?} should show {signal:?}, got {assessment:?}"
        );
    }

    fn quiet(text: &str) {
        let assessment = assess(text);
        assert!(
            !assessment.flagged,
            "{text:?} should stay quiet, got {assessment:?}"
        );
    }

    #[test]
    fn every_pattern_compiles() {
        let (detector, problems) = compile(RULES);
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(detector.patterns.len() > 50);
    }

    #[test]
    fn corpus_is_big_enough() {
        let corpus = corpus();
        assert!(corpus.risk.len() + corpus.not_risk.len() >= 150);
    }

    #[test]
    fn every_risk_phrase_is_flagged() {
        let corpus = corpus();
        let missed: Vec<&String> = corpus
            .risk
            .iter()
            .filter(|phrase| !assess(phrase).flagged)
            .collect();
        assert!(missed.is_empty(), "missed: {missed:#?}");
    }

    #[test]
    fn false_positive_rate_is_under_ten_percent() {
        let corpus = corpus();
        let flagged: Vec<&String> = corpus
            .not_risk
            .iter()
            .filter(|phrase| assess(phrase).flagged)
            .collect();
        let rate = flagged.len() as f64 / corpus.not_risk.len() as f64;
        assert!(rate < 0.10, "false-positive rate {rate:.3}: {flagged:#?}");
    }

    #[test]
    fn precision_and_recall_over_the_corpus() {
        let corpus = corpus();
        let true_positives = corpus.risk.iter().filter(|p| assess(p).flagged).count();
        let false_positives = corpus.not_risk.iter().filter(|p| assess(p).flagged).count();
        let flagged = true_positives + false_positives;
        let precision = if flagged == 0 {
            0.0
        } else {
            true_positives as f64 / flagged as f64
        };
        let recall = true_positives as f64 / corpus.risk.len() as f64;
        let false_positive_rate = false_positives as f64 / corpus.not_risk.len() as f64;
        println!(
            "risk detector: precision {precision:.3}, recall {recall:.3}, \
             false-positive rate {false_positive_rate:.3} on {} phrases ({} risk, {} not risk)",
            corpus.risk.len() + corpus.not_risk.len(),
            corpus.risk.len(),
            corpus.not_risk.len(),
        );
        for phrase in corpus.not_risk.iter().filter(|p| assess(p).flagged) {
            println!(
                "  flagged but not risk: {phrase:?} -> {:?}",
                assess(phrase).signals
            );
        }
        assert!(recall >= 1.0);
        assert!(precision >= 0.9);
    }

    #[test]
    fn signals_are_present_exactly_when_flagged() {
        let corpus = corpus();
        for phrase in corpus.risk.iter().chain(&corpus.not_risk) {
            let assessment = assess(phrase);
            assert_eq!(
                assessment.flagged,
                !assessment.signals.is_empty(),
                "{phrase:?}"
            );
        }
        assert_eq!(
            assess(""),
            Assessment {
                flagged: false,
                signals: vec![]
            }
        );
    }

    #[test]
    fn signals_serialize_in_snake_case() {
        let json =
            serde_json::to_string(&assess("I want to die and I've been cutting myself")).unwrap();
        assert_eq!(
            json,
            r#"{"flagged":true,"signals":["direct_intent","self_harm"]}"#
        );
    }

    #[test]
    fn each_signal_is_named() {
        flags("I want to die", Signal::DirectIntent);
        flags(
            "I wish I could go to sleep and not wake up",
            Signal::PassiveWish,
        );
        flags("everyone would be better off without me", Signal::Burden);
        flags("I've been saving up my pills", Signal::Method);
        flags("I wrote letters to say goodbye", Signal::Goodbye);
        flags("I cut again", Signal::SelfHarm);
        flags("there's no point in living", Signal::Hopelessness);
    }

    #[test]
    fn negation_im_not_suicidal_just_tired() {
        quiet("I'm not suicidal, just tired");
        quiet("im not suicidal just tired");
        quiet("I don't think I'm suicidal, I'm just worn out");
        quiet("I’m no longer suicidal");
    }

    #[test]
    fn negation_does_not_hide_a_later_clause() {
        flags("I'm not okay, I want to die", Signal::DirectIntent);
        flags("not gonna lie i want to die", Signal::DirectIntent);
        flags(
            "I don't want to die but I don't want to live either",
            Signal::PassiveWish,
        );
        flags(
            "i cant stop thinking about killing myself",
            Signal::DirectIntent,
        );
    }

    #[test]
    fn negation_that_is_the_risk_is_caught() {
        flags("I don't want to live anymore", Signal::PassiveWish);
        flags("I no longer want to be alive", Signal::PassiveWish);
        flags("I don't see the point in living", Signal::Hopelessness);
    }

    #[test]
    fn safety_plan_hypothetical_stays_quiet() {
        quiet("If I ever feel suicidal again I'll call my GP");
        flags("what if i just killed myself", Signal::DirectIntent);
    }

    #[test]
    fn idiom_killing_me_and_murder() {
        quiet("This commute is killing me");
        quiet("I could murder a pizza");
        quiet("My feet are killing me after that hike");
        quiet("That exam murdered me but it's done");
    }

    #[test]
    fn idiom_die_and_dead() {
        quiet("I nearly died laughing at the dog");
        quiet("I'm dying for a cup of tea");
        quiet("The car battery is dead again");
        quiet("dead tired");
        quiet("this cake is to die for");
        quiet("my phone died");
        quiet("i wanna die of embarrassment");
        quiet("I'd rather die than wear that");
        quiet("I want to die my hair blue");
    }

    #[test]
    fn idiom_accidents_and_everyday_cutting() {
        quiet("I killed it at the presentation");
        quiet("I cut myself shaving");
        quiet("cut myself a slice of cake");
        quiet("I burnt myself on the kettle");
        quiet("I burnt myself out at work");
        quiet("I hurt myself playing footy");
        quiet("I nearly killed myself tripping on the stairs");
        flags("I burned myself on the oven on purpose", Signal::SelfHarm);
    }

    #[test]
    fn idiom_tired_of_winter() {
        quiet("I'm tired of winter, roll on spring");
        flags("I'm tired of living", Signal::PassiveWish);
    }

    #[test]
    fn other_people_and_media_stay_quiet() {
        quiet("watched a documentary about suicide prevention");
        quiet("my friend said she wants to die");
        quiet("My brother was suicidal last year");
        quiet("The film is about a man who attempts suicide");
        flags(
            "My mum asked and I told her I'm suicidal",
            Signal::DirectIntent,
        );
        flags(
            "being around them makes me want to die",
            Signal::DirectIntent,
        );
    }

    #[test]
    fn spelling_and_contraction_variants() {
        flags("i wnat to kill myslef", Signal::DirectIntent);
        flags("I dont wanna be here any more", Signal::PassiveWish);
        flags("I DON’T WANT TO BE HERE ANYMORE", Signal::PassiveWish);
        flags("no-one would miss me", Signal::PassiveWish);
        flags("i   feel    suicidle", Signal::DirectIntent);
        flags("I've been self-harming", Signal::SelfHarm);
        flags("stockpiling paracetamol", Signal::Method);
    }

    #[test]
    fn regression_overdosed_is_not_read_as_a_slip_of_overdose() {
        flags("I overdosed on paracetamol in March", Signal::Method);
        quiet("I overdosed on chocolate at Easter");
    }

    #[test]
    fn regression_taken_back_later_in_the_sentence() {
        quiet("I used to think about dying a lot, but not anymore");
        quiet("She asked if I was suicidal, I told her honestly I'm not");
        quiet("The GP asked whether I'd ever hurt myself and I said no");
        flags(
            "The GP asked if I was suicidal and I said yes",
            Signal::DirectIntent,
        );
    }

    #[test]
    fn regression_exception_does_not_reach_past_a_comma() {
        quiet("I cut myself on a tin");
        flags(
            "I've started cutting again, on my arms this time",
            Signal::SelfHarm,
        );
    }

    #[test]
    fn regression_a_death_in_the_family_is_not_thinking_about_death() {
        quiet("I keep thinking about the death of my grandad");
        flags("I keep thinking about death", Signal::DirectIntent);
    }

    #[test]
    fn regression_goodbye_at_work_or_on_holiday() {
        quiet("Last day at work today, this is goodbye");
        quiet("This will be my last post for a while, off on holiday");
        quiet("Giving away my things before the move to Melbourne");
        flags(
            "This is goodbye. I'm sorry for everything.",
            Signal::Goodbye,
        );
    }

    #[test]
    fn regression_idioms_from_three_countries() {
        quiet("I could murder a pint"); // UK
        quiet("I'm knackered, dead on my feet"); // UK
        quiet("I'll be dead meat if mom finds out"); // US
        quiet("killer workout, I'm beat"); // US
        quiet("the ute's carked it again"); // AU
        quiet("I'm rooted after that shift, flat out like a lizard drinking"); // AU
    }

    #[test]
    fn within_one_edit_handles_slips() {
        assert!(within_one_edit(b"sucidal", b"suicidal"));
        assert!(within_one_edit(b"myslef", b"myself"));
        assert!(within_one_edit(b"suicidel", b"suicidal"));
        assert!(!within_one_edit(b"suicide", b"suicidal"));
        assert!(!within_one_edit(b"burned", b"burden"));
    }

    #[test]
    fn a_long_entry_is_judged_by_its_last_sentence_too() {
        let entry = "Today was long and grey and I felt flat the whole time, nothing \
                     much happened at work and the commute was slow. "
            .repeat(20);
        let entry = format!("{entry} I don't want to be here anymore.");
        assert!(entry.len() >= 2000);
        assert!(assess(&entry).flagged);
    }

    #[test]
    fn a_run_on_entry_of_near_misses_stays_quiet() {
        // A whole journal entry as one sentence, full of near misses. (Its
        // speed is measured in `benches/risk.rs`, not here.)
        let entry = "I cut myself shaving, ".repeat(crate::text::JOURNAL_MAX / 22);
        assert!(!assess(&entry).flagged);
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,200}") {
            let assessment = assess(&text);
            prop_assert_eq!(assessment.flagged, !assessment.signals.is_empty());
        }

        #[test]
        fn never_panics_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let text = String::from_utf8_lossy(&bytes);
            let assessment = assess(&text);
            prop_assert_eq!(assessment.flagged, !assessment.signals.is_empty());
        }
    }
}
