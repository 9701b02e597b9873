-- 0005: multi-user mode — accounts, sessions, login failures, per-person
-- settings, API tokens, partner invites, partnerships and what each side
-- shares, notes, the audit log of partner reads, nudges.
-- Released: never edit, only add.
CREATE TABLE accounts (
    person_id BLOB PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    -- The time step of the last code accepted: a code works once.
    totp_last_step INTEGER,
    created_us INTEGER NOT NULL,
    password_changed_us INTEGER NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_us INTEGER NOT NULL,
    last_seen_us INTEGER NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);
-- Keyed by a hash of "account:<email>" or "address:<ip>", never the plain value.
CREATE TABLE login_failures (
    key_hash TEXT NOT NULL,
    at_us INTEGER NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key_hash, at_us);
CREATE TABLE person_settings (
    person_id BLOB PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    settings TEXT NOT NULL
);
CREATE TABLE api_tokens (
    id BLOB PRIMARY KEY NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_us INTEGER NOT NULL
);
CREATE TABLE invites (
    code_hash TEXT PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_us INTEGER NOT NULL,
    expires_us INTEGER NOT NULL
);
CREATE TABLE partnerships (
    id BLOB PRIMARY KEY NOT NULL,
    inviter_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    invitee_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_us INTEGER NOT NULL,
    UNIQUE (inviter_id, invitee_id)
);
CREATE INDEX partnerships_invitee ON partnerships (invitee_id);
-- What `sharer_id` lets the other side of the partnership see.
CREATE TABLE sharing (
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    sharer_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    snapshot INTEGER NOT NULL CHECK (snapshot IN (0, 1)),
    plan INTEGER NOT NULL CHECK (plan IN (0, 1)),
    screeners INTEGER NOT NULL CHECK (screeners IN (0, 1)),
    insights INTEGER NOT NULL CHECK (insights IN (0, 1)),
    journal INTEGER NOT NULL CHECK (journal IN (0, 1)),
    relapse INTEGER NOT NULL CHECK (relapse IN (0, 1)),
    checkin_by TEXT,
    PRIMARY KEY (partnership_id, sharer_id)
);
CREATE TABLE partner_notes (
    id BLOB PRIMARY KEY NOT NULL,
    partnership_id BLOB NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    from_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    to_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    at_us INTEGER NOT NULL
);
CREATE INDEX partner_notes_to_at ON partner_notes (to_id, at_us);
CREATE TABLE audit_log (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    reader_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    at_us INTEGER NOT NULL
);
CREATE INDEX audit_log_owner_at ON audit_log (owner_id, at_us);
CREATE TABLE nudges (
    id BLOB PRIMARY KEY NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    about_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    at_us INTEGER NOT NULL,
    emailed INTEGER NOT NULL CHECK (emailed IN (0, 1)),
    UNIQUE (person_id, about_id, kind, day)
);
