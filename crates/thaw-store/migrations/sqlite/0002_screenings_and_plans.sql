-- 0002: screener results and the personal plans. Released: never edit, only add.
CREATE TABLE screenings (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    instrument TEXT NOT NULL CHECK (instrument IN ('phq9', 'phq8', 'phq2', 'gad7', 'who5')),
    at_us INTEGER NOT NULL,
    offset_s INTEGER NOT NULL,
    -- The answers as typed: "1,2,0,…", "-" for a declined item. Totals are derived.
    answers TEXT NOT NULL,
    created_us INTEGER NOT NULL
);
CREATE INDEX screenings_owner_at ON screenings (owner_id, instrument, at_us);

-- One row per plan a person has saved, and its items by section.
CREATE TABLE plans (
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    plan TEXT NOT NULL CHECK (plan IN ('safety', 'relapse')),
    updated_us INTEGER NOT NULL,
    PRIMARY KEY (owner_id, plan)
);
CREATE TABLE plan_items (
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    plan TEXT NOT NULL,
    section TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (owner_id, plan, section, position),
    FOREIGN KEY (owner_id, plan) REFERENCES plans (owner_id, plan) ON DELETE CASCADE
);
