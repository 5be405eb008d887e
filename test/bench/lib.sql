-- test/bench/lib.sql: timing shared by the benchmarks (\i it from psql). A benchmark fills
-- bench_query (id, label, q) and calls bench_run(mode, runs): each query runs as EXPLAIN
-- (ANALYZE, TIMING OFF, FORMAT JSON) and its server-side "Execution Time" is recorded (no client
-- round trip, no planning time); one untimed warm-up round, then `runs` rounds with the queries
-- interleaved so that drift hits all alike. bench_run(mode, runs, ids) runs only the queries
-- with those ids (e.g. again under other settings, as another mode). The view bench_median has
-- the median per mode and query, and for a plan with a HashAggregate the memory of its hash
-- table (the topmost one's "Peak Memory Usage", largest of the runs) and its batches (1: no
-- spill to disk).
CREATE TABLE bench_query (id int, label text, q text);
CREATE TABLE bench_timing (mode text, id int, run int, ms float8, workers int, peak_kb int, batches int);

CREATE FUNCTION bench_run(mode text, runs int, only_ids int[] DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    qs text[] := (SELECT array_agg(q ORDER BY id) FROM bench_query
                  WHERE only_ids IS NULL OR id = ANY (only_ids));
    ids int[] := (SELECT array_agg(id ORDER BY id) FROM bench_query
                  WHERE only_ids IS NULL OR id = ANY (only_ids));
    plan jsonb;
BEGIN
    FOR run IN 0..runs LOOP
        FOR i IN 1..array_length(qs, 1) LOOP
            EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || qs[i] INTO plan;
            CONTINUE WHEN run = 0;
            INSERT INTO bench_timing VALUES (mode, ids[i], run, (plan->0->>'Execution Time')::float8,
                coalesce(jsonb_path_query_first(plan, '$.**."Workers Launched"')::int, 0),
                jsonb_path_query_first(plan, '$.**."Peak Memory Usage"')::int,
                jsonb_path_query_first(plan, '$.**."HashAgg Batches"')::int);
        END LOOP;
    END LOOP;
END $$;

CREATE VIEW bench_median AS
SELECT mode, id, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms, min(workers) AS workers,
       max(peak_kb) AS peak_kb, max(batches) AS batches
FROM bench_timing GROUP BY mode, id;
