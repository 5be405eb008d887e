# cxm: plain PGXS build. `make PG_CONFIG=/path/to/pg_config` picks another server.
EXTENSION  = cxm
EXTVERSION = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)
MODULE_big = cxm
# C sources by area (src/<area>/*.c); each area's headers are found by name from any area
AREAS      = core math journey attribution feedback lifecycle value
OBJS       = $(patsubst %.c,%.o,$(sort $(foreach a,$(AREAS),$(wildcard src/$(a)/*.c))))
PG_CPPFLAGS = $(addprefix -I$(srcdir)/src/,$(AREAS))

# Released install scripts are frozen in sql/. The current version's install script and the
# update script into it are built: the update script is the change files of
# sql/updates/<previous>--<current>/ in name order, and the install script is the previous
# release's script followed by the same changes.
PREVVERSION = 0.1.0
UPDATE_DIR  = sql/updates/$(PREVVERSION)--$(EXTVERSION)
UPDATE_SRCS = $(sort $(wildcard $(UPDATE_DIR)/*.sql))
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql sql/$(EXTENSION)--$(PREVVERSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(sort $(wildcard sql/$(EXTENSION)--*.sql)))

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

sql/$(EXTENSION)--$(PREVVERSION)--$(EXTVERSION).sql: $(UPDATE_SRCS) Makefile
	{ echo '-- cxm $(PREVVERSION) -> $(EXTVERSION): built from $(UPDATE_DIR)/ by the Makefile; do not edit.'; \
	  echo '\\echo Use "ALTER EXTENSION cxm UPDATE TO '"'"'$(EXTVERSION)'"'"'" to load this file. \\quit'; \
	  for f in $(UPDATE_SRCS); do echo; echo "-- $$f"; cat $$f; done; } > $@

sql/$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION)--$(PREVVERSION).sql $(UPDATE_SRCS) Makefile
	{ echo '-- cxm $(EXTVERSION): built by the Makefile from sql/$(EXTENSION)--$(PREVVERSION).sql and $(UPDATE_DIR)/; do not edit.'; \
	  cat sql/$(EXTENSION)--$(PREVVERSION).sql; \
	  for f in $(UPDATE_SRCS); do echo; echo "-- $$f"; cat $$f; done; } > $@
