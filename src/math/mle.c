/*
 * mle.c: the optimiser behind the customer-value fits (BG/NBD, Pareto/NBD, Gamma-Gamma):
 * minimises a smooth objective of a few log-parameters by BFGS with a backtracking line
 * search, then Newton steps with a central-difference Hessian, and says whether it found a
 * proper optimum. Gradients are the model's analytic ones when it has them, else central
 * differences of the objective.
 */
#include "cxm.h"

#include <math.h>

#include "miscadmin.h"

#include "mle.h"

#define MAXP CXM_MLE_MAX_PARAMS

typedef struct Problem
{
	int			n;
	CxmObjective f;
	CxmGradient analytic;		/* NULL: central differences of f */
	void	   *arg;
	int			evaluations;	/* passes over the data so far */
} Problem;

/* the objective, counted */
static double
evaluate(Problem *pr, const double *theta)
{
	pr->evaluations++;
	return pr->f(pr->arg, theta);
}

/* the analytic gradient (and the objective when value is not NULL), counted */
static void
evaluate_gradient(Problem *pr, const double *theta, double *g, double *value)
{
	pr->evaluations++;
	pr->analytic(pr->arg, theta, g, value);
}

static inline bool
out_of_evaluations(const Problem *pr)
{
	return pr->evaluations >= CXM_MLE_MAX_EVALUATIONS;
}

/*
 * Central differences. The objective is O(1) with smooth, O(1) derivatives in log space, so
 * h = 1e-5 balances truncation (h^2 ~ 1e-10) against rounding (eps / h ~ 1e-11).
 */
#define GRADIENT_STEP 1e-5

static void
gradient(Problem *pr, const double *theta, double *g, double *value)
{
	double		t[MAXP];
	int			k;

	if (pr->analytic)
	{
		evaluate_gradient(pr, theta, g, value);
		return;
	}
	memcpy(t, theta, pr->n * sizeof(double));
	for (k = 0; k < pr->n; k++)
	{
		double		up,
					down;

		t[k] = theta[k] + GRADIENT_STEP;
		up = evaluate(pr, t);
		t[k] = theta[k] - GRADIENT_STEP;
		down = evaluate(pr, t);
		t[k] = theta[k];
		g[k] = (up - down) / (2 * GRADIENT_STEP);
	}
	if (value)
		*value = evaluate(pr, theta);
}

/*
 * f at a line-search trial point. With an analytic gradient it comes with the gradient there
 * (written to g) from one pass over the data; the accepted trial then needs no second pass.
 */
static double
trial_value(Problem *pr, const double *theta, double *g)
{
	double		value;

	if (!pr->analytic)
		return evaluate(pr, theta);
	evaluate_gradient(pr, theta, g, &value);
	return value;
}

/* the gradient at an accepted trial point, unless trial_value already gave it */
static void
accepted_gradient(Problem *pr, const double *theta, double *g)
{
	if (!pr->analytic)
		gradient(pr, theta, g, NULL);
}

static double
max_abs(int n, const double *v)
{
	double		m = 0;
	int			k;

	for (k = 0; k < n; k++)
		m = Max(m, fabs(v[k]));
	return m;
}

/*
 * Near the optimum of a fit over many patterns a Newton step lowers the objective by less
 * than the rounding of its sum (g H^-1 g / 2 ~ 1e-17 at g ~ 1e-9, where a sum over a million
 * patterns is exact to ~1e-13), so "f did not increase" says nothing there: halving such a
 * step down to nothing costs twenty passes and stops short. A trial with the analytic
 * gradient is also accepted when f is the same to the rounding of its sum (FLOOR_RELATIVE)
 * and the gradient got smaller. Steps that lower f are accepted as before.
 */
#define FLOOR_RELATIVE 1e-12

static bool
at_noise_floor(const Problem *pr, double f, double fn, const double *g, const double *gn)
{
	return pr->analytic != NULL && fn <= f + FLOOR_RELATIVE * Max(1.0, fabs(f)) &&
		max_abs(pr->n, gn) < max_abs(pr->n, g);
}

/* Central differences of the gradient, symmetrised. */
static void
hessian(Problem *pr, const double *theta, double h[MAXP][MAXP])
{
	const double step = 1e-4;
	double		t[MAXP],
				gp[MAXP],
				gm[MAXP];
	int			i,
				j;

	for (j = 0; j < pr->n; j++)
	{
		memcpy(t, theta, pr->n * sizeof(double));
		t[j] += step;
		gradient(pr, t, gp, NULL);
		t[j] -= 2 * step;
		gradient(pr, t, gm, NULL);
		for (i = 0; i < pr->n; i++)
			h[i][j] = (gp[i] - gm[i]) / (2 * step);
	}
	for (i = 0; i < pr->n; i++)
		for (j = 0; j < i; j++)
			h[i][j] = h[j][i] = (h[i][j] + h[j][i]) / 2;
}

