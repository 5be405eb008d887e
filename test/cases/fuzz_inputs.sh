#!/usr/bin/env bash
# test/cases/fuzz_inputs.sh: feeds random and mutated text to every cxm input function and
# random and mutated bytes to every binary input function (through binary COPY, as a driver
# would), and expects only clean errors: a data-exception SQLSTATE (class 22), a datatype
# mismatch (42804) or a program limit (54000), never a crash or an internal error. Valid values
# round-trip, and whatever binary input accepts reads back from its text.
#
#   FUZZ_ROUNDS=N bash test/cases/fuzz_inputs.sh     (default 300 inputs per function and kind)
set -euo pipefail
db=cxm_fuzz_test
rounds=${FUZZ_ROUNDS:-300}
dropdb --if-exists "$db"; createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT

file=/tmp/cxm_fuzz_$$.bin
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v rounds="$rounds" -v file="$file" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION cxm;
SELECT setseed(0.31) \gset
-- psql variables do not reach DO blocks: the round count travels as a setting
SET fuzz.rounds = :'rounds';
SET fuzz.file = :'file';

-- one valid seed per type, made by cxm itself
CREATE TABLE seeds (type text, value text);
INSERT INTO seeds
SELECT 'touchpoint', 'email/open@2025-03-01 10:00:00.25+00'::text
UNION ALL SELECT 'nps_summary', nps_summary(x)::text FROM (VALUES (9), (3), (10)) v(x)
UNION ALL SELECT 'nps_summary', nps_summary(x, 0.3 * x)::text FROM (VALUES (9), (3), (10)) v(x)
UNION ALL SELECT 'csat_summary', csat_summary(x, 7)::text FROM (VALUES (7), (3)) v(x)
UNION ALL SELECT 'ces_summary', ces_summary(x, 5, 1.5)::text FROM (VALUES (1), (5)) v(x)
UNION ALL SELECT 'nps_tally', '{"answers": 7, "net": -2}'
UNION ALL SELECT 'csat_tally', '{"scale": 7, "answers": 4, "satisfied": 1}'
UNION ALL SELECT 'csat_tally', '{"answers": 0, "satisfied": 0}'
UNION ALL SELECT 'activity_set', activity_periods(t, '2025-01-01', '1 month', '2025-06-01', 'Europe/Berlin')::text
          FROM (VALUES ('2025-02-03'::timestamptz), ('2025-04-01')) v(t)
UNION ALL SELECT 'activity_summary', activity_summary(a)::text
          FROM (SELECT activity_periods(t, '2025-01-01', '1 week', '2025-03-01') AS a
                FROM (VALUES ('2025-01-09'::timestamptz), ('2025-02-01')) v(t)) s
UNION ALL SELECT 'journey', journey_agg(touchpoint(c, a, t))::text
          FROM (VALUES ('web', 'view', '2025-01-01 10:00+00'::timestamptz), ('email', NULL, '2025-01-02 11:00+00')) v(c, a, t)
UNION ALL SELECT 'journey_path_state', '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b/x@2025-01-02 00:00:00+00"], "path_label": "channel/action", "path_keep_repeats": 1, "path_limit": -2}'
UNION ALL SELECT 'transition_summary', transition_counts(j, 'channel/action', true)::text
          FROM (SELECT '{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b/x@2025-01-02 00:00:00+00"]}'::journey AS j) s
UNION ALL SELECT 'funnel_state', '{"version": 1, "steps": ["a", "b/v"], "window_usecs": 3600000000, "mode": "strict_order", "event_times": [0, 60000000], "event_steps": [0, -1]}'
UNION ALL SELECT 'rfm_state', rfm_state(t, a, '2025-03-01', '1 day', '1 week')::text
          FROM (VALUES ('2025-01-01 10:00+00'::timestamptz, 10.5), ('2025-01-09 11:00+00', 20), ('2025-02-01 00:00+00', 7.25)) v(t, a)
UNION ALL SELECT 'rfm_patterns', rfm_patterns(f, r, t)::text FROM (VALUES (0, 0, 10), (2, 5, 20), (2, 5, 20), (7, 30, 39)) v(f, r, t)
UNION ALL SELECT 'markov_model', markov_attribution(j, c, v)::text
          FROM (VALUES ('{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00"]}'::journey, true, 12.5::float8),
                       ('{"version": 1, "steps": ["b@2025-01-01 00:00:00+00", "a@2025-01-02 00:00:00+00", "b@2025-01-03 00:00:00+00"]}', false, 0),
                       ('{"version": 1, "steps": []}', true, 0.1)) v(j, c, v)
