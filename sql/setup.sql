-- setup: runs first in the regression database; creates the helpers the other tests share.
-- pg_regress has already run CREATE EXTENSION cxm (REGRESS_OPTS --load-extension=cxm).
SELECT extname, extversion, extrelocatable FROM pg_extension WHERE extname = 'cxm';

CREATE SCHEMA cxm_test;

-- error_of(query): runs the query and reports the error it raises as (state, message,
-- detail, hint), so expected files pin the SQLSTATE and not only the message.
CREATE FUNCTION cxm_test.error_of(query text,
    OUT state text, OUT message text, OUT detail text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE query;
    state := 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END $$;

SELECT * FROM cxm_test.error_of('SELECT 1/0');
SELECT * FROM cxm_test.error_of('SELECT 1');

-- recv(type, payload): feeds payload to the type's binary input function the way a client's
-- binary COPY does, and reports (state, message, detail, hint) and, on success, the value as
-- text. COPY of a bytea in binary format writes its bytes as they are, so the payload is the
-- exact field a driver would send.
CREATE FUNCTION cxm_test.recv(type_name text, payload bytea,
    OUT state text, OUT message text, OUT detail text, OUT hint text, OUT value text)
LANGUAGE plpgsql AS $$
DECLARE
    path text := '/tmp/cxm_recv_' || pg_backend_pid() || '.bin';
BEGIN
    EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', payload, path);
    EXECUTE format('CREATE TEMP TABLE cxm_recv_target (v %s)', type_name::regtype);
    BEGIN
        EXECUTE format('COPY cxm_recv_target FROM %L (FORMAT binary)', path);
        EXECUTE 'SELECT v::text FROM cxm_recv_target' INTO value;
        state := 'no error';
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                                detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    END;
    DROP TABLE cxm_recv_target;
    EXECUTE format('COPY (SELECT WHERE false) TO %L', path);   -- leave no payload behind
END $$;

SELECT * FROM cxm_test.recv('int4', '\x0000002a');
SELECT * FROM cxm_test.recv('int4', '\x00002a');

-- setseed(seed) and random(): a pseudo-random sequence that is the same on every PostgreSQL
-- major (the server's own random() changed its generator in 15), for tests whose expected
-- output shows figures of random data. The Park-Miller "minimal standard" generator
-- (x := x * 48271 mod 2^31 - 1), state kept in a session setting; random() is in (0, 1).
CREATE FUNCTION cxm_test.setseed(seed float8) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF seed IS NULL OR seed < -1 OR seed > 1 THEN
        RAISE EXCEPTION 'seed % out of range [-1, 1]', seed;
    END IF;
    PERFORM set_config('cxm_test.prng_state', (1 + floor(abs(seed) * 2147483645))::bigint::text, false);
END $$;

CREATE FUNCTION cxm_test.random() RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
    x bigint := nullif(current_setting('cxm_test.prng_state', true), '')::bigint;
BEGIN
    IF x IS NULL THEN
        RAISE EXCEPTION 'cxm_test.random() before cxm_test.setseed()';
    END IF;
    x := x * 48271 % 2147483647;
    PERFORM set_config('cxm_test.prng_state', x::text, false);
    RETURN x / 2147483647.0;
END $$;

SELECT cxm_test.setseed(0.5);
SELECT round(cxm_test.random()::numeric, 12) AS r1, round(cxm_test.random()::numeric, 12) AS r2;
SELECT cxm_test.setseed(0.5);
SELECT round(cxm_test.random()::numeric, 12) AS r1_again;

-- explain(query): EXPLAIN (COSTS OFF) of the query with the parameter list of an InitPlan line
-- left out ("InitPlan 1 (returns $0)" up to 16, "InitPlan 1" from 17), the same on every major.
CREATE FUNCTION cxm_test.explain(query text) RETURNS TABLE ("QUERY PLAN" text)
LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        "QUERY PLAN" := regexp_replace(line, '^(\s*InitPlan \d+) \(returns [^)]*\)$', '\1');
        RETURN NEXT;
    END LOOP;
END $$;

-- soft_invalid(text, type): whether pg_input_is_valid (PostgreSQL 16+) reports the text as
-- invalid for the type without raising: input functions must report bad input as soft errors
-- there. Before 16 there is no soft input, and the answer is true.
CREATE FUNCTION cxm_test.soft_invalid(input text, type_name text) RETURNS bool
LANGUAGE plpgsql AS $$
DECLARE
    invalid bool;
BEGIN
    IF current_setting('server_version_num')::int < 160000 THEN
        RETURN true;
    END IF;
    EXECUTE 'SELECT NOT pg_input_is_valid($1, $2)' INTO invalid USING input, type_name;
    RETURN invalid;
END $$;
SELECT cxm_test.soft_invalid('x', 'touchpoint') AS touchpoint_x_invalid;
