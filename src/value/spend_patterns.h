/*
 * spend_patterns.h: the spend_patterns representation (spend_patterns.c), read by the
 * Gamma-Gamma fit (gammagamma.c).
 */
#ifndef CXM_SPEND_PATTERNS_H
#define CXM_SPEND_PATTERNS_H

#include "cxm.h"
#include "pattern_table.h"

#define SPEND_PATTERNS_VERSION 1

/* repeat customers who share one (frequency, mean repeat spend) */
typedef struct SpendPattern
{
	double		frequency;
	double		monetary;
	int64		count;
} SpendPattern;

/*
 * Patterns sorted by (frequency, monetary), each once: a PatternTable of 2 doubles
 * (pattern_table.h, which says how aggregates keep unsorted patterns and spare room), with
 * the patterns typed.
 */
typedef struct SpendPatterns
{
	PATTERN_TABLE_HEADER;
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
