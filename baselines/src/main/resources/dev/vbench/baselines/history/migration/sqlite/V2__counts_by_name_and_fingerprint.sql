-- V2 (SQLite): every count by name, not just the three V1 had columns for (any extra perf event is a
-- count of its own); the calibrated time; the whole wall-time range; whether the run was
-- deterministic (a series with a nondeterministic point is noisy, not exact); and the platform
-- fingerprint in columns of its own, so a change point can say that the platform changed with it.
-- Rows recorded under V1 are carried over: their counts from the V1 columns and, for the counts V1
-- did not keep apart, from the stored result JSON, as are the new run and fingerprint columns.

CREATE TABLE vbench_counts (
    result_id INTEGER NOT NULL,
    benchmark TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    value     INTEGER NOT NULL,
    PRIMARY KEY (result_id, benchmark, name),
    FOREIGN KEY (result_id, benchmark) REFERENCES vbench_runs (result_id, benchmark) ON DELETE CASCADE
);

CREATE INDEX vbench_counts_by_series ON vbench_counts (benchmark, name, result_id);

INSERT INTO vbench_counts (result_id, benchmark, name, value)
    SELECT result_id, benchmark, 'instructions', instructions FROM vbench_runs WHERE instructions IS NOT NULL;
INSERT INTO vbench_counts (result_id, benchmark, name, value)
    SELECT result_id, benchmark, 'branches_conditional', branches_conditional FROM vbench_runs
     WHERE branches_conditional IS NOT NULL;
INSERT INTO vbench_counts (result_id, benchmark, name, value)
    SELECT result_id, benchmark, 'syscalls', syscalls FROM vbench_runs WHERE syscalls IS NOT NULL;

INSERT OR IGNORE INTO vbench_counts (result_id, benchmark, name, value)
    SELECT r.id, json_extract(b.value, '$.name'), c.key, c.value
      FROM vbench_results r, json_each(r.result_json, '$.benchmarks') b, json_each(b.value, '$.counters') c
     WHERE c.type = 'integer'
       AND EXISTS (SELECT 1 FROM vbench_runs v
                    WHERE v.result_id = r.id AND v.benchmark = json_extract(b.value, '$.name'));

ALTER TABLE vbench_runs DROP COLUMN instructions;
ALTER TABLE vbench_runs DROP COLUMN branches_conditional;
ALTER TABLE vbench_runs DROP COLUMN syscalls;

ALTER TABLE vbench_runs ADD COLUMN calibrated_time_ns INTEGER;
ALTER TABLE vbench_runs ADD COLUMN wall_time_min_ns INTEGER;
ALTER TABLE vbench_runs ADD COLUMN wall_time_max_ns INTEGER;
ALTER TABLE vbench_runs ADD COLUMN deterministic INTEGER NOT NULL DEFAULT 1;

UPDATE vbench_runs
   SET calibrated_time_ns = json_extract(b.value, '$.calibrated_time_ns'),
       wall_time_min_ns   = json_extract(b.value, '$.wall_time_ns.min'),
       wall_time_max_ns   = json_extract(b.value, '$.wall_time_ns.max'),
       deterministic      = coalesce(json_extract(b.value, '$.deterministic'), 0)
  FROM vbench_results r, json_each(r.result_json, '$.benchmarks') b
 WHERE r.id = vbench_runs.result_id
   AND json_extract(b.value, '$.name') = vbench_runs.benchmark;

ALTER TABLE vbench_results ADD COLUMN fp_counter TEXT;
ALTER TABLE vbench_results ADD COLUMN fp_counter_version TEXT;
ALTER TABLE vbench_results ADD COLUMN fp_cpu TEXT;
ALTER TABLE vbench_results ADD COLUMN fp_libc TEXT;
ALTER TABLE vbench_results ADD COLUMN fp_kernel TEXT;
ALTER TABLE vbench_results ADD COLUMN fp_model TEXT;

UPDATE vbench_results
   SET fp_counter         = json_extract(environment, '$.fingerprint.counter'),
       fp_counter_version = json_extract(environment, '$.fingerprint.counter_version'),
       fp_cpu             = json_extract(environment, '$.fingerprint.cpu'),
       fp_libc            = json_extract(environment, '$.fingerprint.libc'),
       fp_kernel          = json_extract(environment, '$.fingerprint.kernel'),
       fp_model           = json_extract(environment, '$.fingerprint.model');
