-- direct_calls: every transition, inverse transition, combine and final function of every cxm
-- aggregate, called directly as a plain function (found in pg_aggregate, so none is missed),
-- with all-NULL arguments and with sample arguments: a call either works or raises an error
-- with a SQLSTATE that says what is wrong, never XX000 (internal error). A transition function
-- outside an aggregate is 0A000 (feature_not_supported) with a hint naming the aggregate.
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';

-- a sample value of every argument type (an expression of that type)
CREATE TEMP TABLE sample_arg (type regtype PRIMARY KEY, expr text NOT NULL);
INSERT INTO sample_arg VALUES
    ('boolean', 'true'), ('int2', '5::int2'), ('int4', '5'), ('int8', '5::int8'),
    ('numeric', '5.0'), ('float8', '5.0::float8'), ('text', '''channel'''),
    ('text[]', '''{web,email}''::text[]'), ('timestamptz', '''2024-01-05 00:00:00+00''::timestamptz'),
    ('interval', '''1 day''::interval'),
    ('touchpoint', $$touchpoint('web', 'view', '2024-01-01 00:00:00+00')$$),
    ('journey', $${"version": 1, "steps": ["web/view@2024-01-01 00:00:00+00", "email/buy@2024-01-02 00:00:00+00"]}$$),
    ('journey_path_state', $${"version": 1, "steps": ["web/view@2024-01-01 00:00:00+00", "email/buy@2024-01-02 00:00:00+00"], "path_label": "channel", "path_keep_repeats": 0, "path_limit": 0}$$),
    ('funnel_state', $${"version": 1, "steps": ["web", "email"], "window_usecs": 86400000000, "mode": "default", "event_times": [757382400000000, 757468800000000], "event_steps": [0, 1]}$$),
    ('transition_summary', $${"version": 1, "label": "channel", "markers": 0, "from": ["web"], "to": ["email"], "counts": [1]}$$),
    ('markov_model', $${"version": 1, "channels": ["email", "web"], "journeys": 1, "conversions": 1, "value": 1, "from": ["@start", "email", "web"], "to": ["web", "@conversion", "email"], "counts": [1, 1, 1]}$$),
    ('shapley_model', $${"version": 1, "channels": ["email", "web"], "sets": [3], "journeys": [1], "conversions": [1], "values": [1]}$$),
    ('nps_summary', $${"version": 1, "scale": [0, 10], "counts": [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]}$$),
    ('csat_summary', $${"version": 1, "scale": [1, 5], "counts": [0, 0, 0, 1, 0]}$$),
    ('ces_summary', $${"version": 1, "scale": [1, 7], "counts": [0, 0, 1, 0, 0, 0, 0]}$$),
    ('nps_tally', $${"answers": 3, "net": 1}$$),
    ('csat_tally', $${"scale": 5, "answers": 3, "satisfied": 2}$$),
    ('activity_set', $${"version": 1, "start": "2024-01-01 00:00:00+00", "period_days": 1, "time_zone": "UTC", "as_of": "2024-01-10 00:00:00+00", "periods": 9, "active": [4]}$$),
    ('activity_summary', $$(SELECT activity_summary(s) FROM (SELECT activity_periods('2024-01-05', '2024-01-01', '1 day', '2024-01-10', 'UTC') AS s) x)$$),
    ('rfm_state', $${"version": 2, "calibration_end_us": 760060800000000, "period_us": 86400000000, "unit_us": 86400000000, "periods": [8768, 8770], "spend": 20, "first_period_spend": 10}$$),
    ('rfm_patterns', $${"version": 1, "patterns": [[2, 10, 20, 1]]}$$),
    ('spend_patterns', $${"version": 1, "frequency": [2], "monetary": [10.5], "customers": [1]}$$),
    ('bigint[]', '''{20, 12, 9}''::int8[]'), ('regconfig', '''simple''::regconfig'),
    ('term_summary', $${"version": 1, "config": "pg_catalog.simple", "phrases": false, "classes": [{"class": "a", "comments": 2}], "terms": [["late", 1, 1]]}$$),
    ('sbg_data', $${"version": 1, "churned": [131, 126], "active": [0, 743]}$$),
    ('float8[]', '''{0.5, 2}''::float8[]'),
    ('driver_summary', $${"version": 1, "n": 5, "drivers": ["x1", "x2"], "means": [7, 6, 4.15], "comoments": [30, 29, 15.75, 30, 13.75, 22.7]}$$);
-- JSON text forms become typed literals
UPDATE sample_arg SET expr = format('%L::%s', expr, type) WHERE expr LIKE '{%';

-- the support functions of cxm's aggregates, by role
CREATE TEMP TABLE support_fn AS
SELECT DISTINCT f.fn::regprocedure AS fn, f.role
FROM pg_aggregate a
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid
    AND d.refclassid = 'pg_extension'::regclass
    AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'cxm')
CROSS JOIN LATERAL (VALUES (a.aggtransfn, 'transition'), (a.aggmtransfn, 'transition'),
    (a.aggminvtransfn, 'inverse transition'), (a.aggcombinefn, 'combine'),
    (a.aggfinalfn, 'final'), (a.aggmfinalfn, 'final'), (a.aggserialfn, 'serialize'),
    (a.aggdeserialfn, 'deserialize')) f(fn, role)
WHERE f.fn <> 0;

SELECT role, count(*) AS functions FROM support_fn GROUP BY role ORDER BY role;

-- argument types without a sample: must be none (a new state type needs a sample above)
SELECT DISTINCT t.type AS type_without_sample
FROM support_fn s JOIN pg_proc p ON p.oid = s.fn
CROSS JOIN LATERAL unnest(p.proargtypes::regtype[]) t(type)
WHERE NOT EXISTS (SELECT 1 FROM sample_arg WHERE sample_arg.type = t.type);

-- every function, called with all arguments NULL and with the samples
CREATE TEMP TABLE direct_call AS
SELECT s.fn, s.role, c.args, c.call, e.state, e.message, e.hint
FROM support_fn s JOIN pg_proc p ON p.oid = s.fn
CROSS JOIN LATERAL (
    SELECT 'null' AS args, format('SELECT %s(%s)', s.fn::oid::regproc,
        string_agg(format('NULL::%s', t.type), ', ' ORDER BY t.n)) AS call
    FROM unnest(p.proargtypes::regtype[]) WITH ORDINALITY t(type, n)
    UNION ALL
    SELECT 'samples', format('SELECT %s(%s)', s.fn::oid::regproc,
        string_agg(coalesce(a.expr, 'NULL'), ', ' ORDER BY t.n))
    FROM unnest(p.proargtypes::regtype[]) WITH ORDINALITY t(type, n)
    LEFT JOIN sample_arg a ON a.type = t.type
) c
CROSS JOIN LATERAL cxm_test.error_of(c.call) e;

SELECT count(*) AS calls, count(DISTINCT fn) AS functions FROM direct_call;

-- no call is an internal error: must be empty
SELECT fn, args, state, message FROM direct_call WHERE state = 'XX000' OR state IS NULL ORDER BY 1, 2;

-- outcomes by role
SELECT role, args, state, count(*) FROM direct_call GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

-- the functions that refuse a direct call: the transition functions, 0A000 with a hint
SELECT DISTINCT p.proname AS function, d.message, d.hint
FROM direct_call d JOIN pg_proc p ON p.oid = d.fn WHERE d.state = '0A000' ORDER BY 1;

-- the final functions that refuse the sample state
SELECT DISTINCT p.proname AS function, d.state
FROM direct_call d JOIN pg_proc p ON p.oid = d.fn
WHERE d.role = 'final' AND d.state <> 'no error' ORDER BY 1;

-- outside an aggregate, a transition function leaves its caller's state alone
CREATE TEMP TABLE stored AS SELECT nps_summary(s) AS summary FROM (VALUES (9), (3)) v(s);
SELECT * FROM cxm_test.error_of($$SELECT nps_summary_trans(summary, 10) FROM stored$$);
SELECT summary::text FROM stored;

-- a transition over a state passed by value (nps_tally, csat_tally) returns a new value and
-- updates nothing, so it runs outside an aggregate too
SELECT nps_tally_trans('{"answers": 3, "net": 1}', 9::int) AS nps,
       csat_tally_trans('{"scale": 5, "answers": 3, "satisfied": 2}', 2::int, 5) AS csat,
       csat_tally_trans('{"answers": 0, "satisfied": 0}', 7::numeric, 7) AS first_csat;
