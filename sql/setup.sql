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
