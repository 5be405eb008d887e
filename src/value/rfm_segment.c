/*
 * rfm_segment.c: marketing RFM. rfm_score() is a window function that turns a customer's
 * recency, frequency or monetary value into a 1-5 score by quintile over all customers, with
 * equal values getting equal scores; rfm_segment names the usual segment of three scores.
 */
#include "cxm.h"

#include "utils/builtins.h"
#include "windowapi.h"

/* ---- rfm_score ------------------------------------------------------------------------------ */

#define RFM_SCORES 5

/* the partition's rank of the current row's peer group, as rank() counts it */
typedef struct RfmScoreContext
{
	int64		rank;			/* 1 + rows before the current peer group; 0 before the first row */
} RfmScoreContext;

/*
 * rfm_score() OVER (ORDER BY value): 1 + floor(5 x (rows ordered strictly before the current
 * row's peers) / (rows in the partition)). Rows with equal ORDER BY values are peers and get
 * one score, which ntile(5) does not give them; the lowest values get 1, and a score s means
 * that at least (s - 1)/5 of the rows, and fewer than s/5, come strictly before.
 */
PG_FUNCTION_INFO_V1(rfm_score);
Datum
rfm_score(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	RfmScoreContext *context;
	int64		position = WinGetCurrentPosition(winobj);
	int64		rows;

	context = (RfmScoreContext *) WinGetPartitionLocalMemory(winobj, sizeof(RfmScoreContext));
	if (context->rank == 0)
		context->rank = 1;
	else if (!WinRowsArePeers(winobj, position - 1, position))
		context->rank = position + 1;
	/* the row before is no longer needed */
	WinSetMarkPosition(winobj, position);

	rows = WinGetPartitionRowCount(winobj);
	/* rank - 1 < rows <= 2^63 / RFM_SCORES for any partition PostgreSQL can hold */
	PG_RETURN_INT32((int32) (1 + (RFM_SCORES * (context->rank - 1)) / rows));
}

/* ---- rfm_segment ---------------------------------------------------------------------------- */

/*
 * Segments on the recency score R and the rounded mean of the frequency and monetary scores,
 * FM = (F + M + 1) / 2 (half up). Every one of the 125 score combinations has exactly one
 * segment; the table is the usual R x FM grid (rows R = 1..5, columns FM = 1..5).
 */
static const char *const rfm_segment_grid[5][5] = {
	/* R = 1 */ {"Lost", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
	/* R = 2 */ {"Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"},
	/* R = 3 */ {"About To Sleep", "About To Sleep", "Need Attention", "Loyal Customers", "Loyal Customers"},
	/* R = 4 */ {"Promising", "Potential Loyalist", "Potential Loyalist", "Loyal Customers", "Loyal Customers"},
	/* R = 5 */ {"New Customers", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"},
};

static int
score_value(int64 score, const char *what)
{
	if (score < 1 || score > RFM_SCORES)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("RFM %s score " INT64_FORMAT " is out of range", what, score),
				 errhint("RFM scores are whole numbers from 1 (worst) to 5 (best), such as "
						 "rfm_score() OVER (ORDER BY ...) gives.")));
	return (int) score;
}

static Datum
segment_text(int r, int f, int m)
{
	int			fm = (f + m + 1) / 2;

	return PointerGetDatum(cstring_to_text(rfm_segment_grid[r - 1][fm - 1]));
}

PG_FUNCTION_INFO_V1(rfm_segment);
Datum
rfm_segment(PG_FUNCTION_ARGS)
{
	int			r = score_value(PG_GETARG_INT32(0), "recency");
	int			f = score_value(PG_GETARG_INT32(1), "frequency");
	int			m = score_value(PG_GETARG_INT32(2), "monetary");

	return segment_text(r, f, m);
}

/* rfm_segment(int8, int8, int8): scores computed with count(*) or rank() are bigint */
PG_FUNCTION_INFO_V1(rfm_segment_int8);
Datum
rfm_segment_int8(PG_FUNCTION_ARGS)
{
	int			r = score_value(PG_GETARG_INT64(0), "recency");
	int			f = score_value(PG_GETARG_INT64(1), "frequency");
	int			m = score_value(PG_GETARG_INT64(2), "monetary");

	return segment_text(r, f, m);
}
