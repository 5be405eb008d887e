/*
 * Volatility that follows what a function reads. The transition and combine functions of
 * journey_agg, journey_path and funnel_agg refuse a journey or funnel longer than the session's
 * cxm.max_journey_steps, so their result depends on a setting: STABLE, not IMMUTABLE
 * (activity_set_in, which reads times in the session TimeZone, is STABLE since 40-lifecycle.sql).
 * test/cases/volatility.sh checks the whole catalog.
 */
ALTER FUNCTION @extschema@.journey_agg_trans(@extschema@.journey, @extschema@.touchpoint) STABLE;
ALTER FUNCTION @extschema@.journey_agg_combine(@extschema@.journey, @extschema@.journey) STABLE;
ALTER FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint) STABLE;
ALTER FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint, text) STABLE;
ALTER FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint, text, boolean) STABLE;
ALTER FUNCTION @extschema@.journey_path_trans(@extschema@.journey_path_state, @extschema@.touchpoint, text, boolean, int4) STABLE;
ALTER FUNCTION @extschema@.journey_path_combine(@extschema@.journey_path_state, @extschema@.journey_path_state) STABLE;
ALTER FUNCTION @extschema@.funnel_agg_trans(@extschema@.funnel_state, @extschema@.touchpoint, text[], interval) STABLE;
ALTER FUNCTION @extschema@.funnel_agg_trans(@extschema@.funnel_state, @extschema@.touchpoint, text[], interval, text) STABLE;
ALTER FUNCTION @extschema@.funnel_agg_combine(@extschema@.funnel_state, @extschema@.funnel_state) STABLE;
