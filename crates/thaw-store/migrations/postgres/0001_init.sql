-- 0001: people, check-ins, journal. Released: never edit, only add.
CREATE TABLE people (
    id UUID PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('local', 'account')),
    created_us BIGINT NOT NULL
);
-- Local mode has exactly one person.
CREATE UNIQUE INDEX people_one_local ON people (kind) WHERE kind = 'local';

CREATE TABLE checkins (
    id UUID PRIMARY KEY,
    owner_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    at_us BIGINT NOT NULL,
    offset_s INTEGER NOT NULL,
    mood SMALLINT CHECK (mood BETWEEN 0 AND 10),
    numbness SMALLINT CHECK (numbness BETWEEN 0 AND 10),
    energy SMALLINT CHECK (energy BETWEEN 0 AND 10),
    pleasure SMALLINT CHECK (pleasure BETWEEN 0 AND 10),
    connection SMALLINT CHECK (connection BETWEEN 0 AND 10),
    note TEXT,
    plan TEXT,
    created_us BIGINT NOT NULL
);
CREATE INDEX checkins_owner_at ON checkins (owner_id, at_us);

-- Sensations and triggers of a check-in, in the order given.
CREATE TABLE checkin_tags (
    checkin_id UUID NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    owner_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('sensation', 'trigger')),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (checkin_id, kind, position)
);
CREATE INDEX checkin_tags_owner ON checkin_tags (owner_id, kind, text);

CREATE TABLE journal_entries (
    id UUID PRIMARY KEY,
    owner_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    at_us BIGINT NOT NULL,
    offset_s INTEGER NOT NULL,
    text TEXT NOT NULL,
    for_therapy BOOLEAN NOT NULL DEFAULT FALSE,
    created_us BIGINT NOT NULL,
    -- Full-text search over entries: words and word starts, the same
    -- splitting as the SQLite store ('simple': no stemming, no stop words).
    search TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED
);
CREATE INDEX journal_owner_at ON journal_entries (owner_id, at_us);
CREATE INDEX journal_search ON journal_entries USING GIN (search);

CREATE TABLE journal_tags (
    entry_id UUID NOT NULL REFERENCES journal_entries (id) ON DELETE CASCADE,
    owner_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
);
CREATE INDEX journal_tags_owner ON journal_tags (owner_id, tag);
