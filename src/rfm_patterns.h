/*
 * rfm_patterns.h: the rfm_patterns representation (rfm_patterns.c), read by the model fits
 * (bgnbd.c).
 */
#ifndef CXM_RFM_PATTERNS_H
#define CXM_RFM_PATTERNS_H

#include "cxm.h"

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
 * Patterns sorted by (frequency, recency, T), each once. Inside an aggregate only the first
 * nsorted are; new patterns are appended after them and merged in batches (inserting each in
 * order would cost O(n) per customer), and there is spare room at the end (VARSIZE covers it,
 * so it survives the executor's copies). Values that leave an aggregate, and every value the
 * functions below return, are merged and trimmed: nsorted = npatterns.
 */
typedef struct RfmPatterns
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* none defined yet; must be 0 */
	uint16		reserved;
	int32		npatterns;
	int32		nsorted;
	RfmPattern	patterns[FLEXIBLE_ARRAY_MEMBER];
} RfmPatterns;

/* argument argno, merged (a copy when it had unmerged patterns) */
extern RfmPatterns *rfm_patterns_arg(FunctionCallInfo fcinfo, int argno);
extern int64 rfm_patterns_customers(const RfmPatterns *s);

/* NULL when (frequency, recency, t) is a customer summary the models accept, else why not. */
extern const char *rfm_pattern_problem(double frequency, double recency, double t);

#endif							/* CXM_RFM_PATTERNS_H */
