-- The Rashomon store, schema version 3. Every stage's output is kept; one document is written
-- in one transaction, so a document is either whole or absent.
-- Offsets are Python string indices into document.text; dates are ISO strings; lists are JSON.
-- Portable SQL: the same file creates the store in SQLite (3.24+) and PostgreSQL. Hence
-- DOUBLE PRECISION (REAL affinity in SQLite; PostgreSQL's REAL would be single precision),
-- ON CONFLICT DO NOTHING rather than INSERT OR IGNORE, and "end" always quoted.

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO meta VALUES ('schema_version', '3') ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS document (
    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, file TEXT, url TEXT, title TEXT,
    publisher TEXT, author TEXT, published TEXT, perspective TEXT, text TEXT NOT NULL,
    words INTEGER NOT NULL DEFAULT 0,
    -- "metadata" or "text" (the page's dateline at published_start:published_end)
    published_from TEXT, published_start INTEGER, published_end INTEGER,
    pages TEXT NOT NULL DEFAULT '[]'  -- JSON list of the offsets where a paged document's pages start
);

-- documents in the order lists show them (by file)
CREATE INDEX IF NOT EXISTS document_file ON document(file, id);

CREATE TABLE IF NOT EXISTS segment (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, kind TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, author TEXT, date TEXT, handle TEXT,
    PRIMARY KEY (doc, n)
);

-- entity candidates as each document names them; `resolve` groups their keys into entities
CREATE TABLE IF NOT EXISTS name (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL,
    name TEXT NOT NULL, aliases TEXT NOT NULL, kb_id TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    place_kind TEXT, unresolved TEXT, radius_km DOUBLE PRECISION, PRIMARY KEY (doc, n)
);

CREATE TABLE IF NOT EXISTS mention (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, key TEXT NOT NULL,
    PRIMARY KEY (doc, n)
);
-- a name's mentions by key and document (the pages of an entity join them to entity_key)
DROP INDEX IF EXISTS mention_key;
CREATE INDEX IF NOT EXISTS mention_key_doc ON mention(key, doc);

-- corpus-wide: written by `resolve` after documents are added
CREATE TABLE IF NOT EXISTS entity (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, kb_id TEXT,
    lat DOUBLE PRECISION, lon DOUBLE PRECISION, place_kind TEXT, unresolved TEXT,
    radius_km DOUBLE PRECISION  -- a place estimated from its text: how far off it may be
);
-- which entity each document's name key stands for (one key may name different things in
-- different documents: Isfarabad in Ostria and in Varnia)
CREATE TABLE IF NOT EXISTS entity_key (doc TEXT NOT NULL, key TEXT NOT NULL, entity TEXT NOT NULL,
    PRIMARY KEY (doc, key));
-- the documents that name an entity, for its page (added after version 1 was first written: a
-- store opened read-only may lack it, and is only slower)
CREATE INDEX IF NOT EXISTS entity_key_entity ON entity_key(entity, doc);

CREATE TABLE IF NOT EXISTS timex (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, value TEXT, mod TEXT,
    anchor TEXT, earliest TEXT, latest TEXT, context TEXT, PRIMARY KEY (doc, n)
);

CREATE TABLE IF NOT EXISTS quantity (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, value DOUBLE PRECISION, low DOUBLE PRECISION,
    high DOUBLE PRECISION, unit TEXT,
    approx INTEGER NOT NULL, counted TEXT, PRIMARY KEY (doc, n)
);

CREATE TABLE IF NOT EXISTS citation (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, authors TEXT NOT NULL, title TEXT, container TEXT,
    place TEXT, publisher TEXT, year INTEGER, date TEXT, volume TEXT, pages TEXT,
    in_text INTEGER NOT NULL, PRIMARY KEY (doc, n)
);

CREATE TABLE IF NOT EXISTS quote (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, speaker_key TEXT, speaker_text TEXT,
    direct INTEGER NOT NULL, unnamed_source INTEGER NOT NULL, PRIMARY KEY (doc, n)
);

CREATE TABLE IF NOT EXISTS label (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, entity_key TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (doc, n)
);

CREATE TABLE IF NOT EXISTS framing (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, technique TEXT NOT NULL, PRIMARY KEY (doc, n)
);

CREATE TABLE IF NOT EXISTS event (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, actor_key TEXT, target_key TEXT,
    place_keys TEXT NOT NULL, name_key TEXT, time INTEGER, date TEXT, duration INTEGER, quantities TEXT NOT NULL,
    source_kind TEXT NOT NULL, source_index INTEGER, negated INTEGER NOT NULL, hedged INTEGER NOT NULL,
    onset INTEGER NOT NULL, "trigger" INTEGER,
    PRIMARY KEY (doc, n)
);

-- one checkable statement of one voice, with its frame (see records.Claim)
CREATE TABLE IF NOT EXISTS claim (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, attribute TEXT NOT NULL, value TEXT NOT NULL,
    low DOUBLE PRECISION, high DOUBLE PRECISION, subject_key TEXT, actor_key TEXT, action TEXT,
    target_key TEXT, place_key TEXT, counted TEXT, counted_text TEXT, fate TEXT, side_key TEXT, unit TEXT,
    period TEXT,
    voice_kind TEXT NOT NULL, voice_index INTEGER, voice_key TEXT, voice_text TEXT, event INTEGER,
    quantity INTEGER, timex INTEGER, PRIMARY KEY (doc, n)
);

-- a document's fingerprint, band by band (extract/copies.py): republished copies share most bands
CREATE TABLE IF NOT EXISTS band (
    doc TEXT NOT NULL REFERENCES document(id), n INTEGER NOT NULL, band INTEGER NOT NULL, hash BIGINT NOT NULL,
    PRIMARY KEY (doc, n)
);
CREATE INDEX IF NOT EXISTS band_hash ON band(band, hash);

-- the story each document tells: the earliest stored document it is a near-identical copy of
-- (sharing most fingerprint bands), else itself; written with the document
CREATE TABLE IF NOT EXISTS story (doc TEXT PRIMARY KEY REFERENCES document(id), story TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS story_story ON story(story);

-- corpus-wide: written by `compare`. A finding's claims are a JSON list of its first 500 claims;
-- one that lists more (a frame many documents repeat may list tens of thousands) has the rest in
-- finding_part, JSON lists of up to 500 claims each in the order of n (from 1), so that no row
-- holds them all. Its claims are `claims` followed by its parts' (Store.findings reads them so).
CREATE TABLE IF NOT EXISTS finding (
    id TEXT PRIMARY KEY, n INTEGER NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL,
    attribute TEXT NOT NULL, entity TEXT, claims TEXT NOT NULL, explanation TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS finding_part (finding TEXT NOT NULL, n INTEGER NOT NULL, claims TEXT NOT NULL,
    PRIMARY KEY (finding, n));

-- inputs that could not be used, with the reason code, kept so a report can list them
CREATE TABLE IF NOT EXISTS skip (path TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL,
    PRIMARY KEY (path, code));
