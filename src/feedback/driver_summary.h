/*
 * driver_summary.h: the sufficient statistics of a key-driver analysis (driver_summary.c), read
 * by the analysis in driver_table.c: the number of answers, the means and the co-moment matrix
 * of the outcome and its drivers, and the drivers' names.
 */
#ifndef CXM_DRIVER_SUMMARY_H
#define CXM_DRIVER_SUMMARY_H

#include "cxm.h"

#define DRIVER_SUMMARY_VERSION 1
#define DRIVER_MAX_DRIVERS 30
#define DRIVER_NAME_MAX_BYTES 255

/*
 * The summary, stored with double alignment: a header, then values[] holding the means of the
 * k = ndrivers + 1 variables (outcome first, then the drivers in their order) and their
 * co-moments sum((v_i - mean_i)(v_j - mean_j)), upper triangle row by row (k (k + 1) / 2
 * values), then the drivers' names, each ended by a zero byte (names_bytes in all). Its size
 * is fixed by the number of drivers and the names, so aggregates update it in place.
 */
typedef struct DriverSummary
{
	int32		vl_len_;
	uint8		version;
	uint8		flags;			/* none yet: 0 */
	uint16		ndrivers;
	int32		names_bytes;
	int64		n;				/* answers */
	double		values[FLEXIBLE_ARRAY_MEMBER];
} DriverSummary;

#define DRIVER_VARIABLES(p) ((p) + 1)
#define DRIVER_COMOMENTS(p) (DRIVER_VARIABLES(p) * (DRIVER_VARIABLES(p) + 1) / 2)
#define DRIVER_DOUBLES(p) (DRIVER_VARIABLES(p) + DRIVER_COMOMENTS(p))
#define DRIVER_SUMMARY_BYTES(p, names_bytes) \
	(offsetof(DriverSummary, values) + (Size) DRIVER_DOUBLES(p) * sizeof(double) + (names_bytes))

static inline double *
driver_means(DriverSummary *s)
{
	return s->values;
}

static inline double *
driver_comoments(DriverSummary *s)
{
	return s->values + DRIVER_VARIABLES(s->ndrivers);
}

static inline char *
driver_names(DriverSummary *s)
{
	return (char *) (s->values + DRIVER_DOUBLES(s->ndrivers));
}

/* the position of co-moment (i, j), i <= j, of k variables in the packed upper triangle */
static inline int
driver_comoment_index(int k, int i, int j)
{
	return i * k - i * (i - 1) / 2 + (j - i);
}

/* reads argument argno as a summary, checking its layout (22P03/XX001 style errors) */
extern DriverSummary *driver_summary_arg(FunctionCallInfo fcinfo, int argno);

#endif							/* CXM_DRIVER_SUMMARY_H */