UNION ALL SELECT 'shapley_model', shapley_attribution(j, c, v)::text
          FROM (VALUES ('{"version": 1, "steps": ["a@2025-01-01 00:00:00+00", "b@2025-01-02 00:00:00+00"]}'::journey, true, 12.5::float8),
                       ('{"version": 1, "steps": ["b@2025-01-01 00:00:00+00"]}', false, 0),
                       ('{"version": 1, "steps": []}', true, 0.1)) v(j, c, v)
UNION ALL SELECT 'bgnbd_model', '{"version": 1, "r": 0.25, "alpha": 4, "a": 0.75, "b": 2.5}'::bgnbd_model::text
UNION ALL SELECT 'bgbb_model', '{"version": 1, "alpha": 1.204, "beta": 0.75, "gamma": 0.657, "delta": 2.783, "log_likelihood": -33225.6, "iterations": 28, "converged": true, "customers": 11104}'::bgbb_model::text
UNION ALL SELECT 'mbgnbd_model', '{"version": 1, "r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614}'::mbgnbd_model::text
UNION ALL SELECT 'spend_patterns', spend_patterns(f, m)::text FROM (VALUES (0, NULL), (1, 12.5), (2, 30.25), (2, 30.25), (7, 8)) v(f, m)
UNION ALL SELECT 'gammagamma_model', '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44}'::gammagamma_model::text
UNION ALL SELECT 'gammagamma_model', '{"version": 1, "p": 6.25, "q": 3.74, "gamma": 15.44, "log_likelihood": -4055.9, "iterations": 18, "customers": 946}'::gammagamma_model::text
UNION ALL SELECT 'driver_summary', driver_summary(y, ARRAY[a, b], ARRAY['delivery', 'price/value'])::text
          FROM (VALUES (9, 8, 5.5), (3, 2, 4), (10, 9, 7.25), (6, 6, 1)) v(y, a, b)
UNION ALL SELECT 'paretonbd_model', '{"version": 1, "r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669, "log_likelihood": -9595, "iterations": 29, "customers": 2357}'::paretonbd_model::text
UNION ALL SELECT 'sbg_data', sbg_data(s)::text FROM (VALUES ('{1000, 631, 468, 382}'::int8[]), ('{50, 40}')) v(s)
UNION ALL SELECT 'sbg_model', '{"version": 1, "alpha": 0.704, "beta": 1.182, "log_likelihood": -1680.27, "iterations": 12, "converged": true, "customers": 1000}'::sbg_model::text;

-- a random mutation of s: replace, insert, delete, duplicate or truncate, 1 to 4 times
CREATE FUNCTION mutate(s text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    alphabet text := '0123456789{}[]",:/@.-+eE NaNInfinity version steps counts \x01';
    r text := s;
    pos int;
BEGIN
    FOR i IN 1..1 + floor(random() * 4)::int LOOP
        pos := 1 + floor(random() * greatest(length(r), 1))::int;
        CASE floor(random() * 5)::int
            WHEN 0 THEN r := overlay(r PLACING substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1) FROM pos FOR 1);
            WHEN 1 THEN r := overlay(r PLACING substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1) FROM pos FOR 0);
            WHEN 2 THEN r := overlay(r PLACING '' FROM pos FOR 1 + floor(random() * 3)::int);
            WHEN 3 THEN r := overlay(r PLACING substr(r, pos, 1 + floor(random() * 8)::int) FROM pos FOR 0);
            ELSE r := left(r, pos);
        END CASE;
    END LOOP;
    RETURN r;
END $$;

CREATE TABLE outcomes (type text, kind text, input text, state text, message text);

-- text input: mutated seeds and random strings
DO $$
DECLARE
    seed record;
    input text;
    st text;
    msg text;
