/**
 * The squared-Euclidean distance kernel every algorithm of the project calls: point to point, row
 * block to centre set, nearest centre. {@link org.imageclustering.core.distance.SquaredEuclidean}
 * is the front; {@link org.imageclustering.core.distance.Centers} and
 * {@link org.imageclustering.core.distance.RowBlocks} are the prepared operands; the inner loops
 * live behind one package-private interface, {@code DistanceKernels}, chosen once by
 * {@code KernelProvider}: the Vector API's ({@code VectorKernels}, with the SIMD micro-kernels in
 * {@code PackedMicroKernels} and {@code RowLaneMicroKernel}) or the scalar fallback's
 * ({@code ScalarKernels}). The front calls it once per block of rows or per few-pair call, through
 * a {@code static final} field, so the JIT sees one implementation and inlines it.
 *
 * <h2>Two ways to compute a distance</h2>
 * <ul>
 *   <li>{@code distance} is <em>exact up to double rounding</em>: the float differences are taken
 *       in {@code double} and summed in {@code double} (relative error about {@code d x 1e-16}).</li>
 *   <li>The block kernels ({@code assign...}, {@code nearest}, {@code block}) use the expansion
 *       {@code ||x||^2 - 2 x.c + ||c||^2}, combined in {@code double}. Their dot products run in
 *       GEMM form on float32 SIMD lanes (the incubating Vector API): the centres are packed once per
 *       {@code Centers} into panels of up to 4 vectors, feature-major, so that one lane holds one
 *       centre; a register tile of 6 rows x (1, 2 or 4) vectors (12 rows x 1 vector when there are
 *       at most one vector of centres) accumulates FMAs of a broadcast row value with a centre
 *       vector along the features, with no lane sum at all. The order of every dot product (and of
 *       every squared norm) is fixed: for each chunk of 128 features, one float FMA chain in
 *       feature order starting from 0; the chunk sums added in float in chunk order (so a chunk
 *       ends with one vector addition, not a lane sum). It does not depend on the other rows or
 *       centres, on feature tiles (multiples of a chunk), on threads, or on the lane count.</li>
 * </ul>
 *
 * <h2>Error bound</h2>
 * Cancellation can make the expansion slightly wrong, even negative, when {@code x} is close to
 * {@code c}, so it is clamped at 0. Its error is bounded rigorously: with {@code n} the longest
 * chain of float roundings in one dot product or norm (128 FMAs of the first chunk, then one
 * addition per further chunk, plus 2 to cover the double operations) and
 * {@code g = n u / (1 - n u)}, {@code u = 2^-24}, each of {@code ||x||^2}, {@code ||c||^2} and
 * {@code x.c} is within {@code g} times the sum of its absolute products, so every approximate
 * distance is within {@code g (||x|| + ||c||)^2}, and {@code E = 2 g (||x|| + ||c||)^2}
 * ({@code SquaredEuclidean.errorBound}) leaves a factor 2 for the double roundings. The few-pair
 * kernels ({@code upperBounds}, {@code approximateMany}, {@code Centers.upperBound}) sum
 * lane-parallel chains of at most {@code 1024 / lanes} roundings plus a lane sum and a tail of at
 * most {@code 2 lanes}; {@code n} is the larger of the two chains, so one {@code E} covers both.
 *
 * <h2>Which centre is nearest</h2>
 * The nearest centre is <em>defined</em> as the argmin of the exact distance, ties to the lowest
 * index. The block kernel finds it quickly: a centre whose approximate distance minus its error
 * bound exceeds the smallest approximate distance plus its bound cannot be the nearest; when more
 * than one centre survives that test (a near tie), the survivors are compared exactly. So labels do
 * not depend on block sizes, on which rows are processed together, on thread counts, or on whether
 * an accelerated k-means skipped the row: Lloyd, Hamerly and {@code predict} agree bit for bit.
 * The distance reported for the nearest centre is the clamped approximation, computed by one fixed
 * sequence of float operations (IEEE FMAs, whether on a lane or in {@link java.lang.Math#fma}), so
 * it is also the same wherever it is computed ({@code Centers.approximate} repeats it for one pair).
 *
 * <h2>The row-lane kernel</h2>
 * With at most 10 centres, one vector of centres leaves lanes idle, so {@code assignRowLanes} takes
 * the rows in {@code RowBlocks} form (one row per lane) against 5 broadcast centres per pass. Each
 * (row, centre) lane runs the packed kernel's float FMA chain per chunk (the same operands in the
 * same order) and the chunk sums are added in chunk order from 0, so every value is bit-identical
 * to the packed kernel's. The rows whose nearest centre is clear are decided in vector form, each
 * lane doing the scalar rule's double operations in the same order.
 *
 * <h2>Without the Vector API module</h2>
 * The SIMD kernels use the incubating Vector API, which a JVM provides only when started with
 * {@code --add-modules jdk.incubator.vector}. {@code KernelProvider} looks for the module in the
 * boot layer once, when the library's SIMD code is first used (as Lucene's
 * {@code VectorizationProvider} does), and decides for the whole library: this package's kernels,
 * the matrix products of {@code core.linalg} and the neighbour screen of {@code core.spectral}
 * (those packages ask it through {@code KernelProvider.choose}). When the module is missing, no
 * Vector API class is loaded (only {@code KernelProvider} names the Vector API classes, by
 * reflection, after the check), one warning says how to enable the module (on the java command
 * line, in {@code MAVEN_OPTS}, or in {@code .mvn/jvm.config}), and {@code ScalarKernels} runs
 * instead (with the other packages' fallbacks). {@code -Dimageclustering.distance.scalar=true}
 * forces every fallback with the module present (for tests and comparisons). The fallback is there for
 * correctness, not speed: it computes one (row, centre) pair at a time with {@link
 * java.lang.Math#fma}, several times slower than the SIMD kernels.
 *
 * <p>Its results are the SIMD kernels' bits:
 * <ul>
 *   <li>The block kernels' values ({@code assign...}, {@code block}, {@code nearest},
 *       {@code squaredNorms}, {@code Centers.approximate}) do not depend on the lane count: the
 *       fallback runs each pair's float FMA chain per chunk and adds the chunk sums in the same
 *       order, so it gives the same distances, the same near ties, the same labels.</li>
 *   <li>The row-lane screening: per row, the fallback does one lane's double operations, in the
 *       same order ({@code Math.min} as the lane minimum), so it takes the same decisions.</li>
 *   <li>The few-pair kernels ({@code upperBounds}, {@code approximateMany},
 *       {@code Centers.upperBound}) sum lane-parallel chains, which depend on the lane count; the
 *       fallback emulates the lanes (one float FMA chain per lane, the lanes summed in the same
 *       fixed pairwise order, then the tail FMA'd onto that sum). With the module present it takes
 *       the Vector API's lane count; without it, it estimates the count from HotSpot's flags
 *       ({@code MaxVectorSize}, limited on x86 to 16 bytes below AVX2 and 32 on AVX2, as the JDK
 *       limits its preferred shape; 8 lanes when the JVM does not say).</li>
 * </ul>
 * The estimate is the Vector API's count on x86 with AVX2, or AVX-512 with AVX512BW, and on
 * 128-bit NEON; it can differ on AVX-512 without AVX512BW (where the JDK prefers 256 bits), on SVE,
 * or on a JVM without HotSpot's flags. Then the fallback gives the bits the SIMD kernels would give
 * on a machine with the estimated lane count, which differ from this machine's in three places:
 * the few-pair values (each within {@code E} of the true value, so at most {@code 2E} apart; they
 * serve only as rigorous bounds and to pick candidates for the exact comparison, so no label
 * changes, only the counts of distances computed and of exact tie checks); the error factor
 * {@code g} for some feature counts (the lane chain can be the longer one at 8 lanes or fewer,
 * which changes only which near ties are compared exactly); and the row-lane step
 * ({@code 4 x lanes}), to which k-means rounds its chunk length, so a fit whose chunks exceed
 * 1,024 rows (large n with large k x d) can combine its float64 centroid sums in other groups and
 * end with centroids that differ in their last bits, as fits on two machines with different vector
 * widths do.
 */
package org.imageclustering.core.distance;
