//! Partners: a trusted person invited by code, the daily exchange both
//! ways (a mood snapshot and a small plan, and short notes of
//! encouragement), sharing chosen by each owner, revocation by either
//! side, gentle nudges, and the audit log of every partner read.
//!
//! **Every read of another person's data goes through [`authorize`].** It
//! answers [`AppError::NotFound`] when the reader is not part of the
//! partnership, when the partnership does not exist, and when the owner
//! does not share that kind of data: the three are never told apart. A
//! granted read is written to the owner's audit log before any data is
//! returned. Nothing from a safety flag (answers, item 9, crisis lines)
//! ever crosses; the relapse plan's offer does only with consent given
//! in advance.

use jiff::civil::Time;
use serde::Serialize;
use thaw_core::journal::JournalQuery;
use thaw_core::{InputError, OwnerId};
use thaw_store::{PartnershipRecord, Sharing};
use uuid::Uuid;

use crate::accounts::{Accounts, token_hash};
use crate::{AppError, Thaw, words};

/// How long an invite code stays valid.
pub const INVITE_HOURS: i64 = 72;
/// The longest note of encouragement.
pub const NOTE_MAX_CHARS: usize = 280;
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_CHARS: usize = 12;

/// A kind of data a partner may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// Today's snapshot or plan (either is enough to show the page).
    Today,
    Journal,
    Screeners,
    Insights,
}

impl Shared {
    fn allowed(self, s: &Sharing) -> bool {
        match self {
            Shared::Today => s.snapshot || s.plan,
            Shared::Journal => s.journal,
            Shared::Screeners => s.screeners,
            Shared::Insights => s.insights,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Shared::Today => "today",
            Shared::Journal => "journal",
            Shared::Screeners => "screeners",
            Shared::Insights => "insights",
        }
    }
}

/// A granted read: whose data, and what they share.
#[derive(Debug, Clone)]
pub struct Grant {
    pub owner: OwnerId,
    pub partnership: PartnershipRecord,
}

/// The one authorization check for reading another person's data.
pub fn authorize(
    accounts: &Accounts,
    reader: OwnerId,
    partnership: Uuid,
    what: Shared,
) -> Result<Grant, AppError> {
    let Some(p) = accounts.store().partnership(reader, partnership)? else {
        return Err(AppError::NotFound);
    };
    if !what.allowed(&p.theirs) {
        return Err(AppError::NotFound);
    }
    accounts.store().audit(p.other, reader, what.name())?;
    Ok(Grant {
        owner: p.other,
        partnership: p,
    })
}

/// A new invite, shown once.
#[derive(Debug, Clone, Serialize)]
pub struct Invite {
    pub code: String,
    pub expires_at: jiff::Timestamp,
}

/// A partnership as its member sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerView {
    pub id: Uuid,
    pub email: String,
    pub invited_by_me: bool,
    pub since: jiff::Timestamp,
    /// What I share with them.
    pub my_sharing: SharingView,
    /// What they share with me.
    pub their_sharing: SharingView,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct SharingView {
    pub snapshot: bool,
    pub plan: bool,
    pub screeners: bool,
    pub insights: bool,
    pub journal: bool,
    /// Tell them when my relapse plan is offered.
    #[serde(default)]
    pub relapse: bool,
    /// The time by which I agree to check in each day ("HH:MM").
    #[serde(default)]
    pub checkin_by: Option<String>,
}

impl From<&Sharing> for SharingView {
    fn from(s: &Sharing) -> Self {
        Self {
            snapshot: s.snapshot,
            plan: s.plan,
            screeners: s.screeners,
            insights: s.insights,
            journal: s.journal,
            relapse: s.relapse,
            checkin_by: s.checkin_by.clone(),
        }
    }
}

