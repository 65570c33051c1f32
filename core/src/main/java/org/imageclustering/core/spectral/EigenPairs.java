package org.imageclustering.core.spectral;

/**
 * Eigenpairs of a symmetric operator, largest eigenvalue first, with how they were found.
 *
 * @param values     eigenvalues, descending
 * @param vectors    {@code vectors[t]} is the unit eigenvector of {@code values[t]}
 * @param residuals  {@code |M v - lambda v|} of every pair, measured after the solve
 * @param iterations matrix-vector products spent
 * @param restarts   restarts of the iterative solver (0 for a dense solve)
 * @param converged  whether every pair met the tolerance within the budget
 */
record EigenPairs(double[] values, double[][] vectors, double[] residuals, int iterations, int restarts,
                  boolean converged) {
}