/*
 * Solves the symmetric system h d = -g by Cholesky. False when h is not positive definite
 * with every pivot above min_pivot.
 */
static bool
newton_direction(int n, double h[MAXP][MAXP], const double *g, double *d, double min_pivot)
{
	double		l[MAXP][MAXP] = {{0}};
	double		y[MAXP];
	int			i,
				j,
				k;

	for (j = 0; j < n; j++)
	{
		double		diag = h[j][j];

		for (k = 0; k < j; k++)
			diag -= l[j][k] * l[j][k];
		if (!(diag > min_pivot))
			return false;
		l[j][j] = sqrt(diag);
		for (i = j + 1; i < n; i++)
		{
			double		v = h[i][j];

			for (k = 0; k < j; k++)
				v -= l[i][k] * l[j][k];
			l[i][j] = v / l[j][j];
		}
	}
	for (i = 0; i < n; i++)
	{
		double		v = -g[i];

		for (k = 0; k < i; k++)
			v -= l[i][k] * y[k];
		y[i] = v / l[i][i];
	}
	for (i = n - 1; i >= 0; i--)
	{
		double		v = y[i];

		for (k = i + 1; k < n; k++)
			v -= l[k][i] * d[k];
		d[i] = v / l[i][i];
	}
	return true;
}

/*
 * The smallest Cholesky pivot of the Hessian of the objective (a mean log-likelihood) at a
 * proper optimum: it is O(0.01 .. 1) for identified models (BG/NBD on CDNOW: 0.05 .. 0.4) and
 * numerical noise on ridges.
 */
#define MIN_CURVATURE 1e-8

/*
 * The final curvature check reuses the last Newton step's Hessian when that step moved theta
 * by at most this much in every log-parameter (the curvature cannot change sign over it on an
 * identified model, and the Hessian costs 2n gradient passes); else it computes a fresh one.
 */
#define HESSIAN_REUSE_STEP 1e-3
#define BFGS_MAX_ITERATIONS CXM_MLE_BFGS_MAX_ITERATIONS
#define NEWTON_MAX_ITERATIONS CXM_MLE_NEWTON_MAX_ITERATIONS

CxmMleOutcome
cxm_mle_minimise(int n, CxmObjective objective, CxmGradient analytic_gradient, void *arg,
				 double *theta, int *iterations, double *gradient_max)
{
	CxmMleReport report;
	CxmMleOutcome outcome = cxm_mle_minimise_report(n, objective, analytic_gradient, arg, theta,
													&report);

	*iterations = report.iterations;
	*gradient_max = report.gradient_max;
	return outcome;
}

CxmMleOutcome
cxm_mle_minimise_report(int n, CxmObjective objective, CxmGradient analytic_gradient, void *arg,
						double *theta, CxmMleReport *report)
{
	return cxm_mle_minimise_warm(n, objective, analytic_gradient, arg, theta, NULL, NULL,
								 report);
}

