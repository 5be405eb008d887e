/*
 * linalg.h: small dense linear algebra on symmetric matrices (linalg.c): a Cholesky
 * factorisation with complete pivoting that reveals the rank, and the eigen decomposition by
 * cyclic Jacobi rotations. Matrices are n x n, row-major, n at most a few dozen.
 */
#ifndef CXM_LINALG_H
#define CXM_LINALG_H

/*
 * Factorises the symmetric positive semidefinite a (overwritten) as P' L L' P with complete
 * (diagonal) pivoting: order[0..n-1] receives the rows in pivot order, and pivots[i] the
 * residual variance of row order[i] given the rows before it (the square of L's diagonal).
 * Stops when the largest remaining residual is at most tolerance times its original diagonal;
 * returns the number of rows factorised, the numerical rank. Rows order[rank..n-1] are then
 * linear combinations of rows order[0..rank-1] to within the tolerance.
 */
extern int	cxm_pivoted_cholesky(double *a, int n, double tolerance, int *order, double *pivots);

/*
 * The eigen decomposition a = V diag(values) V' of the symmetric a (overwritten): values in
 * ascending order, eigenvectors in the columns of vectors (n x n, row-major). Cyclic Jacobi:
 * accurate to a few units in the last place of the largest eigenvalue.
 */
extern void cxm_symmetric_eigen(double *a, int n, double *values, double *vectors);

#endif							/* CXM_LINALG_H */