impl SharingView {
    fn checked(&self) -> Result<Sharing, InputError> {
        let checkin_by = match self.checkin_by.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(t) => {
                let time: Time = t
                    .parse()
                    .map_err(|_| InputError::new("checkin_by", t, "a time like 20:00"))?;
                Some(time.strftime("%H:%M").to_string())
            }
        };
        Ok(Sharing {
            snapshot: self.snapshot,
            plan: self.plan,
            screeners: self.screeners,
            insights: self.insights,
            journal: self.journal,
            relapse: self.relapse,
            checkin_by,
        })
    }
}

/// The other person's shared day.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerToday {
    pub partner_id: Uuid,
    pub email: String,
    pub date: jiff::civil::Date,
    /// The latest check-in's ratings today, when shared and there was one.
    pub snapshot: Option<Snapshot>,
    /// Today's small plan, when shared and written.
    pub plan: Option<String>,
    /// Their relapse plan was offered today (only with consent).
    pub relapse_plan_offered: bool,
    /// Notes between the two of you from the last week, newest first.
    pub notes: Vec<NoteView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub at: thaw_core::Moment,
    pub mood: Option<u8>,
    pub numbness: Option<u8>,
    pub energy: Option<u8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub from_me: bool,
    pub text: String,
    pub at: jiff::Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditView {
    pub reader: String,
    pub what: String,
    pub at: jiff::Timestamp,
}

