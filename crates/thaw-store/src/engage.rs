//! Storage for core values and value actions, wins, the social ladder,
//! self-care anchors and their logs, and the secret calendar feed.

use thaw_core::OwnerId;
use thaw_core::engage::{
    SelfCare, SelfCareLog, SocialAttempt, SocialStep, Value, ValueAction, Win,
};

use crate::conn::{Conn, in_transaction};
use crate::value::{Row, Value as Sql};
use crate::{Span, Store, StoreError, moment, now_us};

impl Store {
    /// Adds a core value, or updates its why. Answers true when it was new.
    pub fn save_value(&self, owner: OwnerId, v: &Value) -> Result<bool, StoreError> {
        self.with_conn(|c| in_transaction(c, |c| save_value(c, owner, v, true)))
    }

    /// Removes a core value (its recorded actions stay). Answers true when
    /// there was one.
    pub fn remove_value(&self, owner: OwnerId, name: &str) -> Result<bool, StoreError> {
        self.with_conn(|c| {
            Ok(c.execute(
                "DELETE FROM core_values WHERE owner_id = $1 AND name = $2",
                &[owner.0.into(), name.into()],
            )? > 0)
        })
    }

    /// A person's core values, in the order they chose them.
    pub fn values(&self, owner: OwnerId) -> Result<Vec<Value>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT name, why FROM core_values WHERE owner_id = $1 ORDER BY position",
                &[owner.0.into()],
            )?
            .iter()
            .map(|row| {
                Ok(Value {
                    name: row.text(0)?,
                    why: row.opt_text(1)?,
                })
            })
            .collect()
        })
    }

    pub fn insert_value_action(&self, owner: OwnerId, a: &ValueAction) -> Result<(), StoreError> {
        self.with_conn(|c| insert_value_action(c, owner, a).map(|_| ()))
    }

    /// Value actions in `span`, oldest first.
    pub fn value_actions(
        &self,
        owner: OwnerId,
        span: Span,
    ) -> Result<Vec<ValueAction>, StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            c.query(
                "SELECT id, value, at_us, offset_s, text FROM value_actions
                 WHERE owner_id = $1 AND at_us >= $2 AND at_us < $3 ORDER BY at_us, id",
                &[owner.0.into(), from.into(), to.into()],
            )?
            .iter()
            .map(|row| {
                Ok(ValueAction {
                    id: row.uuid(0)?,
                    value: row.text(1)?,
                    at: moment(row, 2)?,
                    text: row.text(4)?,
                })
            })
            .collect()
        })
    }

    pub fn insert_win(&self, owner: OwnerId, w: &Win) -> Result<(), StoreError> {
        self.with_conn(|c| insert_win(c, owner, w).map(|_| ()))
    }

    /// Wins in `span`, oldest first.
    pub fn wins(&self, owner: OwnerId, span: Span) -> Result<Vec<Win>, StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            c.query(
                "SELECT id, at_us, offset_s, text FROM wins
                 WHERE owner_id = $1 AND at_us >= $2 AND at_us < $3 ORDER BY at_us, id",
                &[owner.0.into(), from.into(), to.into()],
            )?
            .iter()
            .map(|row| {
                Ok(Win {
                    id: row.uuid(0)?,
                    at: moment(row, 1)?,
                    text: row.text(3)?,
                })
            })
            .collect()
        })
    }

    /// Adds a step to the social ladder, or changes its difficulty.
    pub fn save_social_step(&self, owner: OwnerId, s: &SocialStep) -> Result<bool, StoreError> {
        self.with_conn(|c| in_transaction(c, |c| save_social_step(c, owner, s, true)))
    }

    /// The ladder's steps, easiest first.
    pub fn social_steps(&self, owner: OwnerId) -> Result<Vec<SocialStep>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT name, difficulty FROM social_steps WHERE owner_id = $1 ORDER BY difficulty, name",
                &[owner.0.into()],
            )?
            .iter()
            .map(|row| {
                Ok(SocialStep {
                    name: row.text(0)?,
                    difficulty: percent(row, 1)?,
                })
            })
            .collect()
        })
    }

    /// Saves an attempt (creating its step, at middling difficulty, if it
    /// is new).
    pub fn insert_social_attempt(
        &self,
        owner: OwnerId,
        a: &SocialAttempt,
    ) -> Result<(), StoreError> {
        self.with_conn(|c| in_transaction(c, |c| insert_social_attempt(c, owner, a).map(|_| ())))
    }

    /// Attempts in `span`, oldest first.
    pub fn social_attempts(
        &self,
        owner: OwnerId,
        span: Span,
    ) -> Result<Vec<SocialAttempt>, StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            c.query(
                "SELECT id, step, at_us, offset_s, comfort FROM social_attempts
                 WHERE owner_id = $1 AND at_us >= $2 AND at_us < $3 ORDER BY at_us, id",
                &[owner.0.into(), from.into(), to.into()],
            )?
            .iter()
            .map(|row| {
                Ok(SocialAttempt {
                    id: row.uuid(0)?,
                    step: row.text(1)?,
                    at: moment(row, 2)?,
                    comfort: percent(row, 4)?,
                })
            })
            .collect()
        })
    }

    /// Adds a self-care anchor, or changes its schedule.
    pub fn save_selfcare(&self, owner: OwnerId, s: &SelfCare) -> Result<bool, StoreError> {
        self.with_conn(|c| in_transaction(c, |c| save_selfcare(c, owner, s, true)))
    }

    /// Removes a self-care anchor (its logs stay).
    pub fn remove_selfcare(&self, owner: OwnerId, name: &str) -> Result<bool, StoreError> {
        self.with_conn(|c| {
            Ok(c.execute(
                "DELETE FROM selfcare WHERE owner_id = $1 AND name = $2",
                &[owner.0.into(), name.into()],
            )? > 0)
        })
    }

    /// A person's self-care anchors, by name.
    pub fn selfcare(&self, owner: OwnerId) -> Result<Vec<SelfCare>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT name, every, time_of_day FROM selfcare WHERE owner_id = $1 ORDER BY name",
                &[owner.0.into()],
            )?
            .iter()
            .map(|row| {
                Ok(SelfCare {
                    name: row.text(0)?,
                    every: row.opt_text(1)?,
                    time: row.opt_text(2)?,
                })
            })
            .collect()
        })
    }

    /// When each self-care anchor was added (UTC microseconds), by name.
    pub fn selfcare_starts(
        &self,
        owner: OwnerId,
    ) -> Result<std::collections::HashMap<String, i64>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT name, created_us FROM selfcare WHERE owner_id = $1",
                &[owner.0.into()],
            )?
            .iter()
            .map(|row| Ok((row.text(0)?, row.int(1)?)))
            .collect()
        })
    }

    pub fn insert_selfcare_log(&self, owner: OwnerId, l: &SelfCareLog) -> Result<(), StoreError> {
        self.with_conn(|c| insert_selfcare_log(c, owner, l).map(|_| ()))
    }

    /// Self-care logs in `span`, oldest first.
    pub fn selfcare_logs(
        &self,
        owner: OwnerId,
        span: Span,
    ) -> Result<Vec<SelfCareLog>, StoreError> {
        let (from, to) = span.bounds();
        self.with_conn(|c| {
            c.query(
                "SELECT id, name, at_us, offset_s FROM selfcare_logs
                 WHERE owner_id = $1 AND at_us >= $2 AND at_us < $3 ORDER BY at_us, id",
                &[owner.0.into(), from.into(), to.into()],
            )?
            .iter()
            .map(|row| {
                Ok(SelfCareLog {
                    id: row.uuid(0)?,
                    name: row.text(1)?,
                    at: moment(row, 2)?,
                })
            })
            .collect()
        })
    }

    /// Replaces the person's calendar feed secret (stored as a hash), which
    /// revokes the old link at once.
    pub fn set_calendar_feed(&self, owner: OwnerId, token_hash: &str) -> Result<(), StoreError> {
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO calendar_feeds (owner_id, token_hash, created_us) VALUES ($1, $2, $3)
                 ON CONFLICT (owner_id) DO UPDATE SET token_hash = excluded.token_hash, created_us = excluded.created_us",
                &[owner.0.into(), token_hash.into(), now_us().into()],
            )
            .map(|_| ())
        })
    }

    /// Turns the calendar feed off.
    pub fn remove_calendar_feed(&self, owner: OwnerId) -> Result<bool, StoreError> {
        self.with_conn(|c| {
            Ok(c.execute(
                "DELETE FROM calendar_feeds WHERE owner_id = $1",
                &[owner.0.into()],
            )? > 0)
        })
    }

    /// Whether the person has a calendar feed.
    pub fn has_calendar_feed(&self, owner: OwnerId) -> Result<bool, StoreError> {
        self.with_conn(|c| {
            Ok(!c
                .query(
                    "SELECT 1 FROM calendar_feeds WHERE owner_id = $1",
                    &[owner.0.into()],
                )?
                .is_empty())
        })
    }

    /// Whose feed a secret's hash opens, if any.
    pub fn calendar_feed_owner(&self, token_hash: &str) -> Result<Option<OwnerId>, StoreError> {
        self.with_conn(|c| {
            c.query(
                "SELECT owner_id FROM calendar_feeds WHERE token_hash = $1",
                &[token_hash.into()],
            )?
            .first()
            .map(|row| row.uuid(0).map(OwnerId))
            .transpose()
        })
    }
}

