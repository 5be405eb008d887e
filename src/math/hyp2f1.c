/*
 * hyp2f1.c: the Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and
 * 0 <= z < 1, which the BG/NBD conditional expectation needs. The power series is summed with
 * a bound on its tail; of the series and its Euler transform the faster one is used; near
 * z = 1, where the series needs ~37 / (1 - z) terms, the 1 - z connection formula is used
 * when it is well conditioned.
 */
#include "cxm.h"

#include <float.h>
#include <math.h>

#include "miscadmin.h"

#include "stats.h"


static bool
is_nonpositive_integer(double x)
{
	return x <= 0 && x == floor(x);
}

/*
 * Sums the series. Stops when the terms can no longer change the sum: once the ratio of
 * consecutive terms is below 1 and tends to z, the tail after a term is at most
 * term * rho / (1 - rho) with rho the larger of the current ratio and z.
 */
static bool
hyp2f1_series(double a, double b, double c, double z, int64 max_terms, double *result)
{
	double		term = 1.0;
	double		sum = 1.0;
	double		compensation = 0.0;
	int64		n;

	for (n = 0; n < max_terms; n++)
	{
		double		ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
		double		rho,
					y,
					t;

		if ((n & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		term *= ratio;
		if (term == 0)
			break;				/* a or b a non-positive integer: a polynomial */
		/* Kahan summation: long series of small terms keep their digits */
		y = term - compensation;
		t = sum + y;
		compensation = (t - sum) - y;
		sum = t;
		if (!isfinite(sum))
			return false;
		rho = Max(fabs(ratio), z);
		if (rho < 1 && n + 1 > fabs(a) + fabs(b) &&
			fabs(term) * rho / (1 - rho) <= 0.5 * DBL_EPSILON * fabs(sum))
			break;
	}
	if (n == max_terms)
		return false;
	*result = sum;
	return true;
}

/* log|Gamma(x)| and its sign; sign 0 at the poles (x a non-positive integer), where 1/Gamma = 0 */
static double
log_gamma_signed(double x, int *sign)
{
	if (is_nonpositive_integer(x))
	{
		*sign = 0;
		return 0;
	}
	*sign = (x > 0 || ((int64) floor(-x)) % 2 == 1) ? 1 : -1;
	return lgamma(x);
}

/* Gamma(p1) Gamma(p2) / (Gamma(q1) Gamma(q2)); p1, p2 must not be poles */
static double
gamma_ratio(double p1, double p2, double q1, double q2)
{
	int			s1,
				s2,
				s3,
				s4;
	double		l = log_gamma_signed(p1, &s1) + log_gamma_signed(p2, &s2) -
		log_gamma_signed(q1, &s3) - log_gamma_signed(q2, &s4);

	if (s3 == 0 || s4 == 0)
		return 0;
	return s1 * s2 * s3 * s4 * exp(l);
}

bool
cxm_hyp2f1(double a, double b, double c, double z, double *result)
{
	/* about 0.1 s of work; beyond it the evaluation is reported as not converged */
	return cxm_hyp2f1_limited(a, b, c, z, CXM_HYP2F1_MAX_TERMS, result);
}

bool
cxm_hyp2f1_limited(double a, double b, double c, double z, int64 max_terms, double *result)
{
	double		s = c - a - b;
	double		direct_growth = a + b - c;	/* terms behave like n^(a + b - c - 1) z^n */
	double		value;

	if (!(z >= 0 && z < 1) || is_nonpositive_integer(c) || !isfinite(a) || !isfinite(b) ||
		!isfinite(c))
		return false;
	if (z == 0 || a == 0 || b == 0)
	{
		*result = 1.0;
		return true;
	}

	/*
	 * Near 1, the connection formula turns the argument into 1 - z. Its two gamma factors
	 * have poles when c - a - b is an integer; close to one it cancels badly, so then the
	 * series is summed instead (slowly, but exactly).
	 */
	if (z > 0.9 && fabs(s - round(s)) > 1e-3 && !is_nonpositive_integer(a) &&
		!is_nonpositive_integer(b))
	{
		double		f1,
					f2;

		if (hyp2f1_series(a, b, 1 - s, 1 - z, max_terms, &f1) &&
			hyp2f1_series(c - a, c - b, 1 + s, 1 - z, max_terms, &f2))
		{
			value = gamma_ratio(c, s, c - a, c - b) * f1 +
				pow(1 - z, s) * gamma_ratio(c, -s, a, b) * f2;
			if (isfinite(value))
			{
				*result = value;
				return true;
			}
		}
	}

	/* Euler: 2F1(a, b; c; z) = (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z); its terms behave
	 * like n^(c - a - b - 1) z^n, so it is the faster one when c - a - b < a + b - c */
	if (s < direct_growth && !is_nonpositive_integer(a) && !is_nonpositive_integer(b))
	{
		if (!hyp2f1_series(c - a, c - b, c, z, max_terms, &value))
			return false;
		value *= pow(1 - z, s);
	}
	else if (!hyp2f1_series(a, b, c, z, max_terms, &value))
		return false;
	if (!isfinite(value))
		return false;
	*result = value;
	return true;
}
