/**
 * Dense linear algebra for the feature front ends: column moments, the symmetric eigen-solver,
 * principal components (exact by covariance, randomized by subspace iteration, projection) and
 * {@link org.imageclustering.core.linalg.Gemm}, the matrix products behind PCA, ZCA whitening and
 * patch encoding, with the two lane-wise steps of the patch features' triangle activation.
 *
 * <h2>Without the Vector API module</h2>
 * {@code Gemm}'s loops run on SIMD lanes by the incubating Vector API ({@code VectorGemmKernels})
 * when the JVM was started with {@code --add-modules jdk.incubator.vector}, and otherwise as scalar
 * loops ({@code ScalarGemmKernels}). The choice is the library's one choice, made and logged once by
 * {@link org.imageclustering.core.distance.KernelProvider} (which also honours
 * {@code -Dimageclustering.distance.scalar=true}); {@code VectorGemmKernels} is named only there, by
 * reflection, after the module was found.
 *
 * <p>What the fallback gives:
 * <ul>
 *   <li>The products ({@code multiply}, {@code multiplyTransposed}, {@code gramUpper}): the same
 *       bits, on any machine. Every output value is one FMA chain over its terms in order, starting
 *       from 0 (a lane's chain on SIMD, {@link java.lang.Math#fma} in the fallback), then at most one
 *       addition into the output; no value is summed across lanes, so none depends on the lane count.
 *       The lane count only sets the padded widths and which lower-triangle entries
 *       {@code gramUpper} also writes (the fallback writes the same ones), never a used value. So
 *       covariances, principal components, projections and whitened patches are the same bits.</li>
 *   <li>The triangle activation's distances and activations are lane-wise (the same bits); its mean
 *       over the K centroids is the one value summed across lanes: a float sum per lane, the lanes
 *       then added by the Vector API's {@code reduceLanes(ADD)}. The fallback emulates that: per
 *       lane a float sum over centroids {@code lane, lane + L, ...}, then the lanes added in lane
 *       order from 0, the order of the Vector API's own Java implementation and of HotSpot's x86
 *       intrinsic. It gives the vector loops' bits when both run with the same lane count L (the
 *       module's lane count when present; without it, the estimate described in the
 *       {@code core.distance} package documentation) and the JVM adds lanes in that order. Otherwise
 *       (the estimate differs from the JVM's preferred shape, or a JVM whose intrinsic adds lanes in
 *       another order, which the Vector API permits: it leaves the order of a floating-point
 *       reduction unspecified) the mean can differ in its last bits (the two sums are reorderings
 *       of the same K non-negative floats, each within about {@code K u} relative of the exact sum,
 *       {@code u = 2^-24}), every activation of that
 *       patch by as much, and so the patch features in their last bits: as the vector loops'
 *       features differ between two machines with different vector widths. k-means on such features
 *       can then label differently only the images whose two nearest centres are that close.</li>
 * </ul>
 */
package org.imageclustering.core.linalg;
