# cxm: plain PGXS build. `make PG_CONFIG=/path/to/pg_config` picks another server.
# SQL: sql/cxm--<version>.sql is sql/install/* (the current surface, by area) concatenated;
# sql/cxm--<previous>--<version>.sql is sql/updates/<previous>--<version>/* (see its README).
EXTENSION  = cxm
EXTVERSION = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)
MODULE_big = cxm
# C sources by area (src/<area>/*.c); each area's headers are found by name from any area
AREAS      = core math journey attribution feedback lifecycle value
OBJS       = $(patsubst %.c,%.o,$(sort $(foreach a,$(AREAS),$(wildcard src/$(a)/*.c))))
PG_CPPFLAGS = $(addprefix -I$(srcdir)/src/,$(AREAS))

# Released install scripts are frozen in sql/ (sql/cxm--0.1.0.sql). The current version's
# install script is built from the per-area sources sql/install/*.sql in name order; the feedback
# metrics come from templates (FEEDBACK_* below). The update script from the previous release is
# the change files of sql/updates/<previous>--<current>/ in name order.
PREVVERSION  = 0.1.0
INSTALL_DIR  = sql/install
INSTALL_SRCS = $(sort $(wildcard $(INSTALL_DIR)/*.sql $(INSTALL_DIR)/*.sql.in))
UPDATE_DIR   = sql/updates/$(PREVVERSION)--$(EXTVERSION)
UPDATE_SRCS  = $(sort $(wildcard $(UPDATE_DIR)/*.sql))
# change files that must run after everything else, the feedback score-type overloads included
UPDATE_LAST  = $(sort $(wildcard $(UPDATE_DIR)/last/*.sql))
# Areas new in this version: their install sources create only new objects, so the update script
# takes them as they are, after the change files (rather than a copy in $(UPDATE_DIR)).
NEW_AREAS    = 22_journey_merge 40_feedback_tally 45_drivers 46_terms 65_sbg 66_bgbb
NEW_SRCS     = $(NEW_AREAS:%=$(INSTALL_DIR)/%.sql)
DATA_built   = sql/$(EXTENSION)--$(EXTVERSION).sql sql/$(EXTENSION)--$(PREVVERSION)--$(EXTVERSION).sql
DATA         = $(filter-out $(DATA_built),$(sort $(wildcard sql/$(EXTENSION)--*.sql)))

# Feedback metrics: the one *.sql.in of sql/install/ is written once per metric, each followed
# by $(INSTALL_DIR)/feedback/score.sql.in once per score type and by the metric's own
# $(INSTALL_DIR)/feedback/<metric>.sql. Placeholders: @METRIC@ (nps), @NAME@ (NPS), @SCORE@,
# @SCALE@ and @SCALE_ARG@ (the scale argument in signatures and in aggregate declarations, empty
# for nps), @STRICT_UNSCALED@ (` STRICT` for metrics without a scale argument); the lines from
# `-- @IF_SCALED@` to `-- @END_IF_SCALED@` are kept only for metrics with a scale argument.
FEEDBACK_METRICS = nps csat ces
FEEDBACK_SCALED  = csat ces
FEEDBACK_SCORES  = int2 int4 int8 numeric float8
# metrics whose unweighted <metric>_agg keeps a <metric>_tally (40_feedback_tally.sql): in
# score.sql.in, the lines from `-- @IF_TALLY@` to `-- @ELSE_TALLY@` are kept for them, those from
# there to `-- @END_IF_TALLY@` for the others; @TALLY_EMPTY@ is the empty tally's text
FEEDBACK_TALLIED = nps csat
TALLY_EMPTY_nps  = {"answers": 0, "net": 0}
TALLY_EMPTY_csat = {"answers": 0, "satisfied": 0}
FEEDBACK_SRCS    = $(INSTALL_DIR)/feedback/score.sql.in $(FEEDBACK_METRICS:%=$(INSTALL_DIR)/feedback/%.sql)
comma := ,
feedback_sed = sed -e 's/@METRIC@/$(1)/g' -e 's/@NAME@/$(shell echo $(1) | tr a-z A-Z)/g' \
	$(if $(filter $(1),$(FEEDBACK_SCALED)),\
	  -e '/^-- @IF_SCALED@/d' -e '/^-- @END_IF_SCALED@/d' -e 's/@SCALE@/$(comma) int4/g' -e 's/@SCALE_ARG@/$(comma) scale int4/g',\
	  -e '/^-- @IF_SCALED@/$(comma)/^-- @END_IF_SCALED@/d' -e 's/@SCALE@//g' -e 's/@SCALE_ARG@//g') \
	$(if $(filter $(1),$(FEEDBACK_SCALED)),-e 's/@STRICT_UNSCALED@//g',-e 's/@STRICT_UNSCALED@/ STRICT/g') \
	$(if $(filter $(1),$(FEEDBACK_TALLIED)),\
	  -e '/^-- @IF_TALLY@/d' -e '/^-- @ELSE_TALLY@/$(comma)/^-- @END_IF_TALLY@/d' -e 's/@TALLY_EMPTY@/$(TALLY_EMPTY_$(1))/g',\
	  -e '/^-- @IF_TALLY@/$(comma)/^-- @ELSE_TALLY@/d' -e '/^-- @END_IF_TALLY@/d')
feedback_scores = $(foreach s,$(FEEDBACK_SCORES),$(call feedback_sed,$(1)) -e 's/@SCORE@/$(s)/g' $(INSTALL_DIR)/feedback/score.sql.in;)
feedback_metric = $(call feedback_sed,$(1)) $$f; $(call feedback_scores,$(1)) \
	cat $(INSTALL_DIR)/feedback/$(1).sql;

# pg_regress: sql/<concept>.sql -> expected/<concept>.out; `setup` creates shared test helpers
# and must run first, the rest run in name order.
TESTS      = $(sort $(filter-out $(EXTENSION)--% setup,$(basename $(notdir $(wildcard sql/*.sql)))))
REGRESS    = setup $(TESTS)
REGRESS_OPTS = --load-extension=cxm

# Warnings are errors: a warning in cxm is a bug in cxm (`make CXM_WERROR=` to build anyway
# with a compiler or server newer than cxm knows).
CXM_WERROR ?= -Werror
PG_CFLAGS += $(CXM_WERROR) -Wextra -Wno-unused-parameter -Wno-sign-compare \
             -Wno-missing-field-initializers -Wno-cast-function-type

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(OBJS): $(wildcard src/*/*.h)

# The update script ends with the areas new in this version, the score-type overloads of the
# feedback aggregates that 0.2.0 introduced, written from the install source's template, and the
# change files of $(UPDATE_DIR)/last/ (which move user views onto those overloads and drop the
# anyelement aggregates they replace).
sql/$(EXTENSION)--$(PREVVERSION)--$(EXTVERSION).sql: $(UPDATE_SRCS) $(NEW_SRCS) $(INSTALL_DIR)/feedback/score.sql.in $(UPDATE_LAST) Makefile
	{ echo '-- cxm $(PREVVERSION) -> $(EXTVERSION): built from $(UPDATE_DIR)/ by the Makefile; do not edit.'; \
	  echo '\\echo Use "ALTER EXTENSION cxm UPDATE TO '"'"'$(EXTVERSION)'"'"'" to load this file. \\quit'; \
	  for f in $(UPDATE_SRCS); do echo; echo "-- $$f"; cat $$f; done; \
	  for f in $(NEW_SRCS); do echo; echo "-- $$f (new in $(EXTVERSION))"; cat $$f; done; \
	  echo; echo "-- $(INSTALL_DIR)/feedback/score.sql.in, for each metric and score type"; \
	  $(foreach m,$(FEEDBACK_METRICS),$(call feedback_scores,$(m))) \
	  for f in $(UPDATE_LAST); do echo; echo "-- $$f"; cat $$f; done; } > $@

sql/$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_SRCS) $(FEEDBACK_SRCS) Makefile
	{ echo '-- cxm $(EXTVERSION): built from $(INSTALL_DIR)/ by the Makefile; do not edit.'; \
	  echo '/* Objects refer to each other through @extschema@ so that the script does not depend on'; \
	  echo '   search_path (it runs as superuser even when cxm is installed as trusted). */'; \
	  echo; \
	  echo '\\echo Use "CREATE EXTENSION cxm" to load this file. \\quit'; \
	  for f in $(INSTALL_SRCS); do \
	    echo; echo "-- $$f"; \
	    case $$f in \
	      *.sql.in) $(foreach m,$(FEEDBACK_METRICS),$(call feedback_metric,$(m))) ;; \
	      *) cat $$f ;; \
	    esac; \
	  done; } > $@
