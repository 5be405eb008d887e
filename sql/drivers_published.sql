-- drivers_published: driver_table against relative importances printed in published sources,
-- on the public data sets they were computed from (test/data/attitude, test/data/mtcars; their
-- READMEs say where the data and the printed numbers come from). Each check rounds cxm's value
-- to the printed precision and compares it with the printed number.

-- 1. Shapley shares (LMG) as general dominance weights: the README of the R package
-- dominanceanalysis (Bustos Navarrete & Coutinho Soares; repository clbustos/dominanceAnalysis,
-- README.md) prints averageContribution() of lm(rating ~ ., attitude), i.e. each predictor's
-- R² increase averaged over every subset size (Azen & Budescu 2003), which is the LMG value
-- shapley_share × R², to 3 decimals; and R² of all 63 sub-models in its dominance matrix.
CREATE TABLE attitude (id int, rating float8, complaints float8, privileges float8,
                       learning float8, raises float8, critical float8, advance float8);
\copy attitude FROM 'test/data/attitude/attitude.csv' (FORMAT csv, HEADER)
SELECT count(*), round(avg(rating)::numeric, 2) AS rating, round(avg(complaints)::numeric, 2) AS complaints,
       round(avg(advance)::numeric, 2) AS advance FROM attitude;

CREATE TABLE attitude_drivers AS
SELECT driver_summary(rating, ARRAY[complaints, privileges, learning, raises, critical, advance],
                      ARRAY['complaints', 'privileges', 'learning', 'raises', 'critical', 'advance']) AS s
FROM attitude;
-- the data as R's summary(lm(rating ~ ., data = attitude)) prints it: t value 3.809, -0.538,
-- 1.901, 0.369, 0.261, -1.218; Pr(>|t|) 0.000903, 0.595594, 0.069925, 0.715480, 0.796334,
-- 0.235577; Multiple R-squared 0.7326
SELECT t.driver, round((t.beta / t.std_error)::numeric, 3) AS t_value, round(t.p_value::numeric, 6) AS p_value,
       round(driver_r2(a.s)::numeric, 4) AS r2
FROM attitude_drivers a, driver_table(a.s) WITH ORDINALITY t ORDER BY t.ordinality;
-- "Average contribution": complaints 0.371, learning 0.156, raises 0.120, privileges 0.051,
-- advance 0.028, critical 0.007
CREATE TABLE attitude_published (driver text, general_dominance numeric);
INSERT INTO attitude_published VALUES ('complaints', 0.371), ('learning', 0.156), ('raises', 0.120),
    ('privileges', 0.051), ('advance', 0.028), ('critical', 0.007);
SELECT t.driver, round((t.shapley_share * driver_r2(a.s))::numeric, 3) AS cxm, p.general_dominance AS published,
       round((t.shapley_share * driver_r2(a.s))::numeric, 3) = p.general_dominance AS same, t.rank
FROM attitude_drivers a, driver_table(a.s) t JOIN attitude_published p USING (driver)
ORDER BY t.rank;
-- within half a unit of the last printed digit; the shares of R² (0.733) add up to 1
SELECT max(abs(t.shapley_share * driver_r2(a.s) - p.general_dominance::float8)) < 0.0005 AS within_rounding,
       round(driver_r2(a.s)::numeric, 3) AS r2, round(sum(t.shapley_share)::numeric, 12) AS shares
FROM attitude_drivers a, driver_table(a.s) t JOIN attitude_published p USING (driver)
GROUP BY a.s;

-- the dominance matrix's "fit" column: R² of every sub-model, the numbers the LMG values average
CREATE TABLE attitude_fits (model text, fit numeric);
INSERT INTO attitude_fits VALUES
    ('complaints', 0.681), ('privileges', 0.182), ('learning', 0.389), ('raises', 0.348),
    ('critical', 0.024), ('advance', 0.024),
    ('complaints+privileges', 0.683), ('complaints+learning', 0.708), ('complaints+raises', 0.684),
    ('complaints+critical', 0.681), ('complaints+advance', 0.682), ('privileges+learning', 0.408),
    ('privileges+raises', 0.382), ('privileges+critical', 0.191), ('privileges+advance', 0.182),
    ('learning+raises', 0.451), ('learning+critical', 0.396), ('learning+advance', 0.432),
    ('raises+critical', 0.353), ('raises+advance', 0.399), ('critical+advance', 0.038),
    ('complaints+privileges+learning', 0.715), ('complaints+privileges+raises', 0.686),
    ('complaints+privileges+critical', 0.683), ('complaints+privileges+advance', 0.683),
    ('complaints+learning+raises', 0.708), ('complaints+learning+critical', 0.708),
    ('complaints+learning+advance', 0.726), ('complaints+raises+critical', 0.684),
    ('complaints+raises+advance', 0.69), ('complaints+critical+advance', 0.682),
    ('privileges+learning+raises', 0.459), ('privileges+learning+critical', 0.413),
    ('privileges+learning+advance', 0.458), ('privileges+raises+critical', 0.386),
    ('privileges+raises+advance', 0.443), ('privileges+critical+advance', 0.191),
    ('learning+raises+critical', 0.451), ('learning+raises+advance', 0.552),
    ('learning+critical+advance', 0.453), ('raises+critical+advance', 0.401),
    ('complaints+privileges+learning+raises', 0.715), ('complaints+privileges+learning+critical', 0.715),
    ('complaints+privileges+learning+advance', 0.729), ('complaints+privileges+raises+critical', 0.686),
    ('complaints+privileges+raises+advance', 0.69), ('complaints+privileges+critical+advance', 0.684),
    ('complaints+learning+raises+critical', 0.708), ('complaints+learning+raises+advance', 0.729),
    ('complaints+learning+critical+advance', 0.727), ('complaints+raises+critical+advance', 0.69),
    ('privileges+learning+raises+critical', 0.459), ('privileges+learning+raises+advance', 0.563),
    ('privileges+learning+critical+advance', 0.476), ('privileges+raises+critical+advance', 0.445),
    ('learning+raises+critical+advance', 0.553),
    ('complaints+privileges+learning+raises+critical', 0.715),
    ('complaints+privileges+learning+raises+advance', 0.732),
    ('complaints+privileges+learning+critical+advance', 0.731),
    ('complaints+privileges+raises+critical+advance', 0.691),
    ('complaints+learning+raises+critical+advance', 0.729),
    ('privileges+learning+raises+critical+advance', 0.564),
    ('complaints+privileges+learning+raises+critical+advance', 0.733);
