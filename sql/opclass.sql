-- opclass: every cxm type can be grouped, sorted, deduplicated, hashed and joined (default
-- btree and hash operator classes), consistently with its = operator.

-- a few customers; 1 and 2 have the same touchpoints in another order, so their values are equal
CREATE TABLE opc_tp (customer int, segment int, tp touchpoint, score int, weight float8,
                     amount numeric, converted bool);
INSERT INTO opc_tp VALUES
    (1, 1, 'search@2025-01-01 10:00+00', 9, 1.5, 10, true),
    (1, 1, 'web/view@2025-01-02 10:00+00', 7, 2, 20, true),
    (1, 1, 'email@2025-01-05 10:00+00', 3, 0.5, 5, true),
    (2, 1, 'email@2025-01-05 10:00+00', 3, 0.5, 5, true),
    (2, 1, 'search@2025-01-01 10:00+00', 9, 1.5, 10, true),
    (2, 1, 'web/view@2025-01-02 10:00+00', 7, 2, 20, true),
    (3, 2, 'web@2025-01-03 09:00+00', 10, 1, 30, false),
    (3, 2, 'web/buy@2025-01-04 09:00+00', 10, 1, 12.5, false),
    (4, 2, 'search@2025-01-01 08:00+00', 1, 3, 7, true),
    (5, 3, 'web@2025-01-03 09:00+00', 5, 1, 30, false);

-- one table per type, values(id, v): equal values under different ids, and NULLs
CREATE TABLE opc_journey AS
    SELECT customer AS id, journey_agg(tp) AS v FROM opc_tp GROUP BY customer;
CREATE TABLE opc_nps_summary AS
    SELECT customer AS id, nps_summary(score) AS v FROM opc_tp GROUP BY customer
    UNION ALL SELECT 10 + customer, nps_summary(score, weight) FROM opc_tp GROUP BY customer;
CREATE TABLE opc_csat_summary AS
    SELECT customer AS id, csat_summary(score % 5 + 1) AS v FROM opc_tp GROUP BY customer
    UNION ALL SELECT 10 + customer, csat_summary(score % 5 + 1, 5, weight) FROM opc_tp GROUP BY customer;
CREATE TABLE opc_ces_summary AS
    SELECT customer AS id, ces_summary(score % 7 + 1) AS v FROM opc_tp GROUP BY customer
    UNION ALL SELECT 10 + customer, ces_summary(score % 7 + 1, 7, weight) FROM opc_tp GROUP BY customer;
-- nps_agg's and csat_agg's states before their final functions (customers 1 and 2: equal)
CREATE AGGREGATE cxm_test.nps_tallies(int) (
    SFUNC = nps_tally_trans, STYPE = nps_tally, INITCOND = '{"answers": 0, "net": 0}');
CREATE AGGREGATE cxm_test.csat_tallies(int, int) (
    SFUNC = csat_tally_trans, STYPE = csat_tally, INITCOND = '{"answers": 0, "satisfied": 0}');
CREATE TABLE opc_nps_tally AS
    SELECT customer AS id, cxm_test.nps_tallies(score) AS v FROM opc_tp GROUP BY customer
    UNION ALL SELECT 10, '{"answers": 0, "net": 0}';
CREATE TABLE opc_csat_tally AS
    SELECT customer AS id, cxm_test.csat_tallies(score % 5 + 1, 5) AS v FROM opc_tp GROUP BY customer
    UNION ALL SELECT 10 + customer, cxm_test.csat_tallies(score % 7 + 1, 7) FROM opc_tp GROUP BY customer
    UNION ALL SELECT 20, '{"answers": 0, "satisfied": 0}';
CREATE TABLE opc_activity_set AS
    SELECT customer AS id, activity_periods(occurred_at(tp), '2025-01-01', '1 day', '2025-01-10') AS v
    FROM opc_tp GROUP BY customer;
CREATE TABLE opc_activity_summary AS
    SELECT segment AS id, activity_summary(v) AS v
    FROM opc_activity_set JOIN (SELECT DISTINCT customer, segment FROM opc_tp) c ON c.customer = id
    GROUP BY segment
    UNION ALL SELECT 10, activity_summary(v) FROM opc_activity_set WHERE id IN (1, 2);
