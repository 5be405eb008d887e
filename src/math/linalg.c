/*
 * linalg.c: small dense linear algebra on symmetric matrices for the driver analysis: the
 * Cholesky factorisation with complete pivoting (rank and the dependent rows of a correlation
 * matrix) and the eigen decomposition by cyclic Jacobi rotations (its square root and inverse).
 * O(n^3) each, for n up to a few dozen.
 */
#include "cxm.h"

#include <math.h>

#include "miscadmin.h"

#include "linalg.h"

int
cxm_pivoted_cholesky(double *a, int n, double tolerance, int *order, double *pivots)
{
	double	   *diagonal = palloc(n * sizeof(double));
	int			i,
				j,
				k;

	for (i = 0; i < n; i++)
	{
		order[i] = i;
		diagonal[i] = a[i * n + i];
	}
	for (k = 0; k < n; k++)
	{
		int			best = k;
		double		best_share = -1;

		/* the row with the largest residual, relative to its own variance */
		for (i = k; i < n; i++)
		{
			int			r = order[i];
			double		share = diagonal[r] > 0 ? a[r * n + r] / diagonal[r] : 0;

			if (share > best_share)
			{
				best_share = share;
				best = i;
			}
		}
		if (!(best_share > tolerance))
			break;
		if (best != k)
		{
			int			t = order[k];

			order[k] = order[best];
			order[best] = t;
		}
		/* a[r][c] for r, c not yet factorised holds their residual covariance given order[0..k-1] */
		{
			int			p = order[k];
			double		d = a[p * n + p];
			double		root = sqrt(d);

			pivots[k] = d;
			for (i = k + 1; i < n; i++)
			{
				int			r = order[i];

				a[r * n + p] /= root;
				a[p * n + r] = a[r * n + p];
			}
			for (i = k + 1; i < n; i++)
			{
				int			r = order[i];

				for (j = k + 1; j < n; j++)
				{
					int			c = order[j];

					a[r * n + c] -= a[r * n + p] * a[c * n + p];
				}
			}
			a[p * n + p] = root;
		}
	}
	pfree(diagonal);
	for (i = k; i < n; i++)
		pivots[i] = a[order[i] * n + order[i]];
	return k;
}

void
cxm_symmetric_eigen(double *a, int n, double *values, double *vectors)
{
	int			i,
				j,
				p,
				q,
				sweep;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			vectors[i * n + j] = (i == j) ? 1.0 : 0.0;

	for (sweep = 0; sweep < 60; sweep++)
	{
		int			rotations = 0;

		CHECK_FOR_INTERRUPTS();
		for (p = 0; p < n - 1; p++)
			for (q = p + 1; q < n; q++)
			{
				double		apq = a[p * n + q];
				double		theta,
							t,
							c,
							s;

				/*
				 * an off-diagonal entry below the rounding of its diagonal entries moves the
				 * eigenvalues by less than that rounding: zero it without a rotation
				 */
				if (fabs(apq) <= 1e-18 * (fabs(a[p * n + p]) + fabs(a[q * n + q])))
				{
					a[p * n + q] = a[q * n + p] = 0;
					continue;
				}
				rotations++;
				/* Rutishauser's rotation: t = tan of the angle that zeroes a[p][q], |angle| <= pi/4 */
				theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
				t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1));
				c = 1 / sqrt(t * t + 1);
				s = t * c;
				for (i = 0; i < n; i++)
				{
					double		aip = a[i * n + p],
								aiq = a[i * n + q];

					a[i * n + p] = c * aip - s * aiq;
					a[i * n + q] = s * aip + c * aiq;
				}
				for (i = 0; i < n; i++)
				{
					double		api = a[p * n + i],
								aqi = a[q * n + i];

					a[p * n + i] = c * api - s * aqi;
					a[q * n + i] = s * api + c * aqi;
				}
				for (i = 0; i < n; i++)
				{
					double		vip = vectors[i * n + p],
								viq = vectors[i * n + q];

					vectors[i * n + p] = c * vip - s * viq;
					vectors[i * n + q] = s * vip + c * viq;
				}
				a[p * n + q] = a[q * n + p] = 0;
			}
		if (rotations == 0)
			break;
	}
	for (i = 0; i < n; i++)
		values[i] = a[i * n + i];
	/* ascending eigenvalues (selection sort; n is small), columns of vectors alongside */
	for (i = 0; i < n - 1; i++)
	{
		int			m = i;

		for (j = i + 1; j < n; j++)
			if (values[j] < values[m])
				m = j;
		if (m != i)
		{
			double		t = values[i];

			values[i] = values[m];
			values[m] = t;
			for (j = 0; j < n; j++)
			{
				t = vectors[j * n + i];
				vectors[j * n + i] = vectors[j * n + m];
				vectors[j * n + m] = t;
			}
		}
	}
}
