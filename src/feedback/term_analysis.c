/*
 * term_analysis.c: what a term_summary says. distinctive_terms(s, class) ranks the terms of a
 * class against all other classes by the weighted log-odds ratio with an informative Dirichlet
 * prior (Monroe, Colaresi & Quinn, "Fightin' Words", Political Analysis 16(4), 2008);
 * term_table(s) lists every term's counts per class; nps_class(score) labels an NPS answer.
 */
#include "term_summary.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/float.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

typedef struct Ranked
{
	const char *term;
	int			len;
	int64		in_class;
	int64		elsewhere;
	double		log_odds;
	double		z;
} Ranked;

static int
ranked_cmp(const void *a, const void *b)
{
	const Ranked *x = a;
	const Ranked *y = b;
	bool		xn = isnan(x->z);
	bool		yn = isnan(y->z);
	int			r;

	if (xn != yn)
		return xn ? 1 : -1;
	if (!xn && x->z != y->z)
		return x->z > y->z ? -1 : 1;
	r = memcmp(x->term, y->term, Min(x->len, y->len));
	return r != 0 ? r : (x->len > y->len) - (x->len < y->len);
}

static int
find_class(const TermsView *v, const char *name, int len)
{
	int			c;

	for (c = 0; c < v->flat->nclasses; c++)
		if (v->class_lens[c] == len && memcmp(v->class_names[c], name, len) == 0)
			return c;
	return -1;
}

static char *
class_list(const TermsView *v)
{
	StringInfoData out;
	int			c;

	initStringInfo(&out);
	for (c = 0; c < v->flat->nclasses; c++)
		appendStringInfo(&out, "%s%s", c > 0 ? ", " : "",
						 cxm_quote_value(v->class_names[c], v->class_lens[c]));
	return out.data;
}

/*
 * distinctive_terms(s, class, top, min_count, prior): with y the occurrences of a term and n
 * the occurrences of all terms, in the class (i) and in all other classes (j), and the prior
 * a_w = a0 * (y_i + y_j) / (n_i + n_j) with strength a0 (default n_i + n_j, the summary's own
 * term frequencies), log_odds = log((y_i + a_w) / (n_i + a0 - y_i - a_w))
 * - log((y_j + a_w) / (n_j + a0 - y_j - a_w)) and z = log_odds / sqrt(1 / (y_i + a_w) +
 * 1 / (y_j + a_w)). Terms with at least min_count occurrences in the class, by z descending.
 */
