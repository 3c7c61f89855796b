-- Journal Craft Crew, schema 3: durable crew runs, LLM endpoint profiles, saved themes.
-- Shipped migrations are never edited: add a new V###.

-- One run of a crew. The definition text is kept so a resumed run follows the crew it
-- started with, even if the writer's copy changed since.
CREATE TABLE crew_runs (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT    NOT NULL UNIQUE,
    crew         TEXT    NOT NULL,
    definition   TEXT    NOT NULL,
    inputs       TEXT    NOT NULL CHECK (json_valid(inputs)),
    profile      TEXT,
    journal_id   INTEGER REFERENCES journals (id) ON DELETE SET NULL,
    status       TEXT    NOT NULL CHECK (status IN ('running', 'paused', 'cancelled', 'failed', 'finished')),
    -- The question a paused run waits on: {question, options?, into?}.
    pending      TEXT    CHECK (pending IS NULL OR json_valid(pending)),
    error        TEXT,
    tokens_in    INTEGER NOT NULL DEFAULT 0,
    tokens_out   INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    finished_at  INTEGER
);
CREATE INDEX crew_runs_by_created ON crew_runs (created_at);

-- One step of a run, written as the step ends (finished, skipped or failed). A step
-- re-run with a writer's note supersedes the earlier row instead of deleting it.
CREATE TABLE crew_steps (
    id             INTEGER PRIMARY KEY,
    run_id         INTEGER NOT NULL REFERENCES crew_runs (id) ON DELETE CASCADE,
    step_key       TEXT    NOT NULL,
    task           TEXT    NOT NULL,
    item           INTEGER,
    status         TEXT    NOT NULL CHECK (status IN ('finished', 'skipped', 'failed')),
    input          TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(input)),
    prompt         TEXT    NOT NULL DEFAULT '',
    raw_reply      TEXT    NOT NULL DEFAULT '',
    output         TEXT    CHECK (output IS NULL OR json_valid(output)),
    attempts       INTEGER NOT NULL DEFAULT 0,
    attempt_log    TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(attempt_log)),
    valid_first    INTEGER NOT NULL DEFAULT 0 CHECK (valid_first IN (0, 1)),
    warnings       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
    note           TEXT    NOT NULL DEFAULT '',
    error          TEXT,
    profile        TEXT,
    tokens_in      INTEGER NOT NULL DEFAULT 0,
    tokens_out     INTEGER NOT NULL DEFAULT 0,
    started_at     INTEGER NOT NULL,
    finished_at    INTEGER NOT NULL,
    superseded_at  INTEGER
);
CREATE UNIQUE INDEX crew_steps_current ON crew_steps (run_id, step_key)
    WHERE superseded_at IS NULL AND status != 'failed';
CREATE INDEX crew_steps_by_run ON crew_steps (run_id, id);

-- The text the crew last wrote into an entry, so a re-run can tell whether the writer
-- changed it since (and then leaves it alone unless told otherwise).
CREATE TABLE crew_writes (
    entry_id    INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    run_id      INTEGER NOT NULL REFERENCES crew_runs (id) ON DELETE CASCADE,
    step_key    TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    prompt      TEXT    NOT NULL,
    written_at  INTEGER NOT NULL
);

-- OpenAI-compatible endpoints. Never a secret here: API keys live in the OS keyring.
CREATE TABLE llm_profiles (
    name        TEXT    PRIMARY KEY COLLATE NOCASE,
    config      TEXT    NOT NULL CHECK (json_valid(config)),
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Themes for new crew runs: the starter presets and the writer's own.
CREATE TABLE crew_themes (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    theme        TEXT    NOT NULL,
    title_style  TEXT    NOT NULL DEFAULT 'inspirational',
    voice        TEXT    NOT NULL DEFAULT '',
    depth        TEXT    NOT NULL DEFAULT 'medium' CHECK (depth IN ('light', 'medium', 'deep')),
    builtin      INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    created_at   INTEGER NOT NULL
);

INSERT INTO crew_themes (name, theme, title_style, depth, builtin, created_at) VALUES
('Mindfulness', 'Mindfulness and being present', 'inspirational', 'medium', 1, 0),
('Productivity', 'Productivity and focused work', 'actionable', 'medium', 1, 0),
('Gratitude', 'Gratitude in everyday life', 'encouraging', 'medium', 1, 0),
('Creativity', 'Creativity and creative habits', 'thought-provoking', 'medium', 1, 0),
('Fitness', 'Fitness and a healthy body', 'motivational', 'medium', 1, 0),
('Learning', 'Learning and personal growth', 'insightful', 'medium', 1, 0);
