//! Storage for partners: invites (only code hashes), partnerships and
//! what each side shares, notes of encouragement, the audit log of
//! partner reads, and nudges already sent.
//!
//! Deliberately not here: who may read what. That decision is made in
//! one place, `thaw_app::partners::authorize`; this module only stores.

use thaw_core::OwnerId;
use uuid::Uuid;

use crate::conn::in_transaction;
use crate::value::Row;
use crate::{Store, StoreError, now_us};

/// What one side of a partnership lets the other see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sharing {
    pub snapshot: bool,
    pub plan: bool,
    pub screeners: bool,
    pub insights: bool,
    pub journal: bool,
    /// Consent, given in advance, to tell the partner when the relapse
    /// plan is offered.
    pub relapse: bool,
    /// The local time ("HH:MM") by which a daily check-in is agreed; a
    /// gentle nudge follows when it has not happened.
    pub checkin_by: Option<String>,
}

impl Default for Sharing {
    /// Today's snapshot and plan; nothing else unless chosen.
    fn default() -> Self {
        Self {
            snapshot: true,
            plan: true,
            screeners: false,
            insights: false,
            journal: false,
            relapse: false,
            checkin_by: None,
        }
    }
}

/// A partnership seen from one person's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnershipRecord {
    pub id: Uuid,
    /// The other person.
    pub other: OwnerId,
    pub other_email: String,
    /// True when this person sent the invite.
    pub invited_by_me: bool,
    pub created_us: i64,
    /// What this person shares with the other.
    pub mine: Sharing,
    /// What the other shares with this person.
    pub theirs: Sharing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRecord {
    pub id: Uuid,
    pub from: OwnerId,
    pub text: String,
    pub at_us: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub reader: OwnerId,
    pub reader_email: Option<String>,
    pub what: String,
    pub at_us: i64,
}

/// How long the audit log keeps a partner read: a year.
pub const AUDIT_KEEP_US: i64 = 366 * 86_400_000_000;

const SHARING_COLUMNS: &str = "snapshot, plan, screeners, insights, journal, relapse, checkin_by";

fn sharing(row: &Row, at: usize) -> Result<Sharing, StoreError> {
    Ok(Sharing {
        snapshot: row.bool(at)?,
        plan: row.bool(at + 1)?,
        screeners: row.bool(at + 2)?,
        insights: row.bool(at + 3)?,
        journal: row.bool(at + 4)?,
        relapse: row.bool(at + 5)?,
        checkin_by: row.opt_text(at + 6)?,
    })
}

fn insert_sharing(
    c: &mut dyn crate::conn::Conn,
    partnership: Uuid,
    sharer: OwnerId,
    s: &Sharing,
) -> Result<(), StoreError> {
    let by = s
        .checkin_by
        .clone()
        .map_or(crate::value::Value::Null, Into::into);
    c.execute(
        &format!(
            "INSERT INTO sharing (partnership_id, sharer_id, {SHARING_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (partnership_id, sharer_id) DO UPDATE SET snapshot = excluded.snapshot, plan = excluded.plan,
             screeners = excluded.screeners, insights = excluded.insights, journal = excluded.journal,
             relapse = excluded.relapse, checkin_by = excluded.checkin_by"
        ),
        &[
            partnership.into(),
            sharer.0.into(),
            s.snapshot.into(),
            s.plan.into(),
            s.screeners.into(),
            s.insights.into(),
            s.journal.into(),
            s.relapse.into(),
            by,
        ],
    )
    .map(|_| ())
}

