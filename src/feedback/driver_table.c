/*
 * driver_table.c: key-driver analysis of a driver_summary, from its correlation matrix alone:
 * the standardized regression of the outcome on the drivers (betas, standard errors, t-test
 * p-values, R²), Johnson's relative weights, and the Shapley value (LMG) decomposition of R²
 * by exact enumeration of the subsets of drivers. driver_table, driver_r2.
 */
#include "driver_summary.h"

#include <math.h>

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "linalg.h"
#include "stats.h"

/* Shapley shares are computed exactly up to this many drivers (2^p subsets) */
#define DRIVER_MAX_SHAPLEY 15

/*
 * A driver whose residual variance, given the drivers the pivoted Cholesky factorisation
 * chose before it, is at most this share of its variance counts as an exact linear combination
 * of them. Co-moments computed in double precision carry relative errors far below it.
 */
#define DRIVER_COLLINEAR_TOLERANCE 1e-10

typedef struct DriverAnalysis
{
	int			p;
	double		r2;				/* R² of the regression on every driver */
	double	   *mean;			/* p driver means */
	double	   *correlation;	/* with the outcome */
	double	   *beta;
	double	   *std_error;
	double	   *p_value;		/* NaN: no test (no residual variation and beta 0) */
	double	   *relative_weight;	/* NULL when R² is 0 */
	double	   *shapley_share;	/* NULL beyond DRIVER_MAX_SHAPLEY drivers, or when R² is 0 */
	int		   *rank;
} DriverAnalysis;

static const char *
name_of(DriverSummary *s, int i)
{
	const char *name = driver_names(s);

	while (i-- > 0)
		name += strlen(name) + 1;
	return name;
}

/* "a, b and c" of the drivers order[from..to-1] */
static char *
names_phrase(DriverSummary *s, const int *order, int from, int to)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	for (i = from; i < to; i++)
		appendStringInfo(&buf, "%s\"%s\"", i == from ? "" : (i == to - 1 ? " and " : ", "),
						 name_of(s, order[i]));
	return buf.data;
}

/*
 * The correlation matrix of the drivers (p x p) and their correlations with the outcome, after
 * the checks every analysis needs: enough answers, a varying outcome, varying drivers, none an
 * exact linear combination of others.
 */
static void
correlations(DriverSummary *s, double *rxx, double *rxy)
{
	int			p = s->ndrivers;
	int			k = DRIVER_VARIABLES(p);
	double	   *c = driver_comoments(s);
	double	   *root = palloc(k * sizeof(double));
	double	   *work;
	int		   *order;
	double	   *pivots;
	int			rank,
				i,
				j;

	if (s->n < p + 2)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("driver analysis needs at least %d answers for %d driver%s, the summary has "
						INT64_FORMAT, p + 2, p, p == 1 ? "" : "s", s->n),
				 errdetail("A regression on p drivers needs p + 2 answers to estimate its error."),
				 errhint("Collect more answers, or analyse fewer drivers.")));
	for (i = 0; i < k; i++)
	{
		double		ss = c[driver_comoment_index(k, i, i)];

		if (!(ss > 0))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("%s is constant: every answer has %s",
							i == 0 ? "the outcome" : psprintf("driver \"%s\"", name_of(s, i - 1)),
							DatumGetCString(DirectFunctionCall1(float8out,
																Float8GetDatum(driver_means(s)[i])))),
					 errhint(i == 0 ? "A constant outcome has nothing for drivers to explain."
							 : "Leave the constant driver out of the analysis.")));
		root[i] = sqrt(ss);
	}
	for (i = 0; i < p; i++)
	{
		double		r = c[driver_comoment_index(k, 0, i + 1)] / (root[0] * root[i + 1]);

		rxy[i] = Max(-1.0, Min(1.0, r));
		for (j = i; j < p; j++)
		{
			r = i == j ? 1.0 :
				c[driver_comoment_index(k, i + 1, j + 1)] / (root[i + 1] * root[j + 1]);
			r = Max(-1.0, Min(1.0, r));
			rxx[i * p + j] = rxx[j * p + i] = r;
		}
	}

	/* exact linear dependence: the pivoted factorisation stops before the last driver */
	work = palloc(p * p * sizeof(double));
	memcpy(work, rxx, p * p * sizeof(double));
	order = palloc(p * sizeof(int));
	pivots = palloc(p * sizeof(double));
	rank = cxm_pivoted_cholesky(work, p, DRIVER_COLLINEAR_TOLERANCE, order, pivots);
	if (rank < p)
	{
		int			named = rank;

		/* of the dependent drivers, name the last in the summary's order */
		for (i = rank + 1; i < p; i++)
			if (order[i] > order[named])
				named = i;
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("driver \"%s\" is a linear combination of other drivers",
						name_of(s, order[named])),
				 rank == 0 ? errdetail("The drivers do not vary independently.")
				 : errdetail(rank == 1 ? "Driver %s explains all of its variance (all but 1e-10 "
							 "of it or less)."
							 : "Drivers %s explain all of its variance (all but 1e-10 of it or less).",
							 names_phrase(s, order, 0, rank)),
				 errhint("Leave one of the dependent drivers out, or combine them into one.")));
	}
	pfree(work);
	pfree(order);
	pfree(pivots);
	pfree(root);
}

