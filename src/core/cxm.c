/*
 * cxm.c: the module's entry point. Holds the one PG_MODULE_MAGIC of the library and its settings
 * (GUCs), registered in _PG_init and read by the areas that use them (declared in cxm.h).
 */
#include "cxm.h"

#include "utils/guc.h"

PG_MODULE_MAGIC;

int			cxm_max_journey_steps = 100000;

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
