/*
 * spend_patterns.h: the spend_patterns representation (spend_patterns.c), read by the
 * Gamma-Gamma fit (gammagamma.c).
 */
#ifndef CXM_SPEND_PATTERNS_H
#define CXM_SPEND_PATTERNS_H

#include "cxm.h"

#define SPEND_PATTERNS_VERSION 1

/* repeat customers who share one (frequency, mean repeat spend) */
typedef struct SpendPattern
{
	double		frequency;
	double		monetary;
	int64		count;
} SpendPattern;

/*
 * Patterns sorted by (frequency, monetary), each once. Inside an aggregate only the first
 * nsorted are; new patterns are appended after them and merged in batches, with spare room
 * at the end (VARSIZE covers it). Values that leave an aggregate, and every value the
 * functions below return, are merged and trimmed: nsorted = npatterns.
 */
typedef struct SpendPatterns
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* none defined yet; must be 0 */
	uint16		reserved;
	int32		npatterns;
	int32		nsorted;
	SpendPattern patterns[FLEXIBLE_ARRAY_MEMBER];
} SpendPatterns;

/* argument argno, merged (a copy when it had unmerged patterns) */
extern SpendPatterns *spend_patterns_arg(FunctionCallInfo fcinfo, int argno);
extern int64 spend_patterns_customers(const SpendPatterns *s);

/*
 * NULL when (frequency, monetary) is a repeat customer's summary the Gamma-Gamma model
 * accepts (frequency a whole number >= 1, monetary finite and positive), else why not.
 */
extern const char *spend_pattern_problem(double frequency, double monetary);

#endif							/* CXM_SPEND_PATTERNS_H */
