/*
 * stats.c: the probability functions behind cxm's intervals and tests: the normal quantile
 * (Wichura's AS 241, about 16 significant digits), normal tail probabilities, Student's t
 * quantile and two-sided p-value (from the regularized incomplete beta function), and the
 * digamma function the model fits' gradients use.
 */
#include "cxm.h"

#include <math.h>

#include "stats.h"

/* Evaluates a polynomial with coefficients c[0] + c[1] x + ... + c[n-1] x^(n-1). */
static double
polynomial(const double *c, int n, double x)
{
	double		r = c[n - 1];
	int			i;

	for (i = n - 2; i >= 0; i--)
		r = r * x + c[i];
	return r;
}

/* Wichura, "The percentage points of the normal distribution", Applied Statistics 37 (1988). */
double
cxm_normal_quantile(double p)
{
	static const double a[] = {3.387132872796366608, 133.14166789178437745,
		1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
		67265.770927008700853, 33430.575583588128105, 2509.0809287301226727};
	static const double b[] = {1.0, 42.313330701600911252, 687.1870074920579083,
		5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
		28729.085735721942674, 5226.495278852545925};
	static const double c[] = {1.42343711074968357734, 4.6303378461565452959,
		5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
		0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4};
	static const double d[] = {1.0, 2.05319162663775882187, 1.6763848301838038494,
		0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966,
		5.475938084995344946e-4, 1.05075007164441684324e-9};
	static const double e[] = {6.6579046435011037772, 5.4637849111641143699,
		1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
		0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
	static const double f[] = {1.0, 0.59983220655588793769, 0.13692988092273580531,
		0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5,
		1.4215117583164458887e-7, 2.04426310338993978564e-15};
	double		q = p - 0.5;
	double		r;
	double		x;

	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * polynomial(a, 8, r) / polynomial(b, 8, r);
	}
	r = q < 0 ? p : 1.0 - p;
	r = sqrt(-log(r));
	if (r <= 5.0)
	{
		r -= 1.6;
		x = polynomial(c, 8, r) / polynomial(d, 8, r);
	}
	else
	{
		r -= 5.0;
		x = polynomial(e, 8, r) / polynomial(f, 8, r);
	}
	return q < 0 ? -x : x;
}

double
cxm_normal_two_sided_p(double z)
{
	return erfc(fabs(z) / M_SQRT2);
}

/* Continued fraction for the incomplete beta function (modified Lentz). */
static double
beta_continued_fraction(double a, double b, double x)
{
	const double tiny = 1e-300;
	double		c = 1.0;
	double		d = 1.0 - (a + b) * x / (a + 1.0);
	double		h;
	int			m;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1.0 / d;
	h = d;
	for (m = 1; m <= 1000; m++)
	{
		double		m2 = 2.0 * m;
		double		num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		double		delta;

		d = 1.0 + num * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1.0 + num / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1.0 / d;
		h *= d * c;
		num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		d = 1.0 + num * d;
		d = fabs(d) < tiny ? tiny : d;
		c = 1.0 + num / c;
		c = fabs(c) < tiny ? tiny : c;
		d = 1.0 / d;
		delta = d * c;
		h *= delta;
		if (fabs(delta - 1.0) < 1e-16)
			break;
	}
	return h;
}

/*
 * The regularized incomplete beta function I_x(a, b), given x and xc = 1 - x each computed
 * without rounding 1 - x: near x = 1 the complement carries the digits that x cannot.
 */
static double
incomplete_beta(double a, double b, double x, double xc)
{
	double		front;

	if (x <= 0.0)
		return 0.0;
	if (xc <= 0.0)
		return 1.0;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(xc));
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * beta_continued_fraction(a, b, x) / a;
	return 1.0 - front * beta_continued_fraction(b, a, xc) / b;
}

/*
 * P(T > t) for t >= 0 under Student's t with df degrees of freedom: I_x(df/2, 1/2) / 2 with
 * x = df / (df + t^2). 1 - x is passed as t^2 / (df + t^2): computed as 1 - x it rounds to 0 for
 * t below about 1e-8 * sqrt(df), which made every such t look like t = 0.
 */
static double
student_t_upper_tail(double t, double df)
{
	double		t2 = t * t;

	return 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t2), t2 / (df + t2));
}

double
cxm_student_t_two_sided_p(double t, double df)
{
	if (isnan(t))
		return NAN;
	return Min(1.0, 2.0 * student_t_upper_tail(fabs(t), df));
}

double
cxm_student_t_quantile(double p, double df)
{
	double		tail = p < 0.5 ? p : 1.0 - p;
	double		lo = 0.0,
				hi = 1.0,
				t = 0.0;
	int			i;

	if (p == 0.5)
		return 0.0;
	/* bracket the root, then bisect: robust for any df > 0, converges to full precision */
	while (student_t_upper_tail(hi, df) > tail)
	{
		lo = hi;
		hi *= 2.0;
		if (hi > 1e300)
			break;
	}
	for (i = 0; i < 200; i++)
	{
		t = 0.5 * (lo + hi);
		if (t == lo || t == hi)
			break;
		if (student_t_upper_tail(t, df) > tail)
			lo = t;
		else
			hi = t;
	}
	return p < 0.5 ? -t : t;
}

/*
 * The digamma function psi = (ln G)' for x > 0: the recurrence psi(x) = psi(x+1) - 1/x up to
 * x >= 6, then the asymptotic series, whose first omitted term is about 1e-12 there.
 */
double
cxm_digamma(double x)
{
	double		result = 0;
	double		f;

	while (x < 6)
	{
		result -= 1 / x;
		x += 1;
	}
	f = 1 / (x * x);
	return result + log(x) - 0.5 / x -
		f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132 -
																				 f * 691.0 / 32760)))));
}