fn percent(row: &Row, i: usize) -> Result<u8, StoreError> {
    let n = row.int(i)?;
    u8::try_from(n)
        .ok()
        .filter(|n| *n <= 100)
        .ok_or_else(|| StoreError::Corrupt(format!("a stored percentage is out of range ({n})")))
}

pub(crate) fn save_value(
    c: &mut dyn Conn,
    owner: OwnerId,
    v: &Value,
    replace: bool,
) -> Result<bool, StoreError> {
    let existed = !c
        .query(
            "SELECT 1 FROM core_values WHERE owner_id = $1 AND name = $2",
            &[owner.0.into(), v.name.as_str().into()],
        )?
        .is_empty();
    if existed && !replace {
        return Ok(false);
    }
    c.execute(
        "INSERT INTO core_values (owner_id, name, why, position, created_us)
         VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM core_values WHERE owner_id = $1), $4)
         ON CONFLICT (owner_id, name) DO UPDATE SET why = excluded.why",
        &[owner.0.into(), v.name.as_str().into(), v.why.as_deref().into(), now_us().into()],
    )?;
    Ok(!existed)
}

pub(crate) fn insert_value_action(
    c: &mut dyn Conn,
    owner: OwnerId,
    a: &ValueAction,
) -> Result<bool, StoreError> {
    Ok(c.execute(
        "INSERT INTO value_actions (id, owner_id, value, at_us, offset_s, text, created_us)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
        &[
            a.id.into(),
            owner.0.into(),
            a.value.as_str().into(),
            a.at.micros().into(),
            a.at.offset_seconds().into(),
            a.text.as_str().into(),
            now_us().into(),
        ],
    )? > 0)
}

