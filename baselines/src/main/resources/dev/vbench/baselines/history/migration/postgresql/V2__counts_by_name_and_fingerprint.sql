-- V2 (PostgreSQL): every count by name, not just the three V1 had columns for (any extra perf event
-- is a count of its own); the calibrated time; the whole wall-time range; whether the run was
-- deterministic (a series with a nondeterministic point is noisy, not exact); and the platform
-- fingerprint in columns of its own, so a change point can say that the platform changed with it.
-- Rows recorded under V1 are carried over: their counts from the V1 columns and, for the counts V1
-- did not keep apart, from the stored result JSON, as are the new run and fingerprint columns.

CREATE TABLE vbench_counts (
    result_id BIGINT NOT NULL,
    benchmark TEXT   NOT NULL,
    name      TEXT   NOT NULL,
    value     BIGINT NOT NULL,
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

INSERT INTO vbench_counts (result_id, benchmark, name, value)
    SELECT r.id, b.value ->> 'name', c.key, (c.value #>> '{}')::bigint
      FROM vbench_results r
     CROSS JOIN LATERAL json_array_elements(r.result_json::json -> 'benchmarks') AS b(value)
     CROSS JOIN LATERAL json_each(b.value -> 'counters') AS c(key, value)
     WHERE json_typeof(c.value) = 'number'
       AND EXISTS (SELECT 1 FROM vbench_runs v WHERE v.result_id = r.id AND v.benchmark = b.value ->> 'name')
    ON CONFLICT DO NOTHING;

ALTER TABLE vbench_runs DROP COLUMN instructions;
ALTER TABLE vbench_runs DROP COLUMN branches_conditional;
ALTER TABLE vbench_runs DROP COLUMN syscalls;

ALTER TABLE vbench_runs ADD COLUMN calibrated_time_ns BIGINT;
ALTER TABLE vbench_runs ADD COLUMN wall_time_min_ns BIGINT;
ALTER TABLE vbench_runs ADD COLUMN wall_time_max_ns BIGINT;
ALTER TABLE vbench_runs ADD COLUMN deterministic BOOLEAN NOT NULL DEFAULT TRUE;

UPDATE vbench_runs AS v
   SET calibrated_time_ns = (b.value ->> 'calibrated_time_ns')::bigint,
       wall_time_min_ns   = (b.value #>> '{wall_time_ns,min}')::bigint,
       wall_time_max_ns   = (b.value #>> '{wall_time_ns,max}')::bigint,
       deterministic      = coalesce((b.value ->> 'deterministic')::boolean, FALSE)
  FROM vbench_results r
 CROSS JOIN LATERAL json_array_elements(r.result_json::json -> 'benchmarks') AS b(value)
 WHERE r.id = v.result_id
   AND b.value ->> 'name' = v.benchmark;

ALTER TABLE vbench_results ADD COLUMN fp_counter TEXT;
ALTER TABLE vbench_results ADD COLUMN fp_counter_version TEXT;
ALTER TABLE vbench_results ADD COLUMN fp_cpu TEXT;
ALTER TABLE vbench_results ADD COLUMN fp_libc TEXT;
ALTER TABLE vbench_results ADD COLUMN fp_kernel TEXT;
ALTER TABLE vbench_results ADD COLUMN fp_model TEXT;

UPDATE vbench_results
   SET fp_counter         = environment::json #>> '{fingerprint,counter}',
       fp_counter_version = environment::json #>> '{fingerprint,counter_version}',
       fp_cpu             = environment::json #>> '{fingerprint,cpu}',
       fp_libc            = environment::json #>> '{fingerprint,libc}',
       fp_kernel          = environment::json #>> '{fingerprint,kernel}',
       fp_model           = environment::json #>> '{fingerprint,model}';