PG_FUNCTION_INFO_V1(distinctive_terms);
Datum
distinctive_terms(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const TermSummaryFlat *f;
	TermsView	v;
	text	   *class;
	int			top,
				min_count,
				cls,
				nclasses,
				nranked = 0,
				c,
				t;
	double		n_i = 0,
				n_all = 0,
				n_j,
				a0;
	const char *p;
	Ranked	   *ranked;

	cxm_materialize_srf(fcinfo);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		return (Datum) 0;
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3) || PG_GETARG_INT32(2) < 1 || PG_GETARG_INT32(3) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("distinctive_terms top %s and min_count %s are invalid",
						PG_ARGISNULL(2) ? "NULL" : psprintf("%d", PG_GETARG_INT32(2)),
						PG_ARGISNULL(3) ? "NULL" : psprintf("%d", PG_GETARG_INT32(3))),
				 errhint("top is at least 1 and min_count at least 0.")));
	top = PG_GETARG_INT32(2);
	min_count = PG_GETARG_INT32(3);
	f = terms_arg(fcinfo, 0);
	terms_view(f, &v);
	nclasses = f->nclasses;
	class = PG_GETARG_TEXT_PP(1);
	cls = find_class(&v, VARDATA_ANY(class), VARSIZE_ANY_EXHDR(class));
	if (cls < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("class \"%s\" is not in the term summary",
						cxm_quote_value(VARDATA_ANY(class), VARSIZE_ANY_EXHDR(class))),
				 errhint("Its classes are: %s.", nclasses > 0 ? class_list(&v) : "none")));

	for (t = 0; t < f->nterms; t++)
	{
		const int64 *counts = &v.counts[(Size) t * nclasses * 2];

		for (c = 0; c < nclasses; c++)
			n_all += counts[2 * c];
		n_i += counts[2 * cls];
	}
	n_j = n_all - n_i;
	if (n_i > 0 && n_j == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("term summary has no terms outside class \"%s\"",
						cxm_quote_value(VARDATA_ANY(class), VARSIZE_ANY_EXHDR(class))),
				 errhint("Distinctive terms compare a class with the others: summarize answers of at least two classes.")));
	a0 = n_all;
	if (!PG_ARGISNULL(4))
	{
		a0 = PG_GETARG_FLOAT8(4);
		if (!(a0 > 0 && isfinite(a0)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("distinctive_terms prior %g is invalid", a0),
					 errhint("The prior's strength is a positive number of pseudo-occurrences; leave it NULL for the summary's own total.")));
	}
	if (n_i == 0)
		return (Datum) 0;

	ranked = palloc_extended(Max(f->nterms, 1) * sizeof(Ranked), MCXT_ALLOC_HUGE);
	p = v.names_of_terms;
	for (t = 0; t < f->nterms; t++)
	{
		const int64 *counts = &v.counts[(Size) t * nclasses * 2];
		uint16		len;
		double		y_i = counts[2 * cls],
					y = 0,
					y_j,
					a_w,
					d_i,
					d_j;

		memcpy(&len, p, 2);
		if (y_i >= min_count && y_i > 0)
		{
			for (c = 0; c < nclasses; c++)
				y += counts[2 * c];
			y_j = y - y_i;
			a_w = a0 * y / n_all;
			d_i = log((y_i + a_w) / (n_i + a0 - y_i - a_w));
			d_j = log((y_j + a_w) / (n_j + a0 - y_j - a_w));
			ranked[nranked].term = p + 2;
			ranked[nranked].len = len;
			ranked[nranked].in_class = counts[2 * cls];
			ranked[nranked].elsewhere = (int64) y_j;
			ranked[nranked].log_odds = d_i - d_j;
			ranked[nranked].z = (d_i - d_j) / sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w));
			if (!isfinite(ranked[nranked].log_odds) || !isfinite(ranked[nranked].z))
				ranked[nranked].log_odds = ranked[nranked].z = get_float8_nan();
			nranked++;
		}
		p += 2 + len;
		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	qsort(ranked, nranked, sizeof(Ranked), ranked_cmp);

	for (t = 0; t < Min(nranked, top); t++)
	{
		Datum		values[7];
		bool		nulls[7] = {false};

		values[0] = PointerGetDatum(cstring_to_text_with_len(ranked[t].term, ranked[t].len));
		values[1] = Int64GetDatum(ranked[t].in_class);
		values[2] = Int64GetDatum(ranked[t].elsewhere);
		values[3] = Float8GetDatum(ranked[t].in_class / n_i);
		values[4] = Float8GetDatum(ranked[t].elsewhere / n_j);
		values[5] = Float8GetDatum(ranked[t].log_odds);
		values[6] = Float8GetDatum(ranked[t].z);
		nulls[5] = nulls[6] = isnan(ranked[t].z);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* term_table(s): (term, class, occurrences, comments) for every term and class it occurs in */
PG_FUNCTION_INFO_V1(term_table);
Datum
term_table(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const TermSummaryFlat *f = terms_arg(fcinfo, 0);
	TermsView	v;
	const char *p;
	text	   *classes[TERMS_MAX_CLASSES];
	int			c,
				t;

	cxm_materialize_srf(fcinfo);
	terms_view(f, &v);
	for (c = 0; c < f->nclasses; c++)
		classes[c] = cstring_to_text_with_len(v.class_names[c], v.class_lens[c]);
	p = v.names_of_terms;
	for (t = 0; t < f->nterms; t++)
	{
		const int64 *counts = &v.counts[(Size) t * f->nclasses * 2];
		uint16		len;
		text	   *term;

		memcpy(&len, p, 2);
		term = cstring_to_text_with_len(p + 2, len);
		for (c = 0; c < f->nclasses; c++)
		{
			Datum		values[4];
			bool		nulls[4] = {false};

			if (counts[2 * c] == 0)
				continue;
			values[0] = PointerGetDatum(term);
			values[1] = PointerGetDatum(classes[c]);
			values[2] = Int64GetDatum(counts[2 * c]);
			values[3] = Int64GetDatum(counts[2 * c + 1]);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
		pfree(term);
		p += 2 + len;
		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	PG_RETURN_NULL();
}

/* nps_class(score): 'promoter' (9-10), 'passive' (7-8) or 'detractor' (0-6) */
PG_FUNCTION_INFO_V1(nps_class);
Datum
nps_class(PG_FUNCTION_ARGS)
{
	double		score = PG_GETARG_FLOAT8(0);

	if (isnan(score) || (isfinite(score) && score != floor(score)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("NPS score %s is not a whole number",
						DatumGetCString(DirectFunctionCall1(float8out, Float8GetDatum(score)))),
				 errhint("NPS scores are whole numbers from 0 to 10.")));
	if (score < 0 || score > 10)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("NPS score %.15g is out of range", score),
				 errhint("NPS scores are whole numbers from 0 to 10.")));
	PG_RETURN_TEXT_P(cstring_to_text(score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor"));
}