CxmMleOutcome
cxm_mle_minimise_warm(int n, CxmObjective objective, CxmGradient analytic_gradient, void *arg,
					  double *theta, const double *start_hessian, double *final_hessian,
					  CxmMleReport *report)
{
	Problem		pr = {n, objective, analytic_gradient, arg, 0};
	double		g[MAXP];
	double		hinv[MAXP][MAXP];
	double		h[MAXP][MAXP];	/* the last Hessian, at h_step from theta */
	bool		have_h = false;
	double		h_step = 0;
	double		f;
	int			iter = 0;
	int			i,
				j,
				k;

	Assert(n >= 1 && n <= MAXP);
	gradient(&pr, theta, g, &f);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			hinv[i][j] = i == j ? 1 : 0;
	if (start_hessian != NULL)
	{
		/* BFGS starts from its inverse, column by column, when it is positive definite */
		double		h0[MAXP][MAXP],
					unit[MAXP],
					column[MAXP][MAXP];
		bool		definite = true;

		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				h0[i][j] = start_hessian[i * n + j];
		for (j = 0; j < n && definite; j++)
		{
			for (i = 0; i < n; i++)
				unit[i] = i == j ? -1 : 0;
			definite = newton_direction(n, h0, unit, column[j], MIN_CURVATURE);
		}
		if (definite)
			for (i = 0; i < n; i++)
				for (j = 0; j < n; j++)
					hinv[i][j] = (column[j][i] + column[i][j]) / 2;
	}

	/* BFGS with a backtracking (Armijo) line search */
	while (iter < BFGS_MAX_ITERATIONS && max_abs(n, g) > CXM_MLE_GRADIENT_TOLERANCE &&
		   !out_of_evaluations(&pr))
	{
		double		p[MAXP],
					t[MAXP],
					s[MAXP],
					y[MAXP],
					gn[MAXP];
		double		slope = 0,
					step = 1,
					fn = 0,
					biggest,
					sy = 0;

		CHECK_FOR_INTERRUPTS();
		iter++;
		for (i = 0; i < n; i++)
		{
			p[i] = 0;
			for (j = 0; j < n; j++)
				p[i] -= hinv[i][j] * g[j];
			slope += p[i] * g[i];
		}
		if (!(slope < 0))
		{
			/* not a descent direction: restart from steepest descent */
			for (i = 0; i < n; i++)
			{
				for (j = 0; j < n; j++)
					hinv[i][j] = i == j ? 1 : 0;
				p[i] = -g[i];
			}
			slope = 0;
			for (i = 0; i < n; i++)
				slope += p[i] * g[i];
		}
		/* at most a factor e^2 per parameter per step */
		biggest = max_abs(n, p);
		if (biggest > 2)
		{
			for (i = 0; i < n; i++)
				p[i] *= 2 / biggest;
			slope *= 2 / biggest;
		}
		for (;;)
		{
			for (i = 0; i < n; i++)
				t[i] = theta[i] + step * p[i];
			fn = trial_value(&pr, t, gn);
			if (isfinite(fn) && fn <= f + 1e-4 * step * slope)
				break;
			step /= 2;
			if (step < 1e-12 || out_of_evaluations(&pr))
				break;
		}
		if (step < 1e-12 || out_of_evaluations(&pr))
			break;				/* no progress along this direction: let Newton finish */
		accepted_gradient(&pr, t, gn);
		for (i = 0; i < n; i++)
		{
			s[i] = t[i] - theta[i];
			y[i] = gn[i] - g[i];
			sy += s[i] * y[i];
		}
		if (sy > 1e-14)
		{
			/* H <- (I - rho s y') H (I - rho y s') + rho s s' */
			double		rho = 1 / sy;
			double		hy[MAXP];
			double		yhy = 0;

			for (i = 0; i < n; i++)
			{
				hy[i] = 0;
				for (j = 0; j < n; j++)
					hy[i] += hinv[i][j] * y[j];
				yhy += y[i] * hy[i];
			}
			for (i = 0; i < n; i++)
				for (j = 0; j < n; j++)
					hinv[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) +
						(rho * rho * yhy + rho) * s[i] * s[j];
		}
		memcpy(theta, t, n * sizeof(double));
		memcpy(g, gn, n * sizeof(double));
		f = fn;
	}

	/* Newton with a central-difference Hessian: quadratic convergence to the optimum */
	for (k = 0; k < NEWTON_MAX_ITERATIONS && max_abs(n, g) > CXM_MLE_GRADIENT_TOLERANCE * 1e-3 &&
		 !out_of_evaluations(&pr); k++)
	{
		double		d[MAXP],
					t[MAXP],
					gn[MAXP];
		double		step = 1,
					fn = 0;

		CHECK_FOR_INTERRUPTS();
		hessian(&pr, theta, h);
		have_h = true;
		h_step = 0;
		if (!newton_direction(n, h, g, d, 0))
			break;
		for (;;)
		{
			for (i = 0; i < n; i++)
				t[i] = theta[i] + step * d[i];
			fn = trial_value(&pr, t, gn);
			if (isfinite(fn) && (fn <= f || at_noise_floor(&pr, f, fn, g, gn)))
				break;
			step /= 2;
			if (step < 1e-6 || out_of_evaluations(&pr))
				break;
		}
		if (step < 1e-6 || out_of_evaluations(&pr))
			break;
		iter++;
		accepted_gradient(&pr, t, gn);
		for (i = 0; i < n; i++)
			h_step = Max(h_step, fabs(t[i] - theta[i]));
		memcpy(theta, t, n * sizeof(double));
		memcpy(g, gn, n * sizeof(double));
		f = fn;
	}

	report->iterations = iter;
	report->evaluations = pr.evaluations;
	report->gradient_max = max_abs(n, g);
	report->out_of_evaluations = out_of_evaluations(&pr);
	if (!(report->gradient_max <= CXM_MLE_GRADIENT_TOLERANCE))
		return CXM_MLE_NOT_CONVERGED;
	else
	{
		/* an optimum, not a ridge: the objective must curve up in every direction */
		double		d[MAXP];

		if (!have_h || h_step > HESSIAN_REUSE_STEP)
			hessian(&pr, theta, h);
		if (final_hessian != NULL)
			for (i = 0; i < n; i++)
				for (j = 0; j < n; j++)
					final_hessian[i * n + j] = h[i][j];
		if (!newton_direction(n, h, g, d, MIN_CURVATURE))
			return CXM_MLE_FLAT;
	}
	return CXM_MLE_CONVERGED;
}