/*
 * R² of every subset of drivers (r2[mask], bit i for driver i), by a depth-first walk that adds
 * one driver at a time, in increasing order. A subset S carries the residual correlations of the
 * drivers after S, given S (the Schur complement of R_SS, a[] for the drivers above the last
 * one added) and their residual covariances with the outcome (b[]); adding driver j raises R²
 * by b_j^2 / a_jj, and its children start from the complement updated by one elimination step.
 * The subsets whose largest driver is l number 2^l and update (p - l)^2 entries: about 6 2^p
 * operations in all.
 */
typedef struct SubsetWalk
{
	int			p;
	double	   *a;				/* (p + 1) levels of p x p complements */
	double	   *b;				/* (p + 1) levels of p covariances */
	double	   *r2;
	DriverSummary *s;
} SubsetWalk;

static void
subsets_extend(SubsetWalk *w, int depth, int last, uint32 mask, double r2)
{
	int			p = w->p;
	const double *a = w->a + (Size) depth * p * p;
	const double *b = w->b + (Size) depth * p;
	double	   *child_a = w->a + (Size) (depth + 1) * p * p;
	double	   *child_b = w->b + (Size) (depth + 1) * p;
	int			j,
				k,
				l;

	CHECK_FOR_INTERRUPTS();
	for (j = last + 1; j < p; j++)
	{
		double		pivot = a[j * p + j];
		double		with_j;

		/* a residual variance: bounded below by the smallest eigenvalue, checked positive */
		if (!(pivot > 0))
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("driver \"%s\" is nearly a linear combination of other drivers",
							name_of(w->s, j)),
					 errhint("Leave one of the dependent drivers out, or combine them into one.")));
		with_j = r2 + b[j] * b[j] / pivot;
		w->r2[mask | (1u << j)] = with_j;
		if (j + 1 == p)
			continue;
		for (k = j + 1; k < p; k++)
		{
			double		factor = a[k * p + j] / pivot;

			child_b[k] = b[k] - factor * b[j];
			for (l = j + 1; l < p; l++)
				child_a[k * p + l] = a[k * p + l] - factor * a[j * p + l];
		}
		subsets_extend(w, depth + 1, j, mask | (1u << j), with_j);
	}
}

