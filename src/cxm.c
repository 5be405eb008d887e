/*
 * cxm.c: the module's entry point. Holds the one PG_MODULE_MAGIC of the library; settings
 * (GUCs) that later features need are registered here in _PG_init.
 */
#include "cxm.h"

#include "utils/guc.h"

#include "journey.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomIntVariable("cxm.max_journey_steps",
							"Largest number of touchpoints in one journey.",
							"Building a longer journey raises an error (SQLSTATE 54000) instead "
							"of exhausting memory.",
							&cxm_max_journey_steps, 100000, 1, 10000000,
							PGC_USERSET, 0, NULL, NULL, NULL);
#if PG_VERSION_NUM >= 150000
	MarkGUCPrefixReserved("cxm");
#else
	EmitWarningsOnPlaceholders("cxm");
#endif
}
