/*
 * cxm.c: the module's entry point. Holds the one PG_MODULE_MAGIC of the library; settings
 * (GUCs) that later features need are registered here in _PG_init.
 */
#include "cxm.h"

PG_MODULE_MAGIC;
