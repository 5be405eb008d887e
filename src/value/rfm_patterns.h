/*
 * rfm_patterns.h: the rfm_patterns representation (rfm_patterns.c), read by the model fits
 * (bgnbd.c).
 */
#ifndef CXM_RFM_PATTERNS_H
#define CXM_RFM_PATTERNS_H

#include "cxm.h"
#include "pattern_table.h"

#define RFM_PATTERNS_VERSION 1

/* customers who share one (frequency, recency, T) */
typedef struct RfmPattern
{
	double		frequency;
	double		recency;
	double		t;
	int64		count;
} RfmPattern;

/*
 * Patterns sorted by (frequency, recency, T), each once: a PatternTable of 3 doubles
 * (pattern_table.h, which says how aggregates keep unsorted patterns and spare room), with
 * the patterns typed.
 */
typedef struct RfmPatterns
{
	PATTERN_TABLE_HEADER;
	RfmPattern	patterns[FLEXIBLE_ARRAY_MEMBER];
} RfmPatterns;

/* argument argno, merged (a copy when it had unmerged patterns) */
extern RfmPatterns *rfm_patterns_arg(FunctionCallInfo fcinfo, int argno);
extern int64 rfm_patterns_customers(const RfmPatterns *s);

/*
 * Before a fit of model_name (BG/NBD, Pareto/NBD) on s: raises 22023 when the data cannot
 * identify the model whatever the optimiser does, so that the fit fails at once instead of
 * spending its budget on a flat likelihood: every customer with the same pattern, or no
 * customer with a repeat purchase.
 */
extern void rfm_patterns_check_fit(const RfmPatterns *s, const char *model_name);

/*
 * Counts count (> 0) customers with the pattern values (frequency, recency, T; checked by
 * the caller, -0 made 0) in the aggregate state s, NULL for an empty one; returns the state,
 * a new one when it grew (pattern_table_add). For the transitions of other fits over the
 * same patterns (bgbb.c).
 */
extern RfmPatterns *rfm_patterns_add(RfmPatterns *s, const double *values, int64 count);

/* NULL when (frequency, recency, t) is a customer summary the models accept, else why not. */
extern const char *rfm_pattern_problem(double frequency, double recency, double t);

#endif							/* CXM_RFM_PATTERNS_H */
