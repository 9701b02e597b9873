-- 0003: activities, their logs, grounding sessions. Released: never edit, only add.
CREATE TABLE activities (
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    small TEXT,
    minimal TEXT,
    expect TEXT,
    every TEXT,
    time_of_day TEXT,
    created_us INTEGER NOT NULL,
    PRIMARY KEY (owner_id, name)
);
CREATE TABLE activity_values (
    owner_id BLOB NOT NULL,
    activity TEXT NOT NULL,
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (owner_id, activity, position),
    FOREIGN KEY (owner_id, activity) REFERENCES activities (owner_id, name) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE activity_logs (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    activity TEXT NOT NULL,
    at_us INTEGER NOT NULL,
    offset_s INTEGER NOT NULL,
    tier TEXT NOT NULL CHECK (tier IN ('full', 'small', 'minimal')),
    status TEXT NOT NULL CHECK (status IN ('done', 'partial', 'skipped')),
    predicted INTEGER CHECK (predicted BETWEEN 0 AND 10),
    actual INTEGER CHECK (actual BETWEEN 0 AND 10),
    note TEXT,
    created_us INTEGER NOT NULL,
    FOREIGN KEY (owner_id, activity) REFERENCES activities (owner_id, name) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX activity_logs_owner_at ON activity_logs (owner_id, at_us);
CREATE TABLE grounding_sessions (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    technique TEXT NOT NULL,
    at_us INTEGER NOT NULL,
    offset_s INTEGER NOT NULL,
    duration_s INTEGER NOT NULL CHECK (duration_s >= 0),
    numbness_before INTEGER CHECK (numbness_before BETWEEN 0 AND 10),
    numbness_after INTEGER CHECK (numbness_after BETWEEN 0 AND 10),
    created_us INTEGER NOT NULL
);
CREATE INDEX grounding_owner_at ON grounding_sessions (owner_id, at_us);