BEGIN
    FOR seed IN SELECT * FROM seeds LOOP
        -- the seed itself reads back to the same text
        EXECUTE format('SELECT %L::%s::text', seed.value, seed.type) INTO input;
        IF input IS DISTINCT FROM seed.value THEN
            INSERT INTO outcomes VALUES (seed.type, 'round trip', seed.value, 'mismatch', input);
        END IF;
        FOR i IN 1..current_setting('fuzz.rounds')::int LOOP
            input := CASE WHEN i % 10 = 0
                          THEN (SELECT string_agg(chr(32 + floor(random() * 95)::int), '')
                                FROM generate_series(1, floor(random() * 60)::int))
                          ELSE mutate(seed.value) END;
            BEGIN
                EXECUTE format('SELECT %L::%s::text', input, seed.type);
                st := 'ok';
                msg := NULL;
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
            END;
            INSERT INTO outcomes VALUES (seed.type, 'text', input, st, msg);
        END LOOP;
    END LOOP;
END $$;

-- binary input: mutated send output and random bytes through binary COPY, one COPY per input
DO $$
DECLARE
    seed record;
    payload bytea;
    st text;
    msg text;
    path text := current_setting('fuzz.file');
    good bytea;
    accepted text;
BEGIN
    FOR seed IN SELECT * FROM seeds LOOP
        EXECUTE format('SELECT %s_send(%L::%s)', seed.type, seed.value, seed.type) INTO good;
        EXECUTE format('CREATE TEMP TABLE target (v %s)', seed.type);
        FOR i IN 0..current_setting('fuzz.rounds')::int LOOP
            IF i = 0 THEN
                payload := good;
            ELSIF i % 10 = 0 THEN
                payload := (SELECT coalesce(string_agg(set_byte('\x00'::bytea, 0, floor(random() * 256)::int), ''), '')
                            FROM generate_series(1, floor(random() * 40)::int));
            ELSE
                payload := good;
                FOR k IN 1..1 + floor(random() * 3)::int LOOP
                    CASE floor(random() * 3)::int
                        WHEN 0 THEN
                            IF length(payload) > 0 THEN
                                payload := set_byte(payload, floor(random() * length(payload))::int,
                                                    floor(random() * 256)::int);
                            END IF;
                        WHEN 1 THEN payload := substr(payload, 1, floor(random() * (length(payload) + 1))::int);
                        ELSE payload := payload || substr(payload, 1 + floor(random() * greatest(length(payload), 1))::int, 4);
                    END CASE;
                END LOOP;
            END IF;
            EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', payload, path);
            BEGIN
                EXECUTE format('COPY target FROM %L (FORMAT binary)', path);
                st := 'ok';
                msg := NULL;
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
            END;
            INSERT INTO outcomes VALUES (seed.type, CASE WHEN i = 0 THEN 'binary seed' ELSE 'binary' END,
                                         encode(payload, 'hex'), st, msg);
        END LOOP;
        -- what binary input accepted must print and read back as text
        FOR accepted IN EXECUTE 'SELECT v::text FROM target' LOOP
            BEGIN
                EXECUTE format('SELECT %L::%s', accepted, seed.type);
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
                INSERT INTO outcomes VALUES (seed.type, 'binary then text', accepted, st, msg);
            END;
        END LOOP;
        DROP TABLE target;
    END LOOP;
    EXECUTE format('COPY (SELECT WHERE false) TO %L', path);
END $$;

\echo 'outcomes per type and kind (SQLSTATEs seen):'
SELECT type, kind, count(*) AS inputs, count(*) FILTER (WHERE state = 'ok') AS accepted,
       string_agg(DISTINCT state, ' ' ORDER BY state) AS states
FROM outcomes GROUP BY 1, 2 ORDER BY 1, 2;
\echo 'unclean outcomes (must be none):'
SELECT type, kind, left(input, 120) AS input, state, message FROM outcomes
WHERE NOT (state = 'ok' OR state LIKE '22%' OR state IN ('42804', '54000'))
   OR kind IN ('round trip', 'binary then text') OR (kind = 'binary seed' AND state <> 'ok')
LIMIT 20;
SELECT count(*) > 0 AS unclean FROM outcomes
WHERE NOT (state = 'ok' OR state LIKE '22%' OR state IN ('42804', '54000'))
   OR kind IN ('round trip', 'binary then text') OR (kind = 'binary seed' AND state <> 'ok') \gset
\if :unclean
\echo 'FAILED: unclean outcomes'
SELECT 1 / 0;   -- ends psql with an error (ON_ERROR_STOP)
\endif
SQL
echo "fuzzed every input function with $rounds text and $rounds binary inputs per seed: clean"