CREATE TABLE attitude_submodels AS
SELECT array_to_string(ARRAY(SELECT n[i] FROM unnest(idx) i), '+') AS model,
       (SELECT driver_r2(driver_summary(a.rating,
                 ARRAY(SELECT (ARRAY[a.complaints, a.privileges, a.learning, a.raises, a.critical, a.advance])[i]
                       FROM unnest(idx) i)))
        FROM attitude a) AS r2
FROM (SELECT ARRAY['complaints', 'privileges', 'learning', 'raises', 'critical', 'advance'] AS n,
             ARRAY(SELECT i FROM generate_series(1, 6) i WHERE m & (1 << (i - 1)) <> 0) AS idx
      FROM generate_series(1, 63) m) s;
SELECT count(*) AS submodels, count(*) FILTER (WHERE round(r2::numeric, 3) = fit) AS same,
       max(abs(r2 - fit::float8)) < 0.0005 AS within_rounding
FROM attitude_submodels JOIN attitude_fits USING (model);
SELECT model, r2, fit FROM attitude_submodels JOIN attitude_fits USING (model)
WHERE round(r2::numeric, 3) <> fit;

-- 2. Johnson's relative weights: the README of the R package rwa (Martin Chan; repository
-- martinctc/rwa, README.md, "Basic example") prints rwa(mtcars, outcome = "mpg",
-- predictors = c("cyl", "disp", "hp", "gear")): rsquare 0.7791896; Raw.RelWeight (sums to R²)
-- and Rescaled.RelWeight (percent of R²) to 7 significant digits, and the regression signs.
CREATE TABLE mtcars (model text, mpg float8, cyl float8, disp float8, hp float8, drat float8,
                     wt float8, qsec float8, vs float8, am float8, gear float8, carb float8);
\copy mtcars FROM 'test/data/mtcars/mtcars.csv' (FORMAT csv, HEADER)
SELECT count(*), round(avg(mpg)::numeric, 5) AS mpg, round(avg(disp)::numeric, 4) AS disp,
       round(avg(hp)::numeric, 4) AS hp, round(avg(wt)::numeric, 5) AS wt FROM mtcars;

CREATE TABLE mtcars_drivers AS
SELECT driver_summary(mpg, ARRAY[cyl, disp, hp, gear], ARRAY['cyl', 'disp', 'hp', 'gear']) AS s FROM mtcars;
CREATE TABLE mtcars_published (driver text, raw_weight numeric, rescaled_weight numeric, sign text);
INSERT INTO mtcars_published VALUES ('cyl', 0.2284797, 29.32274, '-'), ('disp', 0.2221469, 28.50999, '-'),
    ('hp', 0.2321744, 29.79691, '-'), ('gear', 0.0963886, 12.37037, '+');
SELECT round(driver_r2(s)::numeric, 7) AS rsquare, round(driver_r2(s)::numeric, 7) = 0.7791896 AS same
FROM mtcars_drivers;
SELECT t.driver,
       round((t.relative_weight * driver_r2(m.s))::numeric, 7) AS raw_weight, p.raw_weight AS published,
       round((100 * t.relative_weight)::numeric, 5) AS rescaled_weight, p.rescaled_weight AS published,
       CASE WHEN t.beta > 0 THEN '+' ELSE '-' END AS sign, p.sign AS published,
       round((t.relative_weight * driver_r2(m.s))::numeric, 7) = p.raw_weight
           AND round((100 * t.relative_weight)::numeric, 5) = p.rescaled_weight
           AND (CASE WHEN t.beta > 0 THEN '+' ELSE '-' END) = p.sign AS same
FROM mtcars_drivers m, driver_table(m.s) t JOIN mtcars_published p USING (driver)
ORDER BY t.driver;
SELECT max(abs(t.relative_weight * driver_r2(m.s) - p.raw_weight::float8)) < 0.00000005 AS raw_within_rounding,
       max(abs(100 * t.relative_weight - p.rescaled_weight::float8)) < 0.000005 AS rescaled_within_rounding
FROM mtcars_drivers m, driver_table(m.s) t JOIN mtcars_published p USING (driver);

DROP TABLE attitude, attitude_drivers, attitude_published, attitude_fits, attitude_submodels,
           mtcars, mtcars_drivers, mtcars_published;
