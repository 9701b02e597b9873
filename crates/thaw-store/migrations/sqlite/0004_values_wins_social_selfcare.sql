-- 0004: core values and value actions, wins, the social ladder, self-care
-- anchors and their logs, the secret calendar feed. Released: never edit, only add.
CREATE TABLE core_values (
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    why TEXT,
    position INTEGER NOT NULL,
    created_us INTEGER NOT NULL,
    PRIMARY KEY (owner_id, name)
);
CREATE TABLE value_actions (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    at_us INTEGER NOT NULL,
    offset_s INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_us INTEGER NOT NULL
);
CREATE INDEX value_actions_owner_at ON value_actions (owner_id, at_us);
CREATE TABLE wins (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    at_us INTEGER NOT NULL,
    offset_s INTEGER NOT NULL,
    text TEXT NOT NULL,
    created_us INTEGER NOT NULL
);
CREATE INDEX wins_owner_at ON wins (owner_id, at_us);
CREATE TABLE social_steps (
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 0 AND 100),
    created_us INTEGER NOT NULL,
    PRIMARY KEY (owner_id, name)
);
CREATE TABLE social_attempts (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    at_us INTEGER NOT NULL,
    offset_s INTEGER NOT NULL,
    comfort INTEGER NOT NULL CHECK (comfort BETWEEN 0 AND 100),
    created_us INTEGER NOT NULL,
    FOREIGN KEY (owner_id, step) REFERENCES social_steps (owner_id, name) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX social_attempts_owner_at ON social_attempts (owner_id, at_us);
CREATE TABLE selfcare (
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    every TEXT,
    time_of_day TEXT,
    created_us INTEGER NOT NULL,
    PRIMARY KEY (owner_id, name)
);
CREATE TABLE selfcare_logs (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    at_us INTEGER NOT NULL,
    offset_s INTEGER NOT NULL,
    created_us INTEGER NOT NULL
);
CREATE INDEX selfcare_logs_owner_at ON selfcare_logs (owner_id, at_us);
CREATE TABLE calendar_feeds (
    owner_id BLOB PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_us INTEGER NOT NULL
);