CREATE TABLE opc_transition_summary AS
    SELECT segment AS id, transition_counts(j.v) AS v
    FROM opc_journey j JOIN (SELECT DISTINCT customer, segment FROM opc_tp) c ON c.customer = j.id
    GROUP BY segment
    UNION ALL SELECT 10, transition_counts(v) FROM opc_journey WHERE id = 3;
-- funnel_agg's state as it is before its final function (events in arrival order)
CREATE AGGREGATE cxm_test.funnel_states(touchpoint, text[], interval) (
    SFUNC = funnel_agg_trans, STYPE = funnel_state);
CREATE TABLE opc_funnel_state AS
    SELECT customer AS id, cxm_test.funnel_states(tp, ARRAY['search', 'web'], '3 days') AS v
    FROM opc_tp GROUP BY customer
    UNION ALL SELECT 7, cxm_test.funnel_states(tp, ARRAY['web'], '1 day') FROM opc_tp WHERE customer = 3;
-- journey_path's state before its final function (steps in arrival order), and other options
CREATE AGGREGATE cxm_test.journey_path_states(touchpoint, text, boolean, int4) (
    SFUNC = journey_path_trans, STYPE = journey_path_state);
CREATE TABLE opc_journey_path_state AS
    SELECT customer AS id, cxm_test.journey_path_states(tp, 'channel', false, 0) AS v
    FROM opc_tp GROUP BY customer
    UNION ALL SELECT 7, cxm_test.journey_path_states(tp, 'channel/action', false, 0) FROM opc_tp WHERE customer = 3
    UNION ALL SELECT 8, cxm_test.journey_path_states(tp, 'channel', true, -1) FROM opc_tp WHERE customer = 3;
-- answers of customers 1 and 2 arrive in another order: equal summaries
CREATE TABLE opc_term_summary AS
    SELECT customer AS id, term_summary(channel(tp) || ' ' || coalesce(action(tp), 'none'), nps_class(score), 'simple') AS v
    FROM opc_tp GROUP BY customer
    UNION ALL SELECT 10, term_summary(channel(tp), 'all', 'english', true) FROM opc_tp;
CREATE TABLE opc_markov_model AS
    SELECT segment AS id, rollup(m) AS v
    FROM (SELECT segment, markov_attribution(j.v, converted) AS m
          FROM opc_journey j
          JOIN (SELECT customer, min(segment) AS segment, bool_or(converted) AS converted
                FROM opc_tp GROUP BY customer) c ON c.customer = j.id
          GROUP BY j.id, segment) s
    GROUP BY segment;
CREATE TABLE opc_shapley_model AS
    SELECT customer AS id, shapley_attribution(j.v, true) AS v
    FROM opc_journey j JOIN (SELECT DISTINCT customer FROM opc_tp) c ON c.customer = j.id
    GROUP BY customer;
CREATE TABLE opc_rfm_state AS
    SELECT customer AS id, rfm_state(occurred_at(tp), amount, '2025-02-01', '1 day') AS v
    FROM opc_tp GROUP BY customer;
CREATE TABLE opc_rfm_patterns AS
    SELECT segment AS id, rfm_patterns(amount::int % 3, amount::int % 3 * 2, 10) AS v
    FROM opc_tp GROUP BY segment
    UNION ALL SELECT 10, rfm_patterns(f, r, t) FROM (VALUES (1, 2, 10), (0, 0, 10)) p(f, r, t);
CREATE TABLE opc_spend_patterns AS
    SELECT segment AS id, spend_patterns(1 + amount::int % 3, amount) AS v
    FROM opc_tp GROUP BY segment;
CREATE TABLE opc_bgnbd_model (id int, v bgnbd_model);
INSERT INTO opc_bgnbd_model VALUES
    (1, '{"version": 1, "r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}'),
    (2, '{"version": 1, "r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}'),
    (3, '{"version": 1, "r": 0.5, "alpha": 4.414, "a": 0.5, "b": 2.426}');
CREATE TABLE opc_paretonbd_model (id int, v paretonbd_model);
INSERT INTO opc_paretonbd_model VALUES
    (1, '{"version": 1, "r": 0.55, "alpha": 10.58, "s": 0.61, "beta": 11.67}'),
    (2, '{"version": 1, "r": 0.55, "alpha": 10.58, "s": 0.61, "beta": 11.67}'),
    (3, '{"version": 1, "r": 0.55, "alpha": 10.58, "s": 0.61, "beta": 12}');