impl Store {
    pub fn create_invite(
        &self,
        owner: OwnerId,
        code_hash: &str,
        expires_us: i64,
    ) -> Result<(), StoreError> {
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO invites (code_hash, owner_id, created_us, expires_us) VALUES ($1, $2, $3, $4)",
                &[code_hash.into(), owner.0.into(), now_us().into(), expires_us.into()],
            )
            .map(|_| ())
        })
    }

    /// Whose unexpired invite `code_hash` is, without using it up.
    pub fn invite_owner(
        &self,
        code_hash: &str,
        now_us: i64,
    ) -> Result<Option<OwnerId>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT owner_id FROM invites WHERE code_hash = $1 AND expires_us > $2",
                &[code_hash.into(), now_us.into()],
            )?
            .first()
            .map(|row| Ok(OwnerId(row.uuid(0)?)))
            .transpose()
        })
    }

    /// Uses up the invite and makes the partnership, both in one
    /// transaction, each side sharing the defaults. `None` when the code
    /// is unknown, expired or already used (by anyone, at the same time
    /// too), or is the person's own.
    pub fn accept_invite(
        &self,
        code_hash: &str,
        invitee: OwnerId,
        now_us: i64,
    ) -> Result<Option<Uuid>, StoreError> {
        self.with_conn(|c| {
            in_transaction(c, |c| {
                let rows = c.query(
                    "SELECT owner_id FROM invites WHERE code_hash = $1 AND expires_us > $2",
                    &[code_hash.into(), now_us.into()],
                )?;
                let Some(row) = rows.first() else {
                    return Ok(None);
                };
                let inviter = OwnerId(row.uuid(0)?);
                if inviter == invitee {
                    return Ok(None);
                }
                // Deleting first makes a second acceptance of the same
                // code find nothing, even racing in another transaction.
                if c.execute("DELETE FROM invites WHERE code_hash = $1", &[code_hash.into()])? == 0 {
                    return Ok(None);
                }
                let existing = c.query(
                    "SELECT id FROM partnerships WHERE (inviter_id = $1 AND invitee_id = $2) OR (inviter_id = $2 AND invitee_id = $1)",
                    &[inviter.0.into(), invitee.0.into()],
                )?;
                if let Some(row) = existing.first() {
                    return Ok(Some(row.uuid(0)?));
                }
                let id = thaw_core::new_id();
                c.execute(
                    "INSERT INTO partnerships (id, inviter_id, invitee_id, created_us) VALUES ($1, $2, $3, $4)",
                    &[id.into(), inviter.0.into(), invitee.0.into(), now_us.into()],
                )?;
                insert_sharing(c, id, inviter, &Sharing::default())?;
                insert_sharing(c, id, invitee, &Sharing::default())?;
                Ok(Some(id))
            })
        })
    }

    /// Every partnership `person` is part of, newest first.
    pub fn partnerships(&self, person: OwnerId) -> Result<Vec<PartnershipRecord>, StoreError> {
        self.partnerships_where(person, None)
    }

    /// One partnership as `person` sees it; `None` when they are not part
    /// of it (or it does not exist: the two are never told apart).
    pub fn partnership(
        &self,
        person: OwnerId,
        id: Uuid,
    ) -> Result<Option<PartnershipRecord>, StoreError> {
        Ok(self
            .partnerships_where(person, Some(id))?
            .into_iter()
            .next())
    }

    fn partnerships_where(
        &self,
        person: OwnerId,
        only: Option<Uuid>,
    ) -> Result<Vec<PartnershipRecord>, StoreError> {
        let filter = if only.is_some() { "AND p.id = $2" } else { "" };
        let sql = format!(
            "SELECT p.id, p.inviter_id, p.invitee_id, p.created_us, a.email,
                    m.snapshot, m.plan, m.screeners, m.insights, m.journal, m.relapse, m.checkin_by,
                    t.snapshot, t.plan, t.screeners, t.insights, t.journal, t.relapse, t.checkin_by
             FROM partnerships p
             JOIN accounts a ON a.person_id = CASE WHEN p.inviter_id = $1 THEN p.invitee_id ELSE p.inviter_id END
             JOIN sharing m ON m.partnership_id = p.id AND m.sharer_id = $1
             JOIN sharing t ON t.partnership_id = p.id AND t.sharer_id = a.person_id
             WHERE (p.inviter_id = $1 OR p.invitee_id = $1) {filter}
             ORDER BY p.created_us DESC"
        );
        let mut params = vec![person.0.into()];
        if let Some(id) = only {
            params.push(id.into());
        }
        self.with_conn(|c| {
            c.query(&sql, &params)?
                .iter()
                .map(|row| {
                    let inviter = OwnerId(row.uuid(1)?);
                    let invitee = OwnerId(row.uuid(2)?);
                    let invited_by_me = inviter == person;
                    Ok(PartnershipRecord {
                        id: row.uuid(0)?,
                        other: if invited_by_me { invitee } else { inviter },
                        other_email: row.text(4)?,
                        invited_by_me,
                        created_us: row.int(3)?,
                        mine: sharing(row, 5)?,
                        theirs: sharing(row, 12)?,
                    })
                })
                .collect()
        })
    }

    /// Sets what `sharer` shares in partnership `id` (which must be theirs).
    pub fn set_sharing(&self, sharer: OwnerId, id: Uuid, s: &Sharing) -> Result<bool, StoreError> {
        if self.partnership(sharer, id)?.is_none() {
            return Ok(false);
        }
        self.with_conn(|c| insert_sharing(c, id, sharer, s))?;
        Ok(true)
    }

    /// Ends partnership `id`, from either side; its notes go with it.
    pub fn delete_partnership(&self, person: OwnerId, id: Uuid) -> Result<bool, StoreError> {
        self.with_conn(|c| {
            Ok(c.execute(
                "DELETE FROM partnerships WHERE id = $1 AND (inviter_id = $2 OR invitee_id = $2)",
                &[id.into(), person.0.into()],
            )? > 0)
        })
    }

    pub fn add_partner_note(
        &self,
        partnership: Uuid,
        from: OwnerId,
        to: OwnerId,
        text: &str,
    ) -> Result<Uuid, StoreError> {
        let id = thaw_core::new_id();
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO partner_notes (id, partnership_id, from_id, to_id, text, at_us) VALUES ($1, $2, $3, $4, $5, $6)",
                &[id.into(), partnership.into(), from.0.into(), to.0.into(), text.into(), now_us().into()],
            )
        })?;
        Ok(id)
    }

    /// Notes in partnership `id` since `since_us`, newest first.
    pub fn partner_notes(&self, id: Uuid, since_us: i64) -> Result<Vec<NoteRecord>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT id, from_id, text, at_us FROM partner_notes WHERE partnership_id = $1 AND at_us >= $2
                 ORDER BY at_us DESC LIMIT 50",
                &[id.into(), since_us.into()],
            )?
            .iter()
            .map(|row| {
                Ok(NoteRecord {
                    id: row.uuid(0)?,
                    from: OwnerId(row.uuid(1)?),
                    text: row.text(2)?,
                    at_us: row.int(3)?,
                })
            })
            .collect()
        })
    }

    /// Records that `reader` read `what` of `owner`'s. The log keeps a
    /// year ([`AUDIT_KEEP_US`]).
    pub fn audit(&self, owner: OwnerId, reader: OwnerId, what: &str) -> Result<(), StoreError> {
        let now = now_us();
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO audit_log (id, owner_id, reader_id, what, at_us) VALUES ($1, $2, $3, $4, $5)",
                &[thaw_core::new_id().into(), owner.0.into(), reader.0.into(), what.into(), now.into()],
            )?;
            c.execute(
                "DELETE FROM audit_log WHERE owner_id = $1 AND at_us < $2",
                &[owner.0.into(), (now - AUDIT_KEEP_US).into()],
            )
            .map(|_| ())
        })
    }

    /// Who read what of `owner`'s, newest first.
    pub fn audit_log(&self, owner: OwnerId, limit: i64) -> Result<Vec<AuditRecord>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT l.reader_id, a.email, l.what, l.at_us FROM audit_log l
                 LEFT JOIN accounts a ON a.person_id = l.reader_id
                 WHERE l.owner_id = $1 ORDER BY l.at_us DESC LIMIT $2",
                &[owner.0.into(), limit.into()],
            )?
            .iter()
            .map(|row| {
                Ok(AuditRecord {
                    reader: OwnerId(row.uuid(0)?),
                    reader_email: row.opt_text(1)?,
                    what: row.text(2)?,
                    at_us: row.int(3)?,
                })
            })
            .collect()
        })
    }

    /// Records a nudge for `person` about `about` on `day`; false when one
    /// was already recorded (so each is sent once, by whichever server).
    pub fn record_nudge(
        &self,
        person: OwnerId,
        about: OwnerId,
        kind: &str,
        day: &str,
    ) -> Result<bool, StoreError> {
        self.with_conn(|c| {
            Ok(c.execute(
                "INSERT INTO nudges (id, person_id, about_id, kind, day, at_us, emailed) VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (person_id, about_id, kind, day) DO NOTHING",
                &[
                    thaw_core::new_id().into(),
                    person.0.into(),
                    about.0.into(),
                    kind.into(),
                    day.into(),
                    now_us().into(),
                    false.into(),
                ],
            )? > 0)
        })
    }

    /// Every agreed daily check-in time: (the person who agreed, their
    /// email, the partner they agreed it with, "HH:MM").
    pub fn agreed_checkins(&self) -> Result<Vec<(OwnerId, String, OwnerId, String)>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT s.sharer_id, a.email,
                        CASE WHEN p.inviter_id = s.sharer_id THEN p.invitee_id ELSE p.inviter_id END,
                        s.checkin_by
                 FROM sharing s
                 JOIN partnerships p ON p.id = s.partnership_id
                 JOIN accounts a ON a.person_id = s.sharer_id
                 WHERE s.checkin_by IS NOT NULL",
                &[],
            )?
            .iter()
            .map(|row| Ok((OwnerId(row.uuid(0)?), row.text(1)?, OwnerId(row.uuid(2)?), row.text(3)?)))
            .collect()
        })
    }

    /// Nudges for `person` on `day`: (about whom, kind).
    pub fn nudges(&self, person: OwnerId, day: &str) -> Result<Vec<(OwnerId, String)>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT about_id, kind FROM nudges WHERE person_id = $1 AND day = $2 ORDER BY at_us",
                &[person.0.into(), day.into()],
            )?
            .iter()
            .map(|row| Ok((OwnerId(row.uuid(0)?), row.text(1)?)))
            .collect()
        })
    }
}
