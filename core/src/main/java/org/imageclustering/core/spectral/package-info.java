/**
 * Spectral clustering ({@link org.imageclustering.core.spectral.SpectralClustering}): a similarity graph
 * of the rows (dense RBF, sparse kNN, or a precomputed file; {@link org.imageclustering.core.spectral.Affinities}),
 * its normalised affinity as an operator, the leading eigenvectors (dense solver, thick-restart Lanczos,
 * or Nystrom for very large n), then k-means or discretisation on the row-normalised embedding.
 */
package org.imageclustering.core.spectral;