CREATE TABLE opc_gammagamma_model (id int, v gammagamma_model);
INSERT INTO opc_gammagamma_model VALUES
    (1, '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}'),
    (2, '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}'),
    (3, '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 16}');
CREATE TABLE opc_sbg_data (id int, v sbg_data);
INSERT INTO opc_sbg_data VALUES
    (1, '{"version": 1, "churned": [131, 126], "active": [0, 743]}'),
    (2, '{"version": 1, "churned": [131, 126, 0], "active": [0, 743, 0]}'),
    (3, '{"version": 1, "churned": [369, 163], "active": [0, 468]}');
CREATE TABLE opc_sbg_model (id int, v sbg_model);
INSERT INTO opc_sbg_model VALUES
    (1, '{"version": 1, "alpha": 0.668, "beta": 3.806}'),
    (2, '{"version": 1, "alpha": 0.668, "beta": 3.806}'),
    (3, '{"version": 1, "alpha": 0.704, "beta": 1.182}');
CREATE TABLE opc_bgbb_model (id int, v bgbb_model);
INSERT INTO opc_bgbb_model VALUES
    (1, '{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 0.657, "delta": 2.783}'),
    (2, '{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 0.657, "delta": 2.783}'),
    (3, '{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 0.657, "delta": 3}');
CREATE TABLE opc_mbgnbd_model (id int, v mbgnbd_model);
INSERT INTO opc_mbgnbd_model VALUES
    (1, '{"version": 1, "r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614}'),
    (2, '{"version": 1, "r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614}'),
    (3, '{"version": 1, "r": 0.525, "alpha": 6.183, "a": 0.5, "b": 1.614}');
CREATE TABLE opc_driver_summary AS
    SELECT segment AS id, driver_summary(score, ARRAY[weight, amount]) AS v FROM opc_tp GROUP BY segment
    UNION ALL SELECT 10, driver_summary(score, ARRAY[weight, amount]) FROM opc_tp WHERE segment = 1
    UNION ALL SELECT 11, driver_summary(score, ARRAY[weight, amount], ARRAY['weight', 'amount']) FROM opc_tp;
-- rfm is a composite type: it compares through its float8 columns
CREATE TABLE opc_rfm AS
    SELECT id, rfm_summary(v) AS v FROM opc_rfm_state;

-- the types, from the catalog: every base type of cxm but touchpoint (touchpoint.sql tests it)
SELECT t.typname
FROM pg_type t JOIN pg_depend d ON d.objid = t.oid AND d.classid = 'pg_type'::regclass
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cxm'
WHERE t.typtype IN ('b', 'c') AND t.typname <> 'touchpoint'
  AND NOT EXISTS (SELECT FROM pg_class c WHERE c.oid = to_regclass('opc_' || t.typname))
ORDER BY 1;

DO $$ DECLARE t text; BEGIN
    FOR t IN SELECT c.relname FROM pg_class c WHERE c.relname LIKE 'opc\_%' AND c.relname <> 'opc_tp' AND c.relkind = 'r' LOOP
        EXECUTE format('INSERT INTO %I VALUES (100, NULL)', t);
        EXECUTE format('ANALYZE %I', t);
    END LOOP;
END $$;

-- checks(type): runs each operation on opc_<type> and reports what it found
CREATE FUNCTION cxm_test.opclass_checks(type_name text,
    OUT type text, OUT n int, OUT distinct_n int, OUT same_counts bool, OUT plans_used bool,
    OUT consistent bool, OUT ids_in_order text)
LANGUAGE plpgsql AS $$
DECLARE
    tab text := 'opc_' || type_name;
    counts int[] := '{}';
    c int;
    plan text;
    plans text := '';
    q text;
    sorted bool;
