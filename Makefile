# cxm: plain PGXS build. `make PG_CONFIG=/path/to/pg_config` picks another server.
EXTENSION  = cxm
MODULE_big = cxm
OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
DATA       = $(sort $(wildcard sql/cxm--*.sql))

# pg_regress: sql/<concept>.sql -> expected/<concept>.out; `setup` creates shared test helpers
# and must run first, the rest run in name order.
TESTS      = $(sort $(filter-out cxm--% setup,$(basename $(notdir $(wildcard sql/*.sql)))))
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

$(OBJS): $(wildcard src/*.h)
