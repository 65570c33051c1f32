package org.imageclustering.features;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.linalg.PrincipalComponents;
import org.imageclustering.loader.Dataset;

/**
 * A fitted PCA: the training mean, the principal directions (unit rows, largest variance first)
 * and the training variance along each. Applies {@code (x - mean) V^T}, divided by the standard
 * deviation of each component when whitening; inverts exactly within the kept subspace.
 */
public final class PcaModel implements FittedTransform {
    private final PrincipalComponents pca;
    private final double[] mean;
    private final double[][] components;
    private final double[] variances;
    private final double totalVariance;
    private final PcaMethod method;
    private final boolean whiten;
    private final double whitenEpsilon;
    private final double[] scale;
    private final double[] inverseScale;
    private final ImageShape inputShape;
    private final double fitSeconds;

    PcaModel(PrincipalComponents r, PcaMethod method, boolean whiten, double whitenEpsilon, ImageShape inputShape,
             double fitSeconds) {
        this.pca = r;
        this.mean = r.mean();
        this.components = r.components();
        this.variances = r.variances();
        this.totalVariance = r.totalVariance();
        this.method = method;
        this.whiten = whiten;
        this.whitenEpsilon = whitenEpsilon;
        this.inputShape = inputShape;
        this.fitSeconds = fitSeconds;
        int k = components.length;
        scale = new double[k];
        inverseScale = new double[k];
        for (int c = 0; c < k; c++) {
            double sd = whiten ? Math.sqrt(variances[c] + whitenEpsilon) : 1;
            if (!(sd > 0)) {
                throw new IllegalArgumentException("pca: component " + (c + 1) + " has zero training variance and "
                        + "cannot be whitened; keep fewer components or set whiten-epsilon > 0");
            }
            scale[c] = 1 / sd;
            inverseScale[c] = sd;
        }
    }

    /** Number of kept components. */
    public int components() {
        return components.length;
    }

    /** Component {@code c} (0 = largest variance) as a unit vector in the input space. */
    public double[] component(int c) {
        return components[c].clone();
    }

    /** Training variance along each kept component. */
    public double[] variances() {
        return variances.clone();
    }

    /** Fraction of the total training variance each kept component explains. */
    public double[] explainedVarianceRatio() {
        return pca.explainedVarianceRatio();
    }

    public double[] mean() {
        return mean.clone();
    }

    /** The solver that was used. */
    public PcaMethod method() {
        return method;
    }

    @Override
    public Dataset apply(Dataset data) {
        return apply(data, Parallelism.sequential());
    }

    @Override
    public Dataset apply(Dataset data, Parallelism parallel) {
        return data.withFeatures(transform(data.features(), parallel), null);
    }

    /** The projection of {@code x} (rows in the training input space), using {@code parallel}. */
    public FloatMatrix transform(FloatMatrix x, Parallelism parallel) {
        if (x.cols() != mean.length) {
            throw new IllegalArgumentException("pca was fitted on rows of " + mean.length + " features, got "
                    + x.cols());
        }
        return pca.project(x, scale, parallel);
    }

    @Override
    public Optional<FloatMatrix> inverse(FloatMatrix rows) {
        return Optional.of(pca.reconstruct(rows, inverseScale));
    }

    /** The image shape of the input rows, if they were pixels. */
    public Optional<ImageShape> inputShape() {
        return Optional.ofNullable(inputShape);
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("transform", "pca");
        s.put("method", method.yamlName());
        s.put("input_features", mean.length);
        s.put("components", components.length);
        s.put("whiten", whiten);
        double[] ratio = explainedVarianceRatio();
        double sum = 0;
        for (double v : ratio) {
            sum += v;
        }
        s.put("explained_variance_ratio_total", sum);
        s.put("explained_variance", asList(variances));
        s.put("explained_variance_ratio", asList(ratio));
        s.put("total_variance", totalVariance);
        s.put("fit_seconds", fitSeconds);
        return s;
    }

    private static List<Double> asList(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
