-- V1, the first history schema (SQLite). One row per recorded result: where it was measured (commit,
-- branch), when it was recorded, its environment and the whole result JSON; one row per (result,
-- benchmark) with the numbers a series is drawn from, in fixed columns.
-- Recording is idempotent per (commit, branch, digest): the same result bytes recorded twice at the
-- same commit on the same branch are one row.

CREATE TABLE vbench_results (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    commit_sha  TEXT    NOT NULL,
    branch      TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL, -- milliseconds since 1970-01-01T00:00:00Z
    digest      TEXT    NOT NULL, -- SHA-256 (hex) of result_json
    environment TEXT    NOT NULL, -- the result's "environment" object, JSON
    result_json TEXT    NOT NULL, -- the whole result, JSON (vbench.result/1)
    UNIQUE (commit_sha, branch, digest)
);

CREATE INDEX vbench_results_by_branch_time ON vbench_results (branch, recorded_at, id);

CREATE TABLE vbench_runs (
    result_id            INTEGER NOT NULL REFERENCES vbench_results (id) ON DELETE CASCADE,
    benchmark            TEXT    NOT NULL,
    virtual_time_ns      INTEGER NOT NULL,
    instructions         INTEGER,
    branches_conditional INTEGER,
    syscalls             INTEGER,
    wall_time_median_ns  INTEGER,
    PRIMARY KEY (result_id, benchmark)
);

CREATE INDEX vbench_runs_by_benchmark ON vbench_runs (benchmark, result_id);