fn ts(us: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_microsecond(us).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

fn now_us() -> i64 {
    jiff::Timestamp::now().as_microsecond()
}

/// Upper-case, without the dashes and spaces people type.
pub fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn new_code() -> Result<String, AppError> {
    let mut bytes = [0u8; CODE_CHARS];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Io {
        what: "no random numbers for an invite".into(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let chars: String = bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
        .collect();
    Ok(format!(
        "{}-{}-{}",
        &chars[0..4],
        &chars[4..8],
        &chars[8..12]
    ))
}

fn view(p: &PartnershipRecord) -> PartnerView {
    PartnerView {
        id: p.id,
        email: p.other_email.clone(),
        invited_by_me: p.invited_by_me,
        since: ts(p.created_us),
        my_sharing: (&p.mine).into(),
        their_sharing: (&p.theirs).into(),
    }
}

impl Accounts {
    /// A one-time invite code (valid for three days).
    pub fn invite(&self, owner: OwnerId) -> Result<Invite, AppError> {
        let code = new_code()?;
        let expires_us = now_us() + INVITE_HOURS * 3_600_000_000;
        self.store()
            .create_invite(owner, &token_hash(&normalize_code(&code)), expires_us)?;
        Ok(Invite {
            code,
            expires_at: ts(expires_us),
        })
    }

    /// Accepts an invite: the partnership's id.
    pub fn accept(&self, invitee: OwnerId, code: &str) -> Result<Uuid, AppError> {
        self.store()
            .accept_invite(&token_hash(&normalize_code(code)), invitee, now_us())?
            .ok_or_else(|| {
                InputError::new(
                    "code",
                    code,
                    "an invite code from someone else that is still valid (codes work once, for three days)",
                )
                .into()
            })
    }

    pub fn partners(&self, person: OwnerId) -> Result<Vec<PartnerView>, AppError> {
        Ok(self
            .store()
            .partnerships(person)?
            .iter()
            .map(view)
            .collect())
    }

    pub fn partner(&self, person: OwnerId, id: Uuid) -> Result<PartnerView, AppError> {
        self.store()
            .partnership(person, id)?
            .as_ref()
            .map(view)
            .ok_or(AppError::NotFound)
    }

    /// Sets what `person` shares in partnership `id`.
    pub fn set_sharing(
        &self,
        person: OwnerId,
        id: Uuid,
        s: &SharingView,
    ) -> Result<PartnerView, AppError> {
        let sharing = s.checked()?;
        if !self.store().set_sharing(person, id, &sharing)? {
            return Err(AppError::NotFound);
        }
        self.partner(person, id)
    }

    /// Ends a partnership, from either side, at once.
    pub fn revoke(&self, person: OwnerId, id: Uuid) -> Result<(), AppError> {
        if self.store().delete_partnership(person, id)? {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// A short note of encouragement to the other person.
    pub fn send_note(&self, from: OwnerId, id: Uuid, text: &str) -> Result<NoteView, AppError> {
        let p = self
            .store()
            .partnership(from, id)?
            .ok_or(AppError::NotFound)?;
        let text = text.trim();
        let n = text.chars().count();
        if n == 0 || n > NOTE_MAX_CHARS {
            return Err(InputError::new(
                "text",
                text,
                format!("a short note of 1 to {NOTE_MAX_CHARS} characters"),
            )
            .into());
        }
        self.store().add_partner_note(id, from, p.other, text)?;
        Ok(NoteView {
            from_me: true,
            text: text.to_owned(),
            at: jiff::Timestamp::now(),
        })
    }

    /// The other person's shared day (audited).
    pub fn partner_today(
        &self,
        reader: OwnerId,
        id: Uuid,
        clock: &dyn thaw_core::Clock,
    ) -> Result<PartnerToday, AppError> {
        let grant = authorize(self, reader, id, Shared::Today)?;
        let owner = self.thaw_for(grant.owner)?;
        let date = crate::today(owner.settings(), clock);
        let today = owner.checkins(Some(date), Some(date))?;
        let theirs = &grant.partnership.theirs;
        let snapshot = today.last().filter(|_| theirs.snapshot).map(|c| Snapshot {
            at: c.at,
            mood: c.mood.map(|r| r.get()),
            numbness: c.numbness.map(|r| r.get()),
            energy: c.energy.map(|r| r.get()),
        });
        let plan = if theirs.plan {
            today.iter().rev().find_map(|c| c.plan.clone())
        } else {
            None
        };
        let relapse_plan_offered = theirs.relapse && owner.numbness_returning(date)?;
        Ok(PartnerToday {
            partner_id: id,
            email: grant.partnership.other_email.clone(),
            date,
            snapshot,
            plan,
            relapse_plan_offered,
            notes: self.notes(reader, id)?,
        })
    }

    /// The notes between `reader` and the other person of partnership
    /// `id` from the last week, newest first (their own exchange, so no
    /// grant beyond being part of it).
    pub fn partner_notes(&self, reader: OwnerId, id: Uuid) -> Result<Vec<NoteView>, AppError> {
        if self.store().partnership(reader, id)?.is_none() {
            return Err(AppError::NotFound);
        }
        self.notes(reader, id)
    }

    fn notes(&self, reader: OwnerId, id: Uuid) -> Result<Vec<NoteView>, AppError> {
        let week_ago = now_us() - 7 * 86_400_000_000;
        Ok(self
            .store()
            .partner_notes(id, week_ago)?
            .into_iter()
            .map(|n| NoteView {
                from_me: n.from == reader,
                text: n.text,
                at: ts(n.at_us),
            })
            .collect())
    }

    /// The other person's journal of the last 30 days (only if shared;
    /// audited).
    pub fn partner_journal(
        &self,
        reader: OwnerId,
        id: Uuid,
    ) -> Result<Vec<thaw_core::JournalEntry>, AppError> {
        let grant = authorize(self, reader, id, Shared::Journal)?;
        let owner = self.thaw_for(grant.owner)?;
        let query = JournalQuery::new(None, None, false)?;
        let month_ago = jiff::Timestamp::now().as_microsecond() - 30 * 86_400_000_000;
        Ok(owner
            .journal(&query)?
            .into_iter()
            .filter(|e| e.at.micros() >= month_ago)
            .collect())
    }

    /// The other person's screener totals and bands (only if shared;
    /// audited). Item answers and crisis lines never cross.
    pub fn partner_screeners(
        &self,
        reader: OwnerId,
        id: Uuid,
    ) -> Result<Vec<crate::safety::ScreeningReport>, AppError> {
        let grant = authorize(self, reader, id, Shared::Screeners)?;
        let owner = self.thaw_for(grant.owner)?;
        Ok(owner
            .screenings(None)?
            .into_iter()
            .map(|mut r| {
                r.answers.clear();
                r.crisis_resources = None;
                r
            })
            .collect())
    }

    /// The other person's insights in words, last 90 days (only if
    /// shared; audited).
    pub fn partner_insights(
        &self,
        reader: OwnerId,
        id: Uuid,
        clock: &dyn thaw_core::Clock,
    ) -> Result<crate::insights::Summary, AppError> {
        let grant = authorize(self, reader, id, Shared::Insights)?;
        let owner = self.thaw_for(grant.owner)?;
        let date = crate::today(owner.settings(), clock);
        Ok(crate::insights::summarize(&owner.insights(90, date)?))
    }

    /// Who read what of `owner`'s, newest first.
    pub fn audit_log(&self, owner: OwnerId) -> Result<Vec<AuditView>, AppError> {
        Ok(self
            .store()
            .audit_log(owner, 200)?
            .into_iter()
            .map(|a| AuditView {
                reader: a.reader_email.unwrap_or_else(|| "a former partner".into()),
                what: a.what,
                at: ts(a.at_us),
            })
            .collect())
    }

    /// Gentle nudges for `person` now: a partner who agreed to check in by
    /// a time that has passed today without a check-in (recorded once per
    /// day, so every app server agrees). Answers (partner email, words).
    pub fn nudges(
        &self,
        person: OwnerId,
        clock: &dyn thaw_core::Clock,
    ) -> Result<Vec<(String, String)>, AppError> {
        let mut out = Vec::new();
        for p in self.store().partnerships(person)? {
            let Some(by) = p
                .theirs
                .checkin_by
                .as_deref()
                .and_then(|t| t.parse::<Time>().ok())
            else {
                continue;
            };
            let other = self.thaw_for(p.other)?;
            let tz = other.settings().time_zone();
            let now = clock.now().to_zoned(tz);
            if now.time() < by {
                continue;
            }
            let date = now.date();
            if !other.checkins(Some(date), Some(date))?.is_empty() {
                continue;
            }
            self.store()
                .record_nudge(person, p.other, "checkin", &date.to_string())?;
            out.push((
                p.other_email.clone(),
                words::partner_nudge(&p.other_email, &by.strftime("%H:%M").to_string()),
            ));
        }
        Ok(out)
    }
}

impl Accounts {
    /// Sends the day's gentle reminders by email: to each person whose
    /// agreed check-in time has passed today (in their time zone) without
    /// a check-in, once a day, whichever server gets there first. Answers
    /// how many were sent.
    pub fn send_due_reminders(
        &self,
        clock: &dyn thaw_core::Clock,
        mailer: &crate::mail::Mailer,
    ) -> Result<usize, AppError> {
        let mut sent = 0;
        for (person, email, partner, by) in self.store().agreed_checkins()? {
            let Ok(by) = by.parse::<Time>() else {
                continue;
            };
            let thaw = self.thaw_for(person)?;
            let now = clock.now().to_zoned(thaw.settings().time_zone());
            let date = now.date();
            if now.time() < by || !thaw.checkins(Some(date), Some(date))?.is_empty() {
                continue;
            }
            if !self
                .store()
                .record_nudge(person, partner, "reminder", &date.to_string())?
            {
                continue;
            }
            let body = words::reminder_body(&by.strftime("%H:%M").to_string());
            match mailer.send(&email, words::REMINDER_SUBJECT, &body) {
                Ok(()) => sent += 1,
                Err(e) => eprintln!("thaw serve: a reminder email was not sent: {e}"),
            }
        }
        Ok(sent)
    }
}

impl Thaw {
    /// The person's own id (for interfaces that must compare).
    pub fn person(&self) -> OwnerId {
        self.owner
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use thaw_store::Store;

    fn two_partners() -> (tempfile::TempDir, Accounts, OwnerId, OwnerId, Uuid) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_sqlite(&dir.path().join("t.db")).unwrap();
        let a = Accounts::new(Arc::new(store), crate::accounts::Policy::default());
        let ana = a
            .sign_up("ana@example.org", "a long passphrase 4 me", None)
            .unwrap();
        let ben = a
            .sign_up("ben@example.org", "a long passphrase 4 me", None)
            .unwrap();
        let invite = a.invite(ana).unwrap();
        let id = a.accept(ben, &invite.code.to_lowercase()).unwrap();
        (dir, a, ana, ben, id)
    }

    #[test]
    fn reads_need_a_grant_and_are_audited() {
        let (_d, a, ana, ben, id) = two_partners();
        let clock = thaw_core::SystemClock;
        assert!(a.partner_today(ben, id, &clock).is_ok());
        assert!(matches!(
            a.partner_journal(ben, id),
            Err(AppError::NotFound)
        ));
        let carl = a
            .sign_up("carl@example.org", "a long passphrase 4 me", None)
            .unwrap();
        assert!(matches!(
            a.partner_today(carl, id, &clock),
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            a.partner_today(ben, Uuid::nil(), &clock),
            Err(AppError::NotFound)
        ));
        let log = a.audit_log(ana).unwrap();
        assert_eq!(log.len(), 1, "only the granted read is logged");
        assert_eq!(
            (log[0].reader.as_str(), log[0].what.as_str()),
            ("ben@example.org", "today")
        );
        // Neither side shares anything: even today is 404.
        let none = SharingView {
            snapshot: false,
            plan: false,
            screeners: false,
            insights: false,
            journal: false,
            relapse: false,
            checkin_by: None,
        };
        a.set_sharing(ana, id, &none).unwrap();
        assert!(matches!(
            a.partner_today(ben, id, &clock),
            Err(AppError::NotFound)
        ));
        assert!(
            a.set_sharing(
                ana,
                id,
                &SharingView {
                    checkin_by: Some("25:00".into()),
                    ..none
                }
            )
            .is_err()
        );
    }

    #[test]
    fn an_agreed_check_in_that_has_not_happened_brings_one_gentle_nudge_a_day() {
        let (_d, a, ana, ben, id) = two_partners();
        let view = SharingView {
            snapshot: true,
            plan: true,
            screeners: false,
            insights: false,
            journal: false,
            relapse: false,
            checkin_by: Some("00:00".into()),
        };
        a.set_sharing(ana, id, &view).unwrap();
        let clock = thaw_core::SystemClock;
        let nudges = a.nudges(ben, &clock).unwrap();
        assert_eq!(nudges.len(), 1);
        assert!(nudges[0].1.contains("No pressure"), "{}", nudges[0].1);
        for word in ["missed", "failed", "streak"] {
            assert!(!nudges[0].1.to_lowercase().contains(word));
        }
        let (url, relay) = crate::mail::tests::fake_relay();
        let mailer = crate::mail::Mailer::new(&url, "thaw@example.org").unwrap();
        assert_eq!(a.send_due_reminders(&clock, &mailer).unwrap(), 1);
        let got = relay.join().unwrap();
        assert!(got.contains("RCPT TO:<ana@example.org>"), "{got}");
        assert!(got.contains("no rush"), "{got}");
        assert_eq!(
            a.send_due_reminders(&clock, &mailer).unwrap(),
            0,
            "once a day"
        );
        // After a check-in there is nothing to nudge about.
        let thaw = a.thaw_for(ana).unwrap();
        let c = crate::prepare_checkin(
            &thaw_core::CheckinDraft {
                mood: Some("5".into()),
                ..Default::default()
            },
            None,
            thaw.settings(),
            &clock,
        )
        .unwrap();
        thaw.save_checkin(&c).unwrap();
        assert!(a.nudges(ben, &clock).unwrap().is_empty());
    }
}
