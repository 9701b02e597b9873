-- 0001: people, check-ins, journal. Released: never edit, only add.
CREATE TABLE people (
    id BLOB PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('local', 'account')),
    created_us INTEGER NOT NULL
);
-- Local mode has exactly one person.
CREATE UNIQUE INDEX people_one_local ON people (kind) WHERE kind = 'local';

CREATE TABLE checkins (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    at_us INTEGER NOT NULL,
    offset_s INTEGER NOT NULL,
    mood INTEGER CHECK (mood BETWEEN 0 AND 10),
    numbness INTEGER CHECK (numbness BETWEEN 0 AND 10),
    energy INTEGER CHECK (energy BETWEEN 0 AND 10),
    pleasure INTEGER CHECK (pleasure BETWEEN 0 AND 10),
    connection INTEGER CHECK (connection BETWEEN 0 AND 10),
    note TEXT,
    plan TEXT,
    created_us INTEGER NOT NULL
);
CREATE INDEX checkins_owner_at ON checkins (owner_id, at_us);

-- Sensations and triggers of a check-in, in the order given.
CREATE TABLE checkin_tags (
    checkin_id BLOB NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('sensation', 'trigger')),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (checkin_id, kind, position)
);
CREATE INDEX checkin_tags_owner ON checkin_tags (owner_id, kind, text);

CREATE TABLE journal_entries (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    at_us INTEGER NOT NULL,
    offset_s INTEGER NOT NULL,
    text TEXT NOT NULL,
    for_therapy INTEGER NOT NULL DEFAULT 0 CHECK (for_therapy IN (0, 1)),
    created_us INTEGER NOT NULL
);
CREATE INDEX journal_owner_at ON journal_entries (owner_id, at_us);

CREATE TABLE journal_tags (
    entry_id BLOB NOT NULL REFERENCES journal_entries (id) ON DELETE CASCADE,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
);
CREATE INDEX journal_tags_owner ON journal_tags (owner_id, tag);

-- Full-text search over entries (words and word starts, accents folded).
CREATE VIRTUAL TABLE journal_fts USING fts5 (
    text,
    content = 'journal_entries',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER journal_fts_insert AFTER INSERT ON journal_entries BEGIN
    INSERT INTO journal_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER journal_fts_delete AFTER DELETE ON journal_entries BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER journal_fts_update AFTER UPDATE OF text ON journal_entries BEGIN
    INSERT INTO journal_fts (journal_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO journal_fts (rowid, text) VALUES (new.rowid, new.text);
END;
