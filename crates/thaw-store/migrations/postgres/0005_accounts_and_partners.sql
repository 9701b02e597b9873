-- 0005: multi-user mode — accounts, sessions, login failures, per-person
-- settings, API tokens, partner invites, partnerships and what each side
-- shares, notes, the audit log of partner reads, nudges.
-- Released: never edit, only add.
CREATE TABLE accounts (
    person_id UUID PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    -- The time step of the last code accepted: a code works once.
    totp_last_step BIGINT,
    created_us BIGINT NOT NULL,
    password_changed_us BIGINT NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    person_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_us BIGINT NOT NULL,
    last_seen_us BIGINT NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);
-- Keyed by a hash of "account:<email>" or "address:<ip>", never the plain value.
CREATE TABLE login_failures (
    key_hash TEXT NOT NULL,
    at_us BIGINT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key_hash, at_us);
CREATE TABLE person_settings (
    person_id UUID PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    settings TEXT NOT NULL
);
CREATE TABLE api_tokens (
    id UUID PRIMARY KEY,
    person_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_us BIGINT NOT NULL
);
CREATE TABLE invites (
    code_hash TEXT PRIMARY KEY,
    owner_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_us BIGINT NOT NULL,
    expires_us BIGINT NOT NULL
);
CREATE TABLE partnerships (
    id UUID PRIMARY KEY,
    inviter_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    invitee_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_us BIGINT NOT NULL,
    UNIQUE (inviter_id, invitee_id)
);
CREATE INDEX partnerships_invitee ON partnerships (invitee_id);
-- What `sharer_id` lets the other side of the partnership see.
CREATE TABLE sharing (
    partnership_id UUID NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    sharer_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    snapshot BOOLEAN NOT NULL,
    plan BOOLEAN NOT NULL,
    screeners BOOLEAN NOT NULL,
    insights BOOLEAN NOT NULL,
    journal BOOLEAN NOT NULL,
    relapse BOOLEAN NOT NULL,
    checkin_by TEXT,
    PRIMARY KEY (partnership_id, sharer_id)
);
CREATE TABLE partner_notes (
    id UUID PRIMARY KEY,
    partnership_id UUID NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    from_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    to_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    at_us BIGINT NOT NULL
);
CREATE INDEX partner_notes_to_at ON partner_notes (to_id, at_us);
CREATE TABLE audit_log (
    id UUID PRIMARY KEY,
    owner_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    reader_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    at_us BIGINT NOT NULL
);
CREATE INDEX audit_log_owner_at ON audit_log (owner_id, at_us);
CREATE TABLE nudges (
    id UUID PRIMARY KEY,
    person_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    about_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    at_us BIGINT NOT NULL,
    emailed BOOLEAN NOT NULL,
    UNIQUE (person_id, about_id, kind, day)
);