pub(crate) fn insert_win(c: &mut dyn Conn, owner: OwnerId, w: &Win) -> Result<bool, StoreError> {
    Ok(c.execute(
        "INSERT INTO wins (id, owner_id, at_us, offset_s, text, created_us)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
        &[
            w.id.into(),
            owner.0.into(),
            w.at.micros().into(),
            w.at.offset_seconds().into(),
            w.text.as_str().into(),
            now_us().into(),
        ],
    )? > 0)
}

pub(crate) fn save_social_step(
    c: &mut dyn Conn,
    owner: OwnerId,
    s: &SocialStep,
    replace: bool,
) -> Result<bool, StoreError> {
    let existed = !c
        .query(
            "SELECT 1 FROM social_steps WHERE owner_id = $1 AND name = $2",
            &[owner.0.into(), s.name.as_str().into()],
        )?
        .is_empty();
    if existed && !replace {
        return Ok(false);
    }
    c.execute(
        "INSERT INTO social_steps (owner_id, name, difficulty, created_us) VALUES ($1, $2, $3, $4)
         ON CONFLICT (owner_id, name) DO UPDATE SET difficulty = excluded.difficulty",
        &[
            owner.0.into(),
            s.name.as_str().into(),
            Sql::Int(i64::from(s.difficulty)),
            now_us().into(),
        ],
    )?;
    Ok(!existed)
}

pub(crate) fn insert_social_attempt(
    c: &mut dyn Conn,
    owner: OwnerId,
    a: &SocialAttempt,
) -> Result<bool, StoreError> {
    let step = SocialStep {
        name: a.step.clone(),
        difficulty: 50,
    };
    save_social_step(c, owner, &step, false)?;
    Ok(c.execute(
        "INSERT INTO social_attempts (id, owner_id, step, at_us, offset_s, comfort, created_us)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING",
        &[
            a.id.into(),
            owner.0.into(),
            a.step.as_str().into(),
            a.at.micros().into(),
            a.at.offset_seconds().into(),
            Sql::Int(i64::from(a.comfort)),
            now_us().into(),
        ],
    )? > 0)
}

pub(crate) fn save_selfcare(
    c: &mut dyn Conn,
    owner: OwnerId,
    s: &SelfCare,
    replace: bool,
) -> Result<bool, StoreError> {
    let existed = !c
        .query(
            "SELECT 1 FROM selfcare WHERE owner_id = $1 AND name = $2",
            &[owner.0.into(), s.name.as_str().into()],
        )?
        .is_empty();
    if existed && !replace {
        return Ok(false);
    }
    c.execute(
        "INSERT INTO selfcare (owner_id, name, every, time_of_day, created_us) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (owner_id, name) DO UPDATE SET every = excluded.every, time_of_day = excluded.time_of_day",
        &[
            owner.0.into(),
            s.name.as_str().into(),
            s.every.as_deref().into(),
            s.time.as_deref().into(),
            now_us().into(),
        ],
    )?;
    Ok(!existed)
}

pub(crate) fn insert_selfcare_log(
    c: &mut dyn Conn,
    owner: OwnerId,
    l: &SelfCareLog,
) -> Result<bool, StoreError> {
    Ok(c.execute(
        "INSERT INTO selfcare_logs (id, owner_id, name, at_us, offset_s, created_us)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
        &[
            l.id.into(),
            owner.0.into(),
            l.name.as_str().into(),
            l.at.micros().into(),
            l.at.offset_seconds().into(),
            now_us().into(),
        ],
    )? > 0)
}
