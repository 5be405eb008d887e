-- pattern: the journey pattern language (src/pattern.c) through journey_match_count
-- (non-overlapping match count) and journey_matches: every operator,
-- labels (and the * wildcards), time bounds, anchors, counting, linear time on pathological patterns, every error
-- path, and a random comparison against PostgreSQL regular expressions as an oracle.
-- the cases are written as arrays of touchpoint literals; these run them as journeys
CREATE FUNCTION pg_temp.journey_of(steps text[]) RETURNS journey LANGUAGE sql AS
  $$ SELECT ('{"version": 1, "steps": ' || to_json(steps)::text || '}')::journey $$;
CREATE FUNCTION pg_temp.pattern_count(pattern text, steps text[]) RETURNS int8 LANGUAGE sql AS
  $$ SELECT journey_match_count(pg_temp.journey_of(steps), pattern) $$;
CREATE FUNCTION pg_temp.pattern_matches(pattern text, steps text[]) RETURNS boolean LANGUAGE sql AS
  $$ SELECT journey_matches(pg_temp.journey_of(steps), pattern) $$;


-- steps('web/view@0, email@90'): touchpoint literals, times in minutes after 2025-01-01 00:00 UTC
CREATE FUNCTION pg_temp.steps(spec text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(split_part(s, '@', 1) || '@' ||
               to_char(('2025-01-01 00:00:00+00'::timestamptz + split_part(s, '@', 2)::numeric
                        * interval '1 minute') AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')
               || '+00' ORDER BY k), '{}')
    FROM unnest(CASE WHEN btrim(spec) = '' THEN '{}'::text[]
                     ELSE regexp_split_to_array(spec, '\s*,\s*') END) WITH ORDINALITY AS t(s, k)
$$;
-- both results for one pattern and journey
CREATE FUNCTION pg_temp.m(pattern text, spec text, OUT matches boolean, OUT count int8)
LANGUAGE sql AS $$
    SELECT pg_temp.pattern_matches(pattern, pg_temp.steps(spec)),
           pg_temp.pattern_count(pattern, pg_temp.steps(spec))
$$;
SELECT pg_temp.steps('web/view@0, email@90.5');

-- a table of cases: pattern, journey, expected count
CREATE TEMP TABLE cases (id serial, pattern text, journey text, expected int8);
INSERT INTO cases (pattern, journey, expected) VALUES
    -- labels: channel matches any action or none; channel/action needs that action
    ('web', 'web/view@0, email@1, web@2', 2),
    ('web/view', 'web/view@0, email@1, web@2, web/buy@3', 1),
    ('web/view', 'web@0', 0),
    ('email/open', 'email/click@0, email/open@1', 1),
    ('Web', 'web@0', 0),                                    -- case-sensitive
    ('we', 'web@0', 0),                                     -- whole label, not a prefix
    ('"Paid Search"', 'Paid Search@0, web@1', 1),
    ('''paid search''/click', 'paid search/click@0', 1),
    ('"Paid Search"/"add to cart"', 'Paid Search/add to cart@0', 1),
    ('''don''''t''', 'don''t@0', 1),                        -- '' is one quote
    ('"web.app"', 'web.app@0, web@1', 1),                   -- . quoted is a plain byte
    ('e-mail ->x', 'e-mail@0, x@1', 1),                     -- "-" in a label, "->" ends it
    ('café', 'café@0', 1),                                  -- multibyte labels unquoted
    ('a_1:b', 'a_1:b@0', 1),
    -- sequence: consecutive steps
    ('a b', 'a@0, b@1', 1),
    ('a b', 'a@0, c@1, b@2', 0),
    ('a -> b -> c', 'a@0, b@1, c@2', 1),
    ('a->b', 'a@0, b@1', 1),
    (E'a\n\t b\r\n', 'a@0, b@1', 1),                          -- any ASCII white space
    ('search web (email | app) web/purchase', 'search@0, web@1, app@2, web/purchase@3', 1),
    -- any step
    ('.', 'a@0, b@1, c@2', 3),
    ('a . c', 'a@0, x@1, c@2, a@3, c@4', 1),
    ('. .', 'a@0, b@1, c@2, d@3, e@4', 2),
    -- alternation, of single terms and of sequences; precedence below sequence
    ('a | b', 'a@0, c@1, b@2', 2),
    ('a b | c', 'a@0, b@1, c@2', 2),
    ('a (b | c)', 'a@0, c@1', 1),
    ('a (b | c)', 'a@0, b@1, a@2, c@3, a@4, d@5', 2),
    ('(a b | c d) e', 'c@0, d@1, e@2, a@3, b@4, e@5', 2),
    ('(a b | c d) e', 'a@0, d@1, e@2', 0),
    ('x | y | z', 'z@0, y@1, x@2', 3),
    -- quantifiers
    ('a*', 'a@0, a@1, b@2', 2),                              -- non-empty matches only
    ('b a* b', 'b@0, b@1, b@2, a@3, b@4', 2),
    ('a+', 'a@0, a@1, a@2', 3),                              -- earliest end: each step
    ('a+ b', 'a@0, a@1, a@2, b@3', 1),
    ('a? b', 'b@0, a@1, b@2', 2),
    ('a{2}', 'a@0, a@1, a@2, a@3, a@4', 2),
    ('a{3}', 'a@0, a@1', 0),
    ('a{2,}', 'a@0, a@1, a@2, b@3, a@4', 1),
    ('a{2,3} b', 'a@0, b@1, a@2, a@3, b@4, a@5, a@6, a@7, b@8, a@9, a@10, a@11, a@12, b@13', 3),
    ('b a{0,2} b', 'b@0, b@1, a@2, a@3, b@4, a@5, a@6, b@7', 2),
    ('b a{0,2} b', 'b@0, a@1, a@2, a@3, b@4', 0),
    ('a{0}', 'a@0', 0),                                      -- only the empty run
    ('a{0} b', 'a@0, b@1', 1),
    ('a { 1 , 2 } b', 'a@0, a@1, b@2', 1),                   -- white space in braces
    ('a +', 'a@0', 1),                                       -- and before a quantifier
    ('(a b)+ c', 'a@0, b@1, a@2, b@3, c@4', 1),
    ('(a b)+ c', 'a@0, b@1, a@2, c@3', 0),
    ('((a | b) c?)+ d', 'a@0, b@1, c@2, a@3, d@4', 1),
    ('(a | b c){2} d', 'b@0, c@1, a@2, d@3', 1),
    ('(a*)* b', 'a@0, a@1, b@2, b@3', 2),                    -- nested nullable loops
    ('(a? b?)+ c', 'a@0, b@1, b@2, a@3, c@4', 1),
    -- anchors
    ('^a', 'a@0, a@1', 1),
    ('^a', 'b@0, a@1', 0),
    ('a$', 'a@0, a@1', 1),
    ('a$', 'a@0, b@1', 0),
    ('^a b$', 'a@0, b@1', 1),
    ('^a b$', 'a@0, b@1, c@2', 0),
    ('^.*$', 'a@0, b@1, c@2', 1),
    ('^.+', 'a@0, b@1, c@2', 1),                             -- shortest: one match only
    ('(^ | b) a', 'a@0, b@1, a@2, a@3', 2),
    ('a ^ b', 'a@0, b@1', 0),
    ('^$', 'a@0', 0),
    -- counting is non-overlapping, each match the one ending first
    ('a a', 'a@0, a@1, a@2, a@3, a@4', 2),
    ('a b a', 'a@0, b@1, a@2, b@3, a@4', 1),
    ('a b c | b', 'a@0, b@1, c@2', 1),
    ('a . . d | c', 'a@0, b@1, c@2, d@3, c@4', 2),
    -- '*' for the whole channel or action matches any channel or action
    ('*/buy', 'web/buy@0, app/buy@1, app/view@2, store/buy@3, buy@4', 3),
    ('*/buy', 'web@0', 0),
    ('web/*', 'web@0, web/view@1, app/view@2', 2),             -- the same as web
    ('*/*', 'web@0, app/view@1', 2),                           -- the same as .
    ('search */view+ */buy', 'search@0, web/view@1, app/view@2, app/buy@3', 1),
    ('search -> */view -> */buy', 'search@0, web/view@1, app/buy@2', 1),
    ('search */buy', 'search@0, web/view@1, app/buy@2', 0),    -- consecutive steps
    ('(*/view)+', 'web/view@0, app/view@1, x@2, web/view@3', 3),
    ('web/* */buy', 'web@0, app/buy@1', 1),
    ('web/** */buy', 'web/view@0, web@1, app/buy@2', 1),       -- web/* repeated, then any buy
    ('a+ */x', 'a@0, a@1, b/x@2', 1),
    ('*/x ->[< 1 hour] .', 'b/x@0, c@30', 1),
    ('*/x ->[< 1 hour] */*', 'b/x@0, c@90', 0),
    -- a channel or action literally named *: quoted in a pattern; '*' matches it as any other
    ('"*"/buy', '*/buy@0, web/buy@1', 1),
    ('web/''*''', 'web/*@0, web/buy@1', 1),
    ('*/buy', '*/buy@0, web/buy@1', 2),
    ('"*"', '*@0, web@1', 1),
    -- empty journeys
    ('a', '', 0),
    ('a*', '', 0),
    ('.*', '', 0),
    ('^', '', 0);

SELECT id, regexp_replace(pattern, '\s', ' ', 'g') AS pattern, journey, expected,
       (pg_temp.m(pattern, journey)).*,
       CASE WHEN (pg_temp.m(pattern, journey)).count = expected
             AND (pg_temp.m(pattern, journey)).matches = (expected > 0)
            THEN 'ok' ELSE 'WRONG' END AS check
FROM cases ORDER BY id;

-- time bounds: the gap between the consecutive steps on either side of the bound
CREATE TEMP TABLE bound_cases (id serial, pattern text, journey text, expected int8);
INSERT INTO bound_cases (pattern, journey, expected) VALUES
    ('email ->[< 1 day] web', 'email@0, web@1439', 1),
    ('email ->[< 1 day] web', 'email@0, web@1440', 0),           -- exactly a day: not within
    ('email ->[<= 1 day] web', 'email@0, web@1440', 1),
    ('email ->[>= 1 day] web', 'email@0, web@1440', 1),
    ('email ->[>= 1 day] web', 'email@0, web@1439', 0),
    ('email ->[> 1 day] web', 'email@0, web@1440', 0),
    ('email ->[> 1 day] web', 'email@0, web@1441', 1),
    ('a ->[<= 0 seconds] b', 'a@0, b@0', 1),                     -- equal times
    ('a ->[< 0 seconds] b', 'a@0, b@0', 0),
    ('a ->[>= 0 s] b', 'a@0, b@0', 1),
    ('a ->[< 30 minutes] b', 'a@0, b@29.99', 1),
    ('a ->[< 30 minutes] b', 'a@0, b@30', 0),
    ('a ->[< PT30M] b', 'a@0, b@29', 1),                         -- ISO 8601 intervals
    ('a ->[< 1 day 2 hours] b', 'a@0, b@1500', 1),
    ('a ->[< 1 day 2 hours] b', 'a@0, b@1560', 0),
    ('a ->[< 1 day -1 hour] b', 'a@0, b@1380', 0),               -- mixed signs: 23 hours
    ('a ->[< 1 day -1 hour] b', 'a@0, b@1379', 1),
    ('a->[<1 hour]b', 'a@0, b@59', 1),                           -- no white space needed
    ('a -> [ < 1 hour ] b', 'a@0, b@59', 1),
    -- each step of a repetition is bounded separately
    ('web ->[< 10 minutes] web ->[< 10 minutes] web', 'web@0, web@5, web@14, web@30', 1),
    ('web ->[< 10 minutes] web ->[< 10 minutes] web', 'web@0, web@5, web@16, web@30', 0),
    ('(web ->[< 10 minutes] web)+ buy', 'web@0, web@5, web@100, web@105, buy@106', 1),
    ('(web ->[< 10 minutes] web)+ buy', 'web@0, web@5, web@100, web@115, buy@116', 0),
    -- a bound at the edge of a group binds across the edge: every gap of a run
    ('a (->[<1 hour] b)', 'a@0, b@1', 1),
    ('a (->[<1 hour] b)', 'a@0, b@61', 0),
    ('^ web (->[< 10 minutes] web)* $', 'web@0, web@5, web@14, web@20', 1),
    ('^ web (->[< 10 minutes] web)* $', 'web@0, web@5, web@14, web@30', 0),
    ('web (->[< 10 minutes] web)+', 'web@0, web@5, web@14, web@30, web@31', 2),
    ('(web ->[< 10 minutes])+ buy', 'web@0, web@5, buy@10', 1),
    ('(web ->[< 10 minutes])+ buy', 'web@0, web@5, buy@20', 0),
    ('(web ->[< 10 minutes])+ buy', 'web@0, web@15, buy@20', 1),
    ('(a ->[< 1 hour] | b) c', 'a@0, c@30, b@40, c@200', 2),
    ('(a ->[< 1 hour] | b) c', 'a@0, c@90', 0),
    ('(->[< 1 hour] a)', 'a@0', 1),                              -- nothing before: holds
    ('b (->[>= 1 hour])', 'b@0, x@1', 1),                       -- nothing after: holds
    -- a bound next to a skipped optional term binds the steps around it
    ('a ->[< 1 hour] b? ->[>= 2 hours] c', 'a@0, b@30, c@200', 1),
    ('a ->[< 1 hour] b? ->[>= 2 hours] c', 'a@0, c@30', 0),         -- both bind a->c
    ('a ->[< 1 hour] b? c', 'a@0, c@30', 1),
    ('a ->[< 1 hour] b? c', 'a@0, c@90', 0),
    -- at the edges of a match a bound has no step on one side and holds
    ('a? ->[< 1 hour] b', 'x@0, b@600', 1),
    ('a? ->[< 1 hour] b', 'a@0, b@600', 1),                      -- skips a: matches "b" alone
    ('a ->[< 1 hour] b?', 'a@0, x@1', 1),
    ('a ->[< 1 hour] b? $', 'a@0, b@600', 0),
    ('a ->[< 1 hour] b? $', 'a@0, b@30', 1),
    -- bound inside alternation and after a group
    ('(a ->[< 1 hour] b | c ->[>= 1 hour] d)', 'a@0, b@30, c@40, d@50, c@60, d@200', 2),
    ('(a | b) ->[< 1 hour] (c | d)', 'b@0, d@120, a@200, c@210', 1),
    -- fresh threads (starting at a step) and carried ones meet in the same state
    ('(a | b ->[< 1 hour] a) c', 'b@0, a@120, c@121', 1),
    ('(b ->[< 1 hour] a | a) c', 'b@0, a@120, c@121', 1),
    ('b? ->[< 1 hour] a', 'b@0, a@120', 1),
    ('^ b? ->[< 1 hour] a', 'b@0, a@120', 0),
    -- a quantified group whose bound is at its edge binds consecutive iterations
    ('(a ->[< 1 hour] . )+ $', 'a@0, x@10, a@100, x@110', 1),
    ('^ (a ->[< 1 hour] . )+ $', 'a@0, x@10, a@100, x@110', 1),
    ('^ (a ->[< 1 hour] . )+ $', 'a@0, x@70, a@100, x@110', 0);

SELECT id, pattern, journey, expected,
       CASE WHEN expected IS NULL
            THEN (SELECT state FROM cxm_test.error_of(format('SELECT pg_temp.pattern_count(%L, %L)',
                         pattern, pg_temp.steps(journey))))
            ELSE (pg_temp.m(pattern, journey)).count::text END AS count,
       CASE WHEN expected IS NULL THEN 'error'
            WHEN (pg_temp.m(pattern, journey)).count = expected
             AND (pg_temp.m(pattern, journey)).matches = (expected > 0)
            THEN 'ok' ELSE 'WRONG' END AS check
FROM bound_cases ORDER BY id;

-- the compiled pattern is kept per call site and compiled again when the text changes,
-- including to another pattern of the same length
SELECT k, p AS pattern, pg_temp.pattern_count(p, pg_temp.steps('a@0, b@1, a@2, c@3')) AS count,
       pg_temp.pattern_matches(p, pg_temp.steps('a@0, b@1, a@2, c@3')) AS matches
FROM unnest(ARRAY['a', 'a', 'b', 'a', 'a c', '.', '.', 'x', 'c$', '^c']) WITH ORDINALITY AS t(p, k)
ORDER BY k;

-- linear time: pathological patterns on 10000 steps (a backtracking matcher never finishes)
CREATE TEMP TABLE long_journey AS
SELECT array_agg('a@' || to_char(('2025-01-01 00:00:00+00'::timestamptz + g * interval '1 second')
                                 AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00'
                 ORDER BY g) AS steps
FROM generate_series(1, 10000) g;
SET statement_timeout = '20s';
SELECT pg_temp.pattern_count('(.*)*b', steps) AS dot_star_star_b,
       pg_temp.pattern_count('(a*)*', steps) AS a_star_star,
       pg_temp.pattern_count('^(a|a)*(a|a)*$', steps) AS alternating_all,
       pg_temp.pattern_count('(a?){1000}a{1000}', steps) AS optional_thousand,
       pg_temp.pattern_count('a{1000}', steps) AS blocks_of_thousand,
       pg_temp.pattern_count('(a ->[< 2 seconds] a)+ $', steps) AS bounded_chain,
       pg_temp.pattern_matches('^a+b', steps) AS no_b,
       pg_temp.pattern_matches('a{999}$', steps) AS tail
FROM long_journey;
RESET statement_timeout;

-- journeys are in time order whatever order the steps were given in; NULL in, NULL out
SELECT pg_temp.pattern_count('a ->[<= 1 day] b', '{b@2025-01-02+00,a@2025-01-01+00}') AS sorted_first;
SELECT journey_matches(NULL, 'a') IS NULL AS null_journey,
       journey_match_count('{"version": 1, "steps": []}'::journey, 'a') AS empty_journey;
SELECT * FROM cxm_test.error_of($$SELECT pg_temp.pattern_count('a', '{a/b/c@2025-01-01+00}')$$);
SELECT pg_temp.pattern_count(NULL, '{}') IS NULL AS null_pattern,
       pg_temp.pattern_matches('a', NULL) IS NULL AS null_steps;

-- every error path: (state, message, hint); positions count characters from 1
SELECT left(p, 30) AS pattern, e.state, e.message
FROM unnest(ARRAY[
    '', '   ', '|a', 'a|', 'a||b', '()', 'a ( | b)', '(a', '((a)', 'a)', ')',
    '*a', 'a**', 'a*+', 'a+?', 'a{2}{3}', '{2}', 'a{', 'a{x}', 'a{2', 'a{2,x}', 'a{3,2}',
    'a{1001}', 'a{99999999999999999999}', 'a{0,1001}',
    '*', '*/', '*/ b', '* /b', 'a*/b', '(a)*/b', 'a+*/b', 'a/*b', 'a/*"b"', '*/"*', '**/a',
    '/a', 'a/', 'a/ b', 'a/|', 'a//b', '"a', '''a', '""', '" a"', 'a/"b ', '"a/b"', '''a,b''',
    E'"a\tb"', 'a.b', 'a@b', 'a,b', 'a\b', 'a<b', 'a>b', '[< 1 day] a',
    '-> a', '->[< 1 hour] a', 'a ->', 'a ->[< 1 hour]', 'a -> -> b', '(-> a)', '(a ->)',
    'a ->[< 1 hour] ->[< 1 hour] b', 'a ->[< 1 day]', 'a ->[< 1 day] | b', 'a ->[ 1 day] b',
    'a ->[= 1 day] b', 'a ->[< 1 day b', 'a ->[<] b', 'a ->[< ] b', 'a ->[< 1 fortnight] b',
    'a ->[< 1 month] b', 'a ->[< 1 year] b', 'a ->[< -1 hour] b', 'a ->[< 1 day -25 hours] b',
    'a ->[< 200000000 days] b', 'a ->[< 1 day]* b', 'café ö)',
    repeat('(', 101) || 'a' || repeat(')', 101), E'a \x01'
]) AS p, cxm_test.error_of(format('SELECT pg_temp.pattern_count(%L, %L)', p, '{}'::text[])) AS e;

-- the hint, once
SELECT hint FROM cxm_test.error_of($$SELECT pg_temp.pattern_count('(', '{}')$$);
-- nesting up to the limit is fine
SELECT pg_temp.pattern_count(repeat('(', 100) || 'a' || repeat(')', 100), '{a@2025-01-01+00}');
-- too many states: 54000 naming the pattern
SELECT * FROM cxm_test.error_of($$SELECT pg_temp.pattern_count('(a{1000}){11}', '{}')$$);
SELECT * FROM cxm_test.error_of($$SELECT pg_temp.pattern_count('((a|b){100}){100}', '{}')$$);
SELECT * FROM cxm_test.error_of(format('SELECT pg_temp.pattern_count(%L, %L)', repeat('x', 300), '{}'));

-- ---- oracle: random journeys and random patterns against PostgreSQL regular expressions ----
--
-- A journey becomes a string of step tokens "channel/action" + a digit saying how long until the
-- next step (1: one hour, 2: two hours, 9: last step). A pattern is generated together with a
-- regular expression over that string: a label is "a/[a-z]*[129]", "." is "[a-z]+/[a-z]*[129]",
-- ^ and $ are lookarounds for the markers "<" and ">" placed before the first and after the last
-- step, and a time bound is "at the edge of the match, or after a token whose gap digit
-- satisfies the bound". The run of steps i..j matches when the token string of those steps, with
-- "<" in front when i is the first step and ">" after when j is the last, matches
-- ^<?(?:re)>?$. The count oracle is a dynamic program over all (i, j) pairs: the most
-- disjoint matching runs, an independent formulation of the greedy scan in pattern.c.
SELECT cxm_test.setseed(0.20251123);

CREATE FUNCTION pg_temp.gen_label(OUT pat text, OUT re text) LANGUAGE plpgsql AS $$
DECLARE
    ch text := chr(97 + floor(cxm_test.random() * 3)::int);
    act text := (ARRAY['x', 'y'])[1 + floor(cxm_test.random() * 2)::int];
    r float8 := cxm_test.random();
BEGIN
    IF r < 0.35 THEN pat := ch; re := ch || '/[a-z]*[129]';
    ELSIF r < 0.6 THEN pat := ch || '/' || act; re := ch || '/' || act || '[129]';
    ELSIF r < 0.65 THEN pat := '"' || ch || '"/''' || act || ''''; re := ch || '/' || act || '[129]';
    ELSIF r < 0.7 THEN pat := '*/' || act; re := '[a-z]+/' || act || '[129]';
    ELSIF r < 0.8 THEN pat := '.'; re := '[a-z]+/[a-z]*[129]';
    ELSIF r < 0.85 THEN pat := (ARRAY['*/*', ch || '/*'])[1 + floor(r * 1000)::int % 2];
        re := CASE WHEN pat = '*/*' THEN '[a-z]+' ELSE ch END || '/[a-z]*[129]';
    ELSIF r < 0.93 THEN pat := '^'; re := '(?<=<)';
    ELSE pat := '$'; re := '(?=>)';
    END IF;
END $$;

-- the separator between two terms: white space, "->", or a time bound with its gap digits
CREATE FUNCTION pg_temp.gen_separator(OUT pat text, OUT re text) LANGUAGE plpgsql AS $$
DECLARE
    r int := floor(cxm_test.random() * 10)::int;
    bounds text[] := ARRAY['< 1 hour', '<= 1 hour', '< 2 hours', '> 1 hour', '>= 1 hour',
                           '>= 2 hours', '> 2 hours', '<= 90 minutes', '< PT2H', '>= 1 day'];
    digits text[] := ARRAY['', '1', '1', '2', '12', '2', '', '1', '1', ''];
    k int := 1 + floor(cxm_test.random() * 10)::int;
BEGIN
    IF r < 4 THEN pat := ' '; re := '';
    ELSIF r < 5 THEN pat := ' -> '; re := '';
    ELSE
        pat := ' ->[' || bounds[k] || '] ';
        re := '(?:(?<![129])|(?![^>])' ||
              CASE WHEN digits[k] = '' THEN '' ELSE '|(?<=[' || digits[k] || '])' END || ')';
    END IF;
END $$;

CREATE FUNCTION pg_temp.gen_pattern(depth int, OUT pat text, OUT re text) LANGUAGE plpgsql AS $$
DECLARE
    a record;
    b record;
    s record;
    r float8 := cxm_test.random();
    m int;
    q text;
BEGIN
    IF depth <= 0 OR r < 0.3 THEN
        SELECT * INTO a FROM pg_temp.gen_label();
        pat := a.pat; re := a.re;
        RETURN;
    END IF;
    SELECT * INTO a FROM pg_temp.gen_pattern(depth - 1);
    r := cxm_test.random();
    IF r < 0.4 THEN
        SELECT * INTO b FROM pg_temp.gen_pattern(depth - 1);
        SELECT * INTO s FROM pg_temp.gen_separator();
        pat := a.pat || s.pat || b.pat; re := a.re || s.re || b.re;
    ELSIF r < 0.5 THEN
        -- a bound opening or closing a group binds across the group's edge
        SELECT * INTO s FROM pg_temp.gen_separator();
        IF s.pat NOT LIKE '%[%' THEN
            pat := '(' || a.pat || ')'; re := '(?:' || a.re || ')';
        ELSIF cxm_test.random() < 0.5 THEN
            pat := '(' || btrim(s.pat) || ' ' || a.pat || ')'; re := '(?:' || s.re || a.re || ')';
        ELSE
            pat := '(' || a.pat || ' ' || btrim(s.pat) || ')'; re := '(?:' || a.re || s.re || ')';
        END IF;
    ELSIF r < 0.7 THEN
        SELECT * INTO b FROM pg_temp.gen_pattern(depth - 1);
        pat := '(' || a.pat || ' | ' || b.pat || ')'; re := '(?:' || a.re || '|' || b.re || ')';
    ELSE
        m := floor(cxm_test.random() * 3)::int;
        q := (ARRAY['*', '+', '?', '{' || m || '}', '{' || m || ',}',
                    '{' || m || ',' || m + floor(cxm_test.random() * 3)::int || '}'])
             [1 + floor(cxm_test.random() * 6)::int];
        pat := '(' || a.pat || ')' || q; re := '(?:' || a.re || ')' || q;
    END IF;
END $$;

CREATE TEMP TABLE oracle_patterns (pid int, pat text, re text);
DO $$
BEGIN
    FOR g IN 1..250 LOOP
        INSERT INTO oracle_patterns SELECT g, p.* FROM pg_temp.gen_pattern(3 + g % 2) p;
    END LOOP;
END $$;

-- journeys: 0 to 9 steps over channels a, b, c with actions x, y or none, gaps of 1 or 2 hours
CREATE TEMP TABLE oracle_journeys (jid int, literals text[], tokens text[]);
DO $$
DECLARE
    j int;
    k int;
    n int;
    t timestamptz;
    gap int;
    ch text;
    act text;
    lits text[];
    toks text[];
BEGIN
    FOR j IN 1..120 LOOP
        n := floor(cxm_test.random() * 10)::int;
        t := '2025-01-01 00:00:00+00';
        lits := '{}'; toks := '{}';
        FOR k IN 1..n LOOP
            ch := chr(97 + floor(cxm_test.random() * 3)::int);
            act := (ARRAY['x', 'y', NULL])[1 + floor(cxm_test.random() * 3)::int];
            gap := CASE WHEN k = n THEN 9 ELSE 1 + floor(cxm_test.random() * 2)::int END;
            lits := lits || (ch || coalesce('/' || act, '') || '@' ||
                             to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00');
            toks := toks || (ch || '/' || coalesce(act, '') || gap);
            IF gap < 9 THEN t := t + gap * interval '1 hour'; END IF;
        END LOOP;
        INSERT INTO oracle_journeys VALUES (j, lits, toks);
    END LOOP;
END $$;

CREATE FUNCTION pg_temp.oracle_count(re text, tokens text[]) RETURNS int8 LANGUAGE plpgsql AS $$
DECLARE
    n int := coalesce(array_length(tokens, 1), 0);
    best int8[] := array_fill(0::int8, ARRAY[n + 1]);   -- best[j + 1]: most matches in steps < j
    full_re text := '^<?(?:' || re || ')>?$';
    i int;
    j int;
    s text;
BEGIN
    FOR j IN 1..n LOOP
        best[j + 1] := best[j];
        FOR i IN 0..j - 1 LOOP
            s := CASE WHEN i = 0 THEN '<' ELSE '' END ||
                 array_to_string(tokens[i + 1:j], '') ||
                 CASE WHEN j = n THEN '>' ELSE '' END;
            IF s ~ full_re THEN
                best[j + 1] := greatest(best[j + 1], best[i + 1] + 1);
            END IF;
        END LOOP;
    END LOOP;
    RETURN best[n + 1];
END $$;

CREATE TEMP TABLE oracle_results AS
SELECT pid, jid, p.pat,
       pg_temp.pattern_count(p.pat, j.literals) AS count,
       pg_temp.pattern_matches(p.pat, j.literals) AS matches,
       pg_temp.oracle_count(p.re, j.tokens) AS oracle
FROM oracle_patterns p, oracle_journeys j;

-- the comparison is not vacuous: many pairs match, some several times, some have bounds
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE oracle > 0) AS matching_pairs,
       count(*) FILTER (WHERE oracle > 1) AS multi_match_pairs,
       count(DISTINCT pid) AS patterns,
       count(DISTINCT pid) FILTER (WHERE oracle > 0) AS patterns_that_match,
       count(DISTINCT pid) FILTER (WHERE pat LIKE '%->[%') AS bounded_patterns,
       count(DISTINCT pid) FILTER (WHERE pat LIKE '%->[%' AND oracle > 0) AS bounded_patterns_that_match,
       count(DISTINCT pid) FILTER (WHERE pat ~ '\(->\[|\] ?\)') AS edge_bound_patterns,
       count(DISTINCT pid) FILTER (WHERE pat LIKE '%*/%' OR pat LIKE '%/*%') AS wildcard_patterns,
       count(DISTINCT pid) FILTER (WHERE (pat LIKE '%*/%' OR pat LIKE '%/*%') AND oracle > 0) AS wildcard_patterns_that_match
FROM oracle_results;
-- and it agrees everywhere
SELECT pid, jid, pat, count, matches, oracle
FROM oracle_results
WHERE count <> oracle OR matches <> (oracle > 0)
ORDER BY pid, jid LIMIT 10;
