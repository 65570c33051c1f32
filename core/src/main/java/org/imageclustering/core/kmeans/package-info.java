/**
 * k-means clustering: exact k-means by Lloyd's iteration or Hamerly's or Elkan's bounded versions
 * of it ({@link org.imageclustering.core.kmeans.KMeans}), mini-batch k-means
 * ({@link org.imageclustering.core.kmeans.MiniBatchKMeans}), their initialisations and options.
 *
 * <h2>What lives where</h2>
 * <ul>
 *   <li><b>Algorithms and options</b>: {@code KMeans}, {@code MiniBatchKMeans} and their validated
 *       options records ({@code KMeansOptions}, {@code MiniBatchKMeansOptions}), the factories that
 *       build them from experiment parameters, and the named choices {@code KMeansVariant},
 *       {@code Initialization}, {@code EmptyClusterPolicy}, {@code ToleranceMode}.</li>
 *   <li><b>Initialisation</b>: {@code Initializers} (random Gaussian, random points, k-means++,
 *       k-means||, given centroids), {@code CentroidFiles} (reading given centroids).</li>
 *   <li><b>The assignment step</b>, shared by every variant: {@code AssignmentStep} labels a block
 *       of rows and moves the rows whose label changed between the float64 sums and counts of
 *       their fixed chunk ({@code ChunkPartials}); {@code ClusterSums} combines the partials in
 *       chunk order and gives the distortion and the new centres. Public, so that a block of rows
 *       that is not the whole data set (a Spark partition) runs the very same step.</li>
 *   <li><b>The variants</b>, strategies around the step (package-private {@code Labeller}):
 *       {@code LloydLabeller} (every row against every centre), {@code HamerlyLabeller} and
 *       {@code ElkanLabeller} (their bounds and the passes that skip rows), with
 *       {@code CentreGaps} (centre moves and gaps, which both bounded variants read).
 *       {@code MiniBatchStep} is the step's batch form for mini-batch k-means.</li>
 *   <li><b>Empty clusters</b>: {@code EmptyClusterStrategy} (one small strategy per policy: which
 *       cluster gives a row, or fail) and {@code EmptyClusterRelocation} (the move itself).</li>
 *   <li><b>The run</b>: {@code LloydEngine} (one run from given centres: the loop of assignment,
 *       combination, relocation, update and stopping rules, and the diagnostics);
 *       {@code DataSummary} (row norms, variance scale and total squared norm, computed once).</li>
 *   <li><b>Spherical k-means</b> (cosine): {@code UnitRows} puts the rows and the starting
 *       centres on the unit sphere; {@code ClusterSums} renormalises every updated centre. The
 *       step, the kernel and the bounds are unchanged: on unit vectors the nearest centre is the
 *       one of largest cosine.</li>
 * </ul>
 *
 * <h2>Determinism</h2>
 * Chunk boundaries depend on n, k and d only ({@code AssignmentStep.chunkSize}); each chunk's
 * partial sums are made in row order and combined in chunk order; every variant writes the exact
 * argmin of the distance kernel (near ties by {@link org.imageclustering.core.distance.NearTies}).
 * So labels, centroids, distortion, traces and diagnostics are the same bits at any thread count,
 * and Lloyd, Hamerly and Elkan agree bit for bit from the same start.
 */
package org.imageclustering.core.kmeans;
