package org.imageclustering.features;

import java.util.Objects;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.linalg.PrincipalComponents;
import org.imageclustering.loader.Dataset;

/**
 * Principal component analysis: centre the rows on the training mean and project them onto the
 * directions of largest training variance, optionally whitened to unit variance per component.
 *
 * <p>Two solvers give the same components (up to sign) and are picked by cost when the method is
 * {@link PcaMethod#AUTO}: the covariance eigen-decomposition costs about {@code n d^2 / 2} double
 * multiply-adds plus a dense {@code d x d} eigen-solve, randomized subspace iteration about
 * {@code (2q + 3) n d (k + p)} float ones. Few components of wide data (CIFAR-10: 3,072 features to
 * 100) go randomized; many components of narrow data go the covariance way. Keeping a fraction of
 * the variance needs the whole spectrum, so it always uses the covariance.
 *
 * <p>Reference: K. Pearson, On lines and planes of closest fit, Phil. Mag. 2 (1901); N. Halko,
 * P.-G. Martinsson and J. A. Tropp, SIAM Review 53 (2011) for the randomized solver.
 */
public final class PcaTransform implements Transform {
    /**
     * Relative cost of one dense eigen-solve step ({@code d^3} of them) against one streamed float
     * multiply-add of the randomized passes: about 45 measured on the bench machine for d = 3,072
     * (bench/README.md, Transforms), rounded down so that borderline shapes get the exact solver.
     */
    static final double EIGEN_COST_PER_CUBE = 40;
    /** A double multiply-add of the covariance costs 1.5 to 2 float ones of the randomized passes (measured). */
    static final double DOUBLE_COST = 2;

    private final PcaOptions options;

    public PcaTransform(PcaOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public PcaOptions options() {
        return options;
    }

    @Override
    public PcaModel fit(Dataset train, FitContext context) {
        FloatMatrix x = train.features();
        int n = x.rows();
        int d = x.cols();
        if (n < 2) {
            throw new IllegalArgumentException("pca needs at least 2 training rows, " + train.name() + " has " + n);
        }
        if (options.components() > Math.min(d, n - 1)) {
            throw new IllegalArgumentException("pca: components = " + options.components() + " but "
                    + train.name() + " supports at most min(features, rows - 1) = " + Math.min(d, n - 1));
        }
        x.requireFinite(train.name());
        PcaMethod method = chooseMethod(n, d);
        long t0 = System.nanoTime();
        PrincipalComponents r = method == PcaMethod.COVARIANCE
                ? PrincipalComponents.byCovariance(x, options.components(), options.variance(), context.parallel())
                : PrincipalComponents.randomized(x, options.components(), options.oversampling(),
                        options.powerIterations(), context.seed(), context.parallel());
        return new PcaModel(r, method, options.whiten(), options.whitenEpsilon(), train.imageShape().orElse(null),
                (System.nanoTime() - t0) / 1e9);
    }

    /** The solver {@link PcaMethod#AUTO} resolves to for {@code n x d} data. */
    PcaMethod chooseMethod(int n, int d) {
        if (options.method() != PcaMethod.AUTO) {
            return options.method();
        }
        if (options.variance() > 0) {
            return PcaMethod.COVARIANCE;
        }
        int l = Math.min(Math.min(d, n - 1), options.components() + options.oversampling());
        double covariance = DOUBLE_COST * n * (double) d * d / 2 + EIGEN_COST_PER_CUBE * (double) d * d * d;
        double randomized = (2.0 * options.powerIterations() + 3) * n * (double) d * l;
        return randomized < covariance ? PcaMethod.RANDOMIZED : PcaMethod.COVARIANCE;
    }
}