BEGIN
    type := type_name;
    EXECUTE format('SELECT count(*) FROM %I', tab) INTO n;
    EXECUTE format('SELECT count(DISTINCT v) FROM %I', tab) INTO distinct_n;
    FOREACH q IN ARRAY ARRAY[
        -- DISTINCT, GROUP BY (hashed and sorted) and UNION: one row per distinct value and NULL
        'SELECT count(*) FROM (SELECT DISTINCT v FROM %I) s',
        'SELECT count(*) FROM (SELECT v, count(*) FROM %I GROUP BY v) s',
        'SELECT count(*) FROM (SELECT v FROM %1$I UNION SELECT v FROM %1$I) s',
        -- self joins: pairs of equal non-NULL values
        'SELECT count(*) FROM %1$I a JOIN %1$I b ON a.v = b.v']
    LOOP
        FOREACH plan IN ARRAY ARRAY['hash', 'sort'] LOOP
            PERFORM set_config('enable_hashagg', (plan = 'hash')::text, true);
            PERFORM set_config('enable_hashjoin', (plan = 'hash')::text, true);
            PERFORM set_config('enable_sort', (plan = 'sort')::text, true);
            PERFORM set_config('enable_mergejoin', (plan = 'sort')::text, true);
            PERFORM set_config('enable_nestloop', 'false', true);
            EXECUTE format(q, tab) INTO c;
            counts := counts || c;
            FOR plan IN EXECUTE 'EXPLAIN (COSTS OFF) ' || format(q, tab) LOOP
                plans := plans || plan || ' ';
            END LOOP;
        END LOOP;
    END LOOP;
    PERFORM set_config('enable_hashagg', 'true', true);
    PERFORM set_config('enable_hashjoin', 'true', true);
    PERFORM set_config('enable_sort', 'true', true);
    PERFORM set_config('enable_mergejoin', 'true', true);
    PERFORM set_config('enable_nestloop', 'true', true);
    same_counts := counts[1] = distinct_n + 1 AND counts[1] = ALL (counts[1:6])
                   AND counts[7] = counts[8];
    EXECUTE format('SELECT count(*) FROM %1$I a, %1$I b WHERE a.v = b.v', tab) INTO c;
    same_counts := same_counts AND c = counts[7];
    plans_used := plans LIKE '%HashAggregate%' AND plans LIKE '%GroupAggregate%'
                  AND plans LIKE '%Hash Join%' AND plans LIKE '%Merge Join%'
                  AND plans LIKE '%Unique%';
    -- over every pair and triple: = agrees with cmp, the order is antisymmetric and transitive,
    -- equal values hash alike, and the 32-bit hash is the low half of the 64-bit one (seed 0)
    EXECUTE format($q$
        SELECT bool_and((a.v = b.v) = (%2$s_cmp(a.v, b.v) = 0)
                        AND (a.v <> b.v) = (%2$s_cmp(a.v, b.v) <> 0)
                        AND %2$s_cmp(a.v, b.v) = -%2$s_cmp(b.v, a.v)
                        AND (a.v < b.v) = (%2$s_cmp(a.v, b.v) < 0)
                        AND (a.v <= b.v) = (%2$s_cmp(a.v, b.v) <= 0)
                        AND (a.v > b.v) = (%2$s_cmp(a.v, b.v) > 0)
                        AND (a.v >= b.v) = (%2$s_cmp(a.v, b.v) >= 0)
                        AND (a.v <> b.v OR (%2$s_hash(a.v) = %2$s_hash(b.v)
                             AND %2$s_hash_extended(a.v, 7) = %2$s_hash_extended(b.v, 7)))
                        AND %2$s_hash(a.v) = (%2$s_hash_extended(a.v, 0) & 4294967295)::bit(32)::int4)
        FROM %1$I a, %1$I b WHERE a.v IS NOT NULL AND b.v IS NOT NULL$q$, tab, type_name)
        INTO consistent;
    EXECUTE format($q$
        SELECT %1$L::bool AND bool_and(NOT (a.v <= b.v AND b.v <= c.v) OR a.v <= c.v)
        FROM %2$I a, %2$I b, %2$I c
        WHERE a.v IS NOT NULL AND b.v IS NOT NULL AND c.v IS NOT NULL$q$, consistent, tab)
        INTO consistent;
    -- ORDER BY agrees with <
    EXECUTE format($q$
        SELECT bool_and(prev IS NULL OR prev <= v) FROM (
            SELECT v, lag(v) OVER (ORDER BY v) AS prev FROM %I WHERE v IS NOT NULL) s$q$, tab)
        INTO sorted;
    consistent := consistent AND sorted;
    -- the order itself, pinned: it is the same on every platform and in later releases
    EXECUTE format('SELECT array_agg(id ORDER BY v, id)::text FROM %I', tab) INTO ids_in_order;
END $$;