/* Shapley shares of R², as fractions of R² of every driver (the last subset). */
static void
shapley_shares(DriverSummary *s, const double *rxx, const double *rxy, double *share)
{
	int			p = s->ndrivers;
	uint32		full = (1u << p) - 1;
	SubsetWalk	w;
	double		weight[DRIVER_MAX_SHAPLEY];
	uint32		mask;
	int			i,
				size;

	w.p = p;
	w.a = palloc((Size) (p + 1) * p * p * sizeof(double));
	w.b = palloc((Size) (p + 1) * p * sizeof(double));
	w.r2 = palloc((Size) (full + 1) * sizeof(double));
	w.s = s;
	memcpy(w.a, rxx, (Size) p * p * sizeof(double));
	memcpy(w.b, rxy, (Size) p * sizeof(double));
	w.r2[0] = 0;
	subsets_extend(&w, 0, -1, 0, 0.0);

	/* weight of a subset of `size` others: size! (p - 1 - size)! / p! = 1 / (p C(p-1, size)) */
	for (size = 0; size < p; size++)
	{
		double		binomial = 1;

		for (i = 0; i < size; i++)
			binomial = binomial * (p - 1 - i) / (i + 1);
		weight[size] = 1.0 / (p * binomial);
	}
	for (i = 0; i < p; i++)
		share[i] = 0;
	for (mask = 0; mask < full; mask++)
	{
		double		base = w.r2[mask];

		size = 0;
		for (i = 0; i < p; i++)
			size += (mask >> i) & 1;
		if ((mask & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		for (i = 0; i < p; i++)
			if (!(mask & (1u << i)))
				share[i] += weight[size] * (w.r2[mask | (1u << i)] - base);
	}
	for (i = 0; i < p; i++)
		share[i] /= w.r2[full];
	pfree(w.a);
	pfree(w.b);
	pfree(w.r2);
}

/* The whole analysis of s; with r2_only, only r2 is filled. */
static void
analyse(DriverSummary *s, DriverAnalysis *a, bool r2_only)
{
	int			p = s->ndrivers;
	double	   *rxx = palloc(p * p * sizeof(double));
	double	   *rxy = palloc(p * sizeof(double));
	double	   *work = palloc(p * p * sizeof(double));
	double	   *lambda = palloc(p * sizeof(double));
	double	   *v = palloc(p * p * sizeof(double));
	double	   *vr = palloc(p * sizeof(double));	/* V' r_xy */
	double	   *inverse_diagonal;
	double	   *beta_star;
	double		residual,
				total;
	int			df,
				i,
				j,
				m;

	memset(a, 0, sizeof(*a));
	a->p = p;
	correlations(s, rxx, rxy);
	memcpy(work, rxx, p * p * sizeof(double));
	cxm_symmetric_eigen(work, p, lambda, v);
	if (!(lambda[0] > 0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("the drivers' correlation matrix is not positive definite"),
				 errdetail("Its smallest eigenvalue is %.3g.", lambda[0]),
				 errhint("Leave out drivers that are (nearly) linear combinations of others.")));
	for (m = 0; m < p; m++)
	{
		double		t = 0;

		for (i = 0; i < p; i++)
			t += v[i * p + m] * rxy[i];
		vr[m] = t;
	}
	/* R² = r' R^-1 r = sum over eigenvectors of (v_m' r)^2 / lambda_m */
	a->r2 = 0;
	for (m = 0; m < p; m++)
		a->r2 += vr[m] * vr[m] / lambda[m];
	a->r2 = Min(1.0, a->r2);
	if (r2_only)
		return;

	a->mean = palloc(p * sizeof(double));
	a->correlation = rxy;
	a->beta = palloc0(p * sizeof(double));
	a->std_error = palloc(p * sizeof(double));
	a->p_value = palloc(p * sizeof(double));
	a->rank = palloc(p * sizeof(int));
	inverse_diagonal = palloc0(p * sizeof(double));
	for (i = 0; i < p; i++)
	{
		a->mean[i] = driver_means(s)[i + 1];
		for (m = 0; m < p; m++)
		{
			double		vim = v[i * p + m];

			a->beta[i] += vim * vr[m] / lambda[m];
			inverse_diagonal[i] += vim * vim / lambda[m];
		}
	}

	/* t-tests of the coefficients: residual variance (1 - R²) / (n - p - 1) in standard units */
	df = (int) Min(s->n - p - 1, (int64) INT_MAX);
	residual = Max(0.0, 1.0 - a->r2) / df;
	for (i = 0; i < p; i++)
	{
		a->std_error[i] = sqrt(residual * inverse_diagonal[i]);
		if (a->std_error[i] > 0)
			a->p_value[i] = cxm_student_t_two_sided_p(a->beta[i] / a->std_error[i], (double) df);
		else
			a->p_value[i] = a->beta[i] != 0 ? 0.0 : NAN;
	}

	/*
	 * Johnson's relative weights: Z = R^1/2 holds orthogonal stand-ins for the drivers; the
	 * outcome's regression on Z has beta* = R^-1/2 r, and driver i gets sum_k Z_ik^2 beta*_k^2.
	 */
	if (a->r2 > 0)
	{
		a->relative_weight = palloc0(p * sizeof(double));
		beta_star = palloc0(p * sizeof(double));
		for (j = 0; j < p; j++)
			for (m = 0; m < p; m++)
				beta_star[j] += v[j * p + m] * vr[m] / sqrt(lambda[m]);
		total = 0;
		for (i = 0; i < p; i++)
		{
			for (j = 0; j < p; j++)
			{
				double		zij = 0;

				for (m = 0; m < p; m++)
					zij += v[i * p + m] * sqrt(lambda[m]) * v[j * p + m];
				a->relative_weight[i] += zij * zij * beta_star[j] * beta_star[j];
			}
			total += a->relative_weight[i];
		}
		for (i = 0; i < p; i++)
			a->relative_weight[i] /= total;
		if (p <= DRIVER_MAX_SHAPLEY)
		{
			a->shapley_share = palloc(p * sizeof(double));
			shapley_shares(s, rxx, rxy, a->shapley_share);
		}
	}

	/* rank 1 for the largest share; equal shares share a rank, as rank() does */
	for (i = 0; i < p; i++)
	{
		const double *by = a->shapley_share != NULL ? a->shapley_share : a->relative_weight;

		a->rank[i] = 1;
		if (by == NULL)
			continue;
		for (j = 0; j < p; j++)
			if (by[j] > by[i])
				a->rank[i]++;
	}
}

/*
 * driver_table(summary): one row per driver, in the summary's order: driver, mean,
 * correlation, beta, std_error, p_value, relative_weight, shapley_share, rank.
 */
PG_FUNCTION_INFO_V1(driver_table);
Datum
driver_table(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	/* what one call allocates goes with it: calls once per row (LATERAL) do not accumulate */
	MemoryContext work = AllocSetContextCreate(CurrentMemoryContext, "driver analysis",
											   ALLOCSET_DEFAULT_SIZES);
	MemoryContext caller;
	DriverSummary *s;
	DriverAnalysis a;
	const char *name;
	int			i;

	cxm_materialize_srf(fcinfo);
	caller = MemoryContextSwitchTo(work);
	s = driver_summary_arg(fcinfo, 0);
	name = driver_names(s);
	analyse(s, &a, false);
	for (i = 0; i < a.p; i++)
	{
		Datum		values[9];
		bool		nulls[9] = {false};

		values[0] = CStringGetTextDatum(name);
		values[1] = Float8GetDatum(a.mean[i]);
		values[2] = Float8GetDatum(a.correlation[i]);
		values[3] = Float8GetDatum(a.beta[i]);
		values[4] = Float8GetDatum(a.std_error[i]);
		values[5] = Float8GetDatum(a.p_value[i]);
		nulls[5] = isnan(a.p_value[i]);
		values[6] = Float8GetDatum(a.relative_weight != NULL ? a.relative_weight[i] : 0);
		nulls[6] = a.relative_weight == NULL;
		values[7] = Float8GetDatum(a.shapley_share != NULL ? a.shapley_share[i] : 0);
		nulls[7] = a.shapley_share == NULL;
		values[8] = Int32GetDatum(a.rank[i]);
		nulls[8] = a.relative_weight == NULL;
		/* the tuplestore copies the row into its own memory */
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		name += strlen(name) + 1;
	}
	MemoryContextSwitchTo(caller);
	MemoryContextDelete(work);
	return (Datum) 0;
}

/* driver_r2(summary): R² of the outcome's regression on every driver */
PG_FUNCTION_INFO_V1(driver_r2);
Datum
driver_r2(PG_FUNCTION_ARGS)
{
	MemoryContext work = AllocSetContextCreate(CurrentMemoryContext, "driver analysis",
											   ALLOCSET_SMALL_SIZES);
	MemoryContext caller = MemoryContextSwitchTo(work);
	DriverAnalysis a;

	analyse(driver_summary_arg(fcinfo, 0), &a, true);
	MemoryContextSwitchTo(caller);
	MemoryContextDelete(work);
	PG_RETURN_FLOAT8(a.r2);
}
