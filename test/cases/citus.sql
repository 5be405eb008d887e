-- test/cases/citus.sql: run by citus.sh on the coordinator of its Citus cluster. Schema l holds the
-- sample data in plain tables, schema d the same rows distributed by customer_id; every cxm
-- aggregate (from the catalog) is called through a template on both and the answers compared.
\set ON_ERROR_STOP on
SET TimeZone = 'UTC';
SET citus.shard_count = 32;
CREATE SCHEMA l;
CREATE SCHEMA d;
CREATE SCHEMA t;

-- 60 customers in 4 regions (a region is a customer's, so per-customer summaries roll up by it)
CREATE TABLE l.touches AS
SELECT c::int8 AS customer_id, 'r' || (c % 4) AS region,
       (ARRAY['web', 'email', 'search', 'store', 'ads'])[1 + (c * 7 + i * 3) % 5] AS channel,
       (ARRAY['view', 'click', 'purchase'])[1 + (c + i) % 3] AS action,
       timestamptz '2025-01-01' + ((c * 37 + i * 11) % 400) * interval '3 hours 7 minutes' AS at
FROM generate_series(1, 60) c, generate_series(1, 4 + c % 13) i;
CREATE TABLE l.answers AS
SELECT c::int8 AS customer_id, 'r' || (c % 4) AS region, (c * 3 + i * 7) % 11 AS score,
       0.3 + 0.1 * ((c + i) % 7) AS weight,
       ARRAY[1 + (c * 5 + i * 3) % 10, 1 + (c + i * i) % 9, 1 + (c * c + i) % 8]::float8[] AS ratings
FROM generate_series(1, 60) c, generate_series(1, c % 7) i;
CREATE TABLE l.orders AS
SELECT c::int8 AS customer_id, 'r' || (c % 4) AS region,
       timestamptz '2024-06-01' + ((c * 13 + i * 29) % 300) * interval '1 day 5 hours' AS ordered_at,
       round((5 + (c * 17 + i * 31) % 200 + ((c + i) % 100) / 100.0)::numeric, 2) AS amount
FROM generate_series(1, 60) c, generate_series(1, 1 + c % 8) i;
CREATE TABLE l.customers AS
WITH j AS (SELECT customer_id, region, journey_agg(touchpoint(channel, action, at)) AS j,
                  bool_or(channel = 'store' AND action = 'purchase') AS converted,
                  activity_periods(at, '2025-01-01', '1 week', '2025-03-01') AS activity
           FROM l.touches GROUP BY customer_id, region),
     r AS (SELECT customer_id, (rfm_summary(ordered_at, amount, '2025-03-01', '1 day', '1 week')).*,
                  rfm_state(ordered_at, amount, '2025-03-01', '1 day', '1 week') AS rfm
           FROM l.orders GROUP BY customer_id),
     s AS (SELECT customer_id, nps_summary(score) AS nps, csat_summary(1 + score % 5, 5) AS csat,
                  ces_summary(1 + score % 7, 7, weight) AS ces,
                  term_summary((ARRAY['late delivery', 'great support', 'slow refund waits'])[1 + score % 3],
                               nps_class(score), 'english') AS terms,
                  driver_summary(score, ratings) AS drivers
           FROM l.answers GROUP BY customer_id)
SELECT j.customer_id, j.region, j.j, j.converted, j.activity, r.frequency, r.recency, r.age,
       coalesce(r.monetary, 0) AS monetary, r.rfm, s.nps, s.csat, s.ces, s.terms, s.drivers,
       activity_summary(j.activity) OVER (PARTITION BY j.customer_id) AS activity_summary,
       transition_counts(j.j) OVER (PARTITION BY j.customer_id) AS transitions,
       markov_attribution(j.j, j.converted) OVER (PARTITION BY j.customer_id) AS markov,
       shapley_attribution(j.j, j.converted) OVER (PARTITION BY j.customer_id) AS shapley,
       rfm_patterns(r.frequency, r.recency, r.age) OVER (PARTITION BY j.customer_id) AS patterns,
       spend_patterns(r.frequency, coalesce(r.monetary, 0)) OVER (PARTITION BY j.customer_id) AS spend
FROM j JOIN r USING (customer_id) LEFT JOIN s USING (customer_id);

-- the model fits need real purchase histories: the CDNOW sample's 2357 customers
CREATE TABLE l.cdnow (customer_id int8, frequency float8, recency float8, age float8, monetary float8);
\copy l.cdnow FROM 'test/data/cdnow/cdnow_customers_summary_with_transactions.csv' CSV HEADER
CREATE TABLE l.fits AS SELECT customer_id, 'r' || (customer_id % 4) AS region, frequency, recency, age, monetary FROM l.cdnow;
DROP TABLE l.cdnow;
-- subscriptions: 400 customers whose monthly churn probability is spread over (0, 1) (an sBG
-- with alpha = beta = 1), observed for 12 months: tenure, churned, their months as an
-- activity_set, a small cohort's survivor counts (retention rising with tenure), and their sbg_data
CREATE TABLE l.subscriptions AS
WITH c AS (SELECT c::int8 AS customer_id, ((c * 37) % 100 + 0.5) / 100 AS theta,
                  ((c * 61) % 97 + 0.5) / 97 AS u
           FROM generate_series(1, 400) c),
     t AS (SELECT customer_id, least(ceil(ln(1 - u) / ln(1 - theta)), 13)::int4 AS lifetime FROM c)
SELECT customer_id, 'r' || (customer_id % 4) AS region, least(lifetime, 12) AS periods,
       lifetime <= 12 AS churned,
       (SELECT activity_periods(timestamptz '2025-01-10' + m * interval '1 month', '2025-01-01',
                                '1 month', '2026-01-01', 'UTC')
        FROM generate_series(0, least(lifetime, 12) - 1) m) AS activity,
       ARRAY[20, 12 + customer_id % 3, 9 + customer_id % 2, 8, 7 + customer_id % 2]::int8[] AS survivors,
       sbg_data(least(lifetime, 12), lifetime <= 12) OVER (PARTITION BY customer_id) AS data
FROM t;
-- BG/BB needs discrete opportunities: the donations data of Fader, Hardie & Shang (2010), one
-- row per donor (11,104), with a count of donors per row for the weighted overload
CREATE TABLE l.donations (frequency float8, recency float8, periods float8, weights int8);
\copy l.donations FROM 'test/data/cdnow/donations.csv' CSV HEADER
CREATE TABLE l.donors AS
SELECT row_number() OVER (ORDER BY frequency, recency, i) AS customer_id,
       'r' || (row_number() OVER (ORDER BY frequency, recency, i) % 4) AS region,
       frequency, recency, periods AS n_opportunities,
       1 + row_number() OVER (ORDER BY frequency, recency, i) % 3 AS donors
FROM l.donations, generate_series(1, weights) i;
DROP TABLE l.donations;

DO $$
DECLARE tab text;
BEGIN
    FOREACH tab IN ARRAY ARRAY['touches', 'answers', 'orders', 'customers', 'fits', 'subscriptions', 'donors'] LOOP
        EXECUTE format('CREATE TABLE d.%I (LIKE l.%I)', tab, tab);
        PERFORM create_distributed_table(format('d.%I', tab), 'customer_id', shard_count := 32);
        EXECUTE format('INSERT INTO d.%I SELECT * FROM l.%I', tab, tab);
    END LOOP;
END $$;

-- Call templates: the source table and the argument expressions of each overload (each cast to
-- the parameter's type, so the call resolves to that overload), and what of the result is
-- compared (%s the call; its text by default). A new aggregate without a template fails the test.
CREATE TABLE t.template (signature text PRIMARY KEY, source text NOT NULL, args text[] NOT NULL,
                         result text NOT NULL DEFAULT '%s::text');
INSERT INTO t.template VALUES
('min(touchpoint)', 'touches', '{"touchpoint(channel, action, at)"}'),
('max(touchpoint)', 'touches', '{"touchpoint(channel, action, at)"}'),
('journey_agg(touchpoint)', 'touches', '{"touchpoint(channel, action, at)"}'),
('rollup(journey)', 'customers', '{j}'),
('journey_path(touchpoint)', 'touches', '{"touchpoint(channel, action, at)"}'),
('journey_path(touchpoint,text)', 'touches', '{"touchpoint(channel, action, at)","''channel/action''"}'),
('journey_path(touchpoint,text,boolean)', 'touches', '{"touchpoint(channel, action, at)","''channel''",true}'),
('journey_path(touchpoint,text,boolean,integer)', 'touches', '{"touchpoint(channel, action, at)","''channel''",false,-3}'),
('funnel_agg(touchpoint,text[],interval)', 'touches', '{"touchpoint(channel, action, at)","ARRAY[''search'', ''web/view'', ''store'']","''3 days''"}'),
('funnel_agg(touchpoint,text[],interval,text)', 'touches', '{"touchpoint(channel, action, at)","ARRAY[''search'', ''*/click'', ''store'']","''5 days''","''strict_deduplication''"}'),
('activity_periods(timestamp with time zone,timestamp with time zone,interval,timestamp with time zone)', 'touches', '{at,"''2025-01-01''","''1 week''","''2025-03-01''"}'),
('activity_periods(timestamp with time zone,timestamp with time zone,interval,timestamp with time zone,text)', 'touches', '{at,"''2025-01-01''","''1 month''","''2025-03-01''","''Europe/Paris''"}'),
('activity_summary(activity_set)', 'customers', '{activity}'),
('rollup(activity_summary)', 'customers', '{activity_summary}'),
('transition_counts(journey)', 'customers', '{j}'),
('transition_counts(journey,text)', 'customers', '{j,"''channel/action''"}'),
('transition_counts(journey,text,boolean)', 'customers', '{j,"''channel''",true}'),
('rollup(transition_summary)', 'customers', '{transitions}'),
('markov_attribution(journey,boolean)', 'customers', '{j,converted}'),
('markov_attribution(journey,boolean,double precision)', 'customers', '{j,converted,monetary}'),
('rollup(markov_model)', 'customers', '{markov}'),
('shapley_attribution(journey,boolean)', 'customers', '{j,converted}'),
('shapley_attribution(journey,boolean,double precision)', 'customers', '{j,converted,monetary}'),
('rollup(shapley_model)', 'customers', '{shapley}'),
('rfm_summary(timestamp with time zone,numeric,timestamp with time zone,interval)', 'orders', '{ordered_at,amount,"''2025-03-01''","''1 day''"}'),
('rfm_summary(timestamp with time zone,numeric,timestamp with time zone,interval,interval)', 'orders', '{ordered_at,amount,"''2025-03-01''","''1 day''","''1 week''"}'),
('rfm_summary(timestamp with time zone,double precision,timestamp with time zone,interval)', 'orders', '{ordered_at,amount,"''2025-03-01''","''1 day''"}'),
('rfm_summary(timestamp with time zone,double precision,timestamp with time zone,interval,interval)', 'orders', '{ordered_at,amount,"''2025-03-01''","''1 day''","''1 week''"}'),
('rfm_state(timestamp with time zone,numeric,timestamp with time zone,interval)', 'orders', '{ordered_at,amount,"''2025-03-01''","''1 day''"}'),
('rfm_state(timestamp with time zone,numeric,timestamp with time zone,interval,interval)', 'orders', '{ordered_at,amount,"''2025-03-01''","''1 day''","''1 week''"}'),
('rfm_state(timestamp with time zone,double precision,timestamp with time zone,interval)', 'orders', '{ordered_at,amount,"''2025-03-01''","''1 day''"}'),
('rfm_state(timestamp with time zone,double precision,timestamp with time zone,interval,interval)', 'orders', '{ordered_at,amount,"''2025-03-01''","''1 day''","''1 week''"}'),
('rollup(rfm_state)', 'customers', '{rfm}'),
('rfm_patterns(double precision,double precision,double precision)', 'customers', '{frequency,recency,age}'),
('rollup(rfm_patterns)', 'customers', '{patterns}'),
('bgnbd_fit(double precision,double precision,double precision)', 'fits', '{frequency,recency,age}'),
('paretonbd_fit(double precision,double precision,double precision)', 'fits', '{frequency,recency,age}'),
('mbgnbd_fit(double precision,double precision,double precision)', 'fits', '{frequency,recency,age}'),
('bgbb_fit(double precision,double precision,double precision)', 'donors', '{frequency,recency,n_opportunities}'),
('bgbb_fit(double precision,double precision,double precision,bigint)', 'donors', '{frequency,recency,n_opportunities,donors}'),
('spend_patterns(double precision,double precision)', 'customers', '{frequency,monetary}'),
('rollup(spend_patterns)', 'customers', '{spend}'),
('gammagamma_fit(double precision,double precision)', 'fits', '{frequency,monetary}'),
('sbg_data(integer,boolean)', 'subscriptions', '{periods,churned}'),
('sbg_data(bigint,boolean)', 'subscriptions', '{periods,churned}'),
('sbg_data(bigint[])', 'subscriptions', '{survivors}'),
('sbg_data(activity_set)', 'subscriptions', '{activity}'),
('rollup(sbg_data)', 'subscriptions', '{data}'),
('sbg_fit(integer,boolean)', 'subscriptions', '{periods,churned}'),
('sbg_fit(bigint,boolean)', 'subscriptions', '{periods,churned}'),
('sbg_fit(bigint[])', 'subscriptions', '{survivors}'),
('sbg_fit(activity_set)', 'subscriptions', '{activity}'),
('rollup(nps_summary)', 'customers', '{nps}'),
('rollup(csat_summary)', 'customers', '{csat}'),
('rollup(ces_summary)', 'customers', '{ces}'),
('term_summary(text,text)', 'answers', '{"(ARRAY[''late delivery'', ''great support'', ''slow refund waits''])[1 + score % 3]","nps_class(score)"}'),
('term_summary(text,text,regconfig)', 'answers', '{"(ARRAY[''Late delivery'', ''great support'', ''slow refund waits''])[1 + (score * customer_id) % 3]","nps_class(score)","''english''"}'),
('term_summary(text,text,regconfig,boolean)', 'answers', '{"(ARRAY[''late delivery again'', ''great support'', ''slow refund waits''])[1 + score % 3]","region","''simple''",true}'),
('rollup(term_summary)', 'customers', '{terms}');
-- driver_summary merges means and co-moments in floating point, so partial states merged in
-- another order agree to about 1e-15 relative, not to the last bit: compared to 6 decimals
INSERT INTO t.template VALUES
('driver_summary(double precision,double precision[])', 'answers', '{score,ratings}', '{driver}'),
('driver_summary(double precision,double precision[],text[])', 'answers', '{score,ratings,"ARRAY[''delivery'', ''price'', ''support'']"}', '{driver}'),
('rollup(driver_summary)', 'customers', '{drivers}', '{driver}');
UPDATE t.template SET result = 'driver_n(%1$s) || '' '' || (((%1$s)::text::jsonb -> ''drivers''))::text'
    || ' || translate(((%1$s)::text::jsonb -> ''means'')::text, ''[]'', ''{}'')::float8[]::numeric(40,6)[]::text'
    || ' || translate(((%1$s)::text::jsonb -> ''comoments'')::text, ''[]'', ''{}'')::float8[]::numeric(40,6)[]::text'
WHERE result = '{driver}';
-- the survey families: one overload per score type, with scale and weight where they take them
INSERT INTO t.template
SELECT format('%s(%s)', f || k, concat_ws(',', ty, CASE WHEN a >= 2 AND f <> 'nps' THEN 'integer' END,
                                          CASE WHEN a = 3 OR (f = 'nps' AND a = 2) THEN 'double precision' END)),
       'answers',
       (ARRAY[CASE f WHEN 'nps' THEN 'score' WHEN 'csat' THEN '1 + score % 5' ELSE '1 + score % 7' END]
        || CASE WHEN a >= 2 AND f <> 'nps' THEN ARRAY[CASE f WHEN 'csat' THEN '5' ELSE '7' END] ELSE '{}' END
        || CASE WHEN a = 3 OR (f = 'nps' AND a = 2) THEN ARRAY['weight'] ELSE '{}' END)
FROM unnest(ARRAY['nps', 'csat', 'ces']) f, unnest(ARRAY['_agg', '_summary']) k,
     unnest(ARRAY['smallint', 'integer', 'bigint', 'numeric', 'double precision']) ty, generate_series(1, 3) a
WHERE f <> 'nps' OR a <= 2;

-- every aggregate of the extension, from the catalog
CREATE TABLE t.aggregate AS
SELECT p.oid::regprocedure::text AS signature, p.proname::text AS name, p.proargtypes::regtype[] AS argtypes
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_depend dep ON dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid AND dep.deptype = 'e'
JOIN pg_extension e ON e.oid = dep.refobjid AND e.extname = 'cxm';

CREATE TABLE t.result (signature text, grouping text, ok boolean, detail text);

CREATE FUNCTION t.rows_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record; out text := '';
BEGIN
    FOR r IN EXECUTE query LOOP out := out || r::text || E'\n'; END LOOP;
    RETURN out;
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;

CREATE FUNCTION t.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; out text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP out := out || line || E'\n'; END LOOP;
    RETURN out;
END $$;

-- one aggregate overload per statement, so that the statement timeout names the one that hangs
CREATE PROCEDURE t.check_aggregate(sig text) LANGUAGE plpgsql AS $$
DECLARE
    a record; call text; q text; local_rows text; dist_rows text; plan text; pushed boolean;
    g record;
BEGIN
    SELECT x.*, tm.source, tm.args, tm.result INTO a FROM t.aggregate x LEFT JOIN t.template tm USING (signature)
    WHERE x.signature = sig;
    IF a.source IS NULL THEN
        INSERT INTO t.result VALUES (a.signature, '-', false, 'no call template');
        RETURN;
    END IF;
    IF cardinality(a.args) <> cardinality(a.argtypes) THEN
        INSERT INTO t.result VALUES (a.signature, '-', false, 'template has the wrong number of arguments');
        RETURN;
    END IF;
    SELECT format('%I(%s)', a.name, string_agg(format('(%s)::%s', e, ty), ', ' ORDER BY i))
    INTO call FROM unnest(a.args, a.argtypes) WITH ORDINALITY u(e, ty, i);
    FOR g IN SELECT * FROM (VALUES ('by region', 'region, ', ' GROUP BY region ORDER BY region'),
                                   ('not grouped', '', ''),
                                   ('by customer_id', 'customer_id, ', ' GROUP BY customer_id ORDER BY customer_id')) v(name, sel, tail) LOOP
        q := 'SELECT ' || g.sel || format(a.result, call) || ' FROM {s}.' || a.source || g.tail;
        local_rows := t.rows_of(replace(q, '{s}', 'l'));
        dist_rows := t.rows_of(replace(q, '{s}', 'd'));
        plan := t.plan_of(replace(q, '{s}', 'd'));
        -- workers aggregate: a partial aggregate (worker_partial_agg) or, grouped by the
        -- distribution column, the whole call in the query each shard runs
        pushed := plan ~ 'worker_partial_agg'
                  OR (g.name = 'by customer_id' AND plan ~ ('Query: SELECT [^\n]*\m' || a.name || '\('));
        -- a model fitted on one customer's summary has no maximum: there both must fail the
        -- same way (which group fails first, and so the message, depends on the order of groups)
        IF g.name = 'by customer_id' AND a.name ~ '_fit$' THEN
            local_rows := regexp_replace(local_rows, '^(ERROR \w+):.*', '\1');
            dist_rows := regexp_replace(dist_rows, '^(ERROR \w+):.*', '\1');
        END IF;
        INSERT INTO t.result VALUES (a.signature, g.name,
            local_rows = dist_rows AND pushed
              AND (local_rows !~ '^ERROR' OR (g.name = 'by customer_id' AND a.name ~ '_fit$')),
            CASE WHEN local_rows ~ '^ERROR' AND local_rows <> dist_rows THEN 'local: ' || local_rows || E'\ndistributed: ' || dist_rows
                 WHEN local_rows ~ '^ERROR' AND NOT (g.name = 'by customer_id' AND a.name ~ '_fit$') THEN 'local: ' || local_rows
                 WHEN local_rows <> dist_rows THEN E'results differ\nlocal:\n' || local_rows || E'distributed:\n' || dist_rows
                 WHEN NOT pushed THEN E'not aggregated on the workers:\n' || plan END);
    END LOOP;
END $$;

\set ON_ERROR_STOP off
SET statement_timeout = '30s';
SELECT format('CALL t.check_aggregate(%L)', signature) FROM t.aggregate ORDER BY signature \gexec
RESET statement_timeout;
\set ON_ERROR_STOP on
-- an overload whose check failed with an error (or timed out) has no result
INSERT INTO t.result
SELECT signature, '-', false, 'the check did not finish' FROM t.aggregate
WHERE signature NOT IN (SELECT signature FROM t.result);

-- the two-step pattern: per-customer summaries stored in a distributed table, rolled up by region
CREATE TABLE l.survey_summary AS
SELECT customer_id, region, nps_summary(score) AS nps, nps_summary(score, weight) AS weighted_nps,
       csat_summary(1 + score % 5, 5) AS csat, ces_summary(1 + score % 7, 7, weight) AS ces
FROM l.answers GROUP BY customer_id, region;
CREATE TABLE d.survey_summary (LIKE l.survey_summary);
SELECT create_distributed_table('d.survey_summary', 'customer_id', shard_count := 32) \g /dev/null
INSERT INTO d.survey_summary
SELECT customer_id, region, nps_summary(score), nps_summary(score, weight),
       csat_summary(1 + score % 5, 5), ces_summary(1 + score % 7, 7, weight)
FROM d.answers GROUP BY customer_id, region;
DO $$
DECLARE q text := 'SELECT region, rollup(nps)::text, nps(rollup(nps)), rollup(weighted_nps)::text,
                   rollup(csat)::text, csat(rollup(csat)), rollup(ces)::text
                   FROM {s}.survey_summary GROUP BY region ORDER BY region';
    local_rows text := t.rows_of(replace(q, '{s}', 'l'));
    dist_rows text := t.rows_of(replace(q, '{s}', 'd'));
BEGIN
    INSERT INTO t.result VALUES ('two-step survey summaries', 'stored',
        t.rows_of('SELECT * FROM l.survey_summary ORDER BY customer_id')
          = t.rows_of('SELECT * FROM d.survey_summary ORDER BY customer_id'), 'stored summaries differ');
    INSERT INTO t.result VALUES ('two-step survey summaries', 'rollup by region',
        local_rows = dist_rows AND local_rows !~ '^ERROR'
          AND t.plan_of(replace(q, '{s}', 'd')) ~ 'worker_partial_agg',
        E'local:\n' || local_rows || E'distributed:\n' || dist_rows || t.plan_of(replace(q, '{s}', 'd')));
END $$;

-- funnel_agg's workers, which set the function up again for every row, check every row's steps,
-- window and mode against the group's: a change within a group fails as it does locally (22023),
-- and a mode spelled another way is the same mode
DO $$
DECLARE q text := 'SELECT region, funnel_agg(touchpoint(channel, action, at), %s, %s, %s)
                   FROM {s}.touches GROUP BY region ORDER BY region';
    args text[] := ARRAY[
        $a$CASE WHEN customer_id % 3 = 0 THEN ARRAY['search'] ELSE ARRAY['search', 'store'] END$a$, $a$'3 days'$a$, 'NULL',
        $a$CASE WHEN customer_id % 3 = 0 THEN ARRAY['web/view'] ELSE ARRAY['web/*'] END$a$, $a$'3 days'$a$, 'NULL',
        $a$ARRAY['search', 'store']$a$, $a$CASE WHEN customer_id % 3 = 0 THEN interval '3 days' ELSE '2 days' END$a$, 'NULL',
        $a$ARRAY['search', 'store']$a$, $a$'3 days'$a$, $a$CASE WHEN customer_id % 3 = 0 THEN NULL ELSE 'strict_order' END$a$,
        $a$ARRAY['search', '*/click', '*']$a$, $a$'1 day'$a$, $a$CASE WHEN customer_id % 3 = 0 THEN 'strict_increase,strict_order' ELSE 'strict_order, strict_increase' END$a$];
    i int;
    call text;
    local_rows text;
    dist_rows text;
BEGIN
    FOR i IN 0 .. array_length(args, 1) / 3 - 1 LOOP
        call := format(q, args[3 * i + 1], args[3 * i + 2], args[3 * i + 3]);
        local_rows := t.rows_of(replace(call, '{s}', 'l'));
        dist_rows := t.rows_of(replace(call, '{s}', 'd'));
        INSERT INTO t.result VALUES ('funnel_agg with arguments varying by row', 'case ' || (i + 1),
            CASE WHEN i < 4 THEN local_rows ~ '^ERROR 22023: funnel_agg steps, window or mode changed within one group'
                             AND dist_rows ~ '^ERROR 22023: funnel_agg steps, window or mode changed within one group'
                 ELSE local_rows = dist_rows AND local_rows !~ '^ERROR' END
              AND t.plan_of(replace(call, '{s}', 'd')) ~ 'worker_partial_agg',
            E'local: ' || local_rows || E'\ndistributed: ' || dist_rows);
    END LOOP;
END $$;

-- activity_periods through worker_partial_agg, which sets it up again for every row: calls with
-- different zones and periods in one query, starts that change from region to region, give the
-- local answers
DO $$
DECLARE q text := $q$SELECT region,
        activity_periods(at, timestamptz '2025-01-01' + ascii(right(region, 1)) * interval '1 hour 5 minutes',
                         '1 week', '2025-03-01', 'Europe/Paris')::text,
        activity_periods(at, '2025-01-02 03:00+00', '1 month', '2025-03-01', 'America/New_York')::text,
        activity_periods(at, timestamptz '2025-01-01' - ascii(right(region, 1)) * interval '7 hours',
                         '1 day', '2025-03-01')::text
    FROM {s}.touches GROUP BY region ORDER BY region$q$;
    local_rows text := t.rows_of(replace(q, '{s}', 'l'));
    dist_rows text := t.rows_of(replace(q, '{s}', 'd'));
BEGIN
    INSERT INTO t.result VALUES ('activity_periods with several zones and starts', 'by region',
        local_rows = dist_rows AND local_rows !~ '^ERROR'
          AND t.plan_of(replace(q, '{s}', 'd')) ~ 'worker_partial_agg',
        E'local:\n' || local_rows || E'distributed:\n' || dist_rows);
END $$;

\pset format unaligned
\pset tuples_only on
SELECT format('FAILED: %s, %s: %s', signature, grouping, detail) FROM t.result WHERE NOT ok ORDER BY signature, grouping;
SELECT format('%s aggregate overloads, %s checks, %s failed', (SELECT count(*) FROM t.aggregate),
              count(*), count(*) FILTER (WHERE NOT ok)) FROM t.result;