SELECT c.* FROM unnest(ARRAY['journey', 'journey_path_state', 'nps_summary', 'csat_summary', 'ces_summary',
    'activity_set', 'activity_summary', 'transition_summary', 'funnel_state', 'markov_model',
    'shapley_model', 'rfm_state', 'rfm_patterns', 'spend_patterns', 'bgnbd_model',
    'paretonbd_model', 'gammagamma_model', 'sbg_data', 'sbg_model', 'bgbb_model', 'mbgnbd_model',
    'term_summary', 'driver_summary']) t, cxm_test.opclass_checks(t) c;

-- rfm, a composite type, compares and hashes through its float8 columns
SET enable_hashagg = off;
SELECT count(*) AS rows, count(DISTINCT v) AS distinct_values,
       (SELECT count(*) FROM (SELECT v FROM opc_rfm GROUP BY v) s) AS sorted_groups,
       (SELECT count(*) FROM (SELECT v FROM opc_rfm UNION SELECT v FROM opc_rfm) s) AS union_rows
FROM opc_rfm;
RESET enable_hashagg;
SET enable_sort = off;
SELECT count(*) AS hashed_groups FROM (SELECT v FROM opc_rfm GROUP BY v) s;
SELECT count(*) AS hash_join_pairs FROM opc_rfm a JOIN opc_rfm b ON a.v = b.v;
RESET enable_sort;

-- every operator class of cxm is valid
SELECT c.opcname, a.amname, amvalidate(c.oid)
FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
WHERE c.opcnamespace = (SELECT extnamespace FROM pg_extension WHERE extname = 'cxm')
ORDER BY 1, 2;

-- = hashes and merges, for every cxm type
SELECT o.oprleft::regtype, o.oprcanhash, o.oprcanmerge, n.oprname AS negator
FROM pg_operator o JOIN pg_operator n ON n.oid = o.oprnegate
WHERE o.oprname = '=' AND o.oprnamespace = (SELECT extnamespace FROM pg_extension WHERE extname = 'cxm')
ORDER BY o.oprleft::regtype::text;

-- large journeys, stored compressed: two equal ones of 20,000 steps (added in two orders) and
-- one that differs in its last step, with a hash index (a btree's entries must fit a page: it
-- indexes the small journeys)
CREATE TABLE opc_big (id int, v journey);
INSERT INTO opc_big
SELECT k, journey_agg(touchpoint(CASE WHEN k = 3 AND i = 20000 THEN 'sms' ELSE 'web' END,
                                 'view', '2025-01-01'::timestamptz + i * interval '1 minute')
                      ORDER BY i * (CASE WHEN k = 2 THEN -1 ELSE 1 END))
FROM generate_series(1, 3) k, generate_series(1, 20000) i GROUP BY k;
-- stored records take 18 bytes a step: 360,000 bytes uncompressed
SELECT id, pg_column_size(v) < 20000 * 18 AS compressed FROM opc_big ORDER BY id;
SELECT count(DISTINCT v) AS distinct_values, count(*) FILTER (WHERE v = (SELECT v FROM opc_big WHERE id = 1)) AS equal_to_1
FROM opc_big;
SELECT array_agg(id ORDER BY v, id) AS by_journey FROM opc_big;
SELECT journey_hash(a.v) = journey_hash(b.v) AS same_hash FROM opc_big a, opc_big b WHERE a.id = 1 AND b.id = 2;
CREATE INDEX opc_journey_btree ON opc_journey (v);
CREATE INDEX opc_big_hash ON opc_big USING hash (v);
CREATE INDEX opc_nps_btree ON opc_nps_summary (v);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM opc_big WHERE v = (SELECT v FROM opc_big WHERE id = 2);
SELECT id FROM opc_big WHERE v = (SELECT v FROM opc_big WHERE id = 2) ORDER BY id;
EXPLAIN (COSTS OFF) SELECT id FROM opc_journey WHERE v = (SELECT v FROM opc_journey WHERE id = 2);
SELECT id FROM opc_journey WHERE v = (SELECT v FROM opc_journey WHERE id = 2) ORDER BY id;
SELECT id FROM opc_nps_summary WHERE v = (SELECT v FROM opc_nps_summary WHERE id = 1) ORDER BY id;
RESET enable_seqscan;
RESET enable_bitmapscan;
CREATE EXTENSION amcheck;
SELECT bt_index_check('opc_journey_btree', true), bt_index_check('opc_nps_btree', true);
DROP EXTENSION amcheck;
