package org.imageclustering.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.linalg.ColumnMoments;
import org.imageclustering.core.linalg.Gemm;
import org.imageclustering.core.linalg.PrincipalComponents;
import org.imageclustering.core.linalg.SymmetricEigen;
import org.imageclustering.loader.Dataset;

/**
 * Single-layer unsupervised features of Coates, Ng and Lee (2011): learn a dictionary by k-means on
 * random image patches, then describe every image by how strongly each dictionary element responds
 * across it.
 *
 * <p>Fitting samples {@code patches} random {@code patch-size} square patches (all channels) from
 * the training images, normalises each patch's brightness and contrast (subtract its mean, divide by
 * {@code sqrt(variance + contrast-epsilon)}), learns a ZCA whitening {@code V diag(1/sqrt(lambda +
 * whitening-epsilon)) V^T} from their covariance, and runs this project's k-means (k-means++ start)
 * on the whitened patches to get K centroids.
 *
 * <p>Encoding takes every patch of an image at {@code stride} (by default from the input shape,
 * {@link PatchFeaturesOptions#strideFor}; the stride used is in the summary), normalises and whitens it the same way
 * and applies the "triangle" activation {@code f_k = max(0, mean_j(z_j) - z_k)}, {@code z_k} being
 * the Euclidean distance to centroid k: about half the activations are zero, the rest grow as the
 * patch gets nearer a centroid than average. Activations are summed over the four quadrants of the
 * patch grid, giving {@code 4K} features. Distances are expanded as
 * {@code |p|^2 - 2 p.c + |c|^2} and computed as one matrix product per image, as the paper's code does.
 *
 * <p>Reference: A. Coates, A. Ng and H. Lee, An analysis of single-layer networks in unsupervised
 * feature learning, AISTATS 2011.
 */
public final class PatchKMeansFeaturesTransform implements Transform {
    private final PatchFeaturesOptions options;

    public PatchKMeansFeaturesTransform(PatchFeaturesOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public PatchFeaturesOptions options() {
        return options;
    }

    @Override
    public Fitted fit(Dataset train, FitContext context) {
        ImageShape shape = Rows.requireShape(train, "patch-kmeans-features");
        // the stride, when automatic, for this shape; the summary records it
        PatchFeaturesOptions options = this.options.forImage(shape.height(), shape.width());
        boolean strideFromShape = options != this.options;
        int ps = options.patchSize();
        if (ps > shape.height() || ps > shape.width()) {
            throw new IllegalArgumentException("patch-kmeans-features: patch-size " + ps + " does not fit in "
                    + shape.height() + " x " + shape.width() + " images");
        }
        if (train.size() < 1) {
            throw new IllegalArgumentException("patch-kmeans-features needs training images, " + train.name()
                    + " is empty");
        }
        train.features().requireFinite(train.name());
        long t0 = System.nanoTime();
        int pd = shape.channels() * ps * ps;
        int count = options.patches();
        float[] sample = new float[count * pd];
        SplittableRandom rng = Seeds.rng(Seeds.derive(context.seed(), "patches"));
        float[] x = train.features().data();
        int d = train.features().cols();
        for (int p = 0; p < count; p++) {
            int image = rng.nextInt(train.size());
            int y = rng.nextInt(shape.height() - ps + 1);
            int xx = rng.nextInt(shape.width() - ps + 1);
            extract(x, image * d, shape, ps, y, xx, sample, p * pd);
            normalise(sample, p * pd, pd, options.contrastEpsilon());
        }
        FloatMatrix patches = FloatMatrix.wrap(count, pd, sample);
        double[] mean = ColumnMoments.of(patches, context.parallel()).mean();
        SymmetricEigen.Result eig = SymmetricEigen.decompose(
                PrincipalComponents.covariance(patches, mean, context.parallel()));
        double[][] v = eig.vectors();
        double[] lambda = eig.values();
        double[][] zca = new double[pd][pd];
        for (int e = 0; e < pd; e++) {
            double s = 1 / Math.sqrt(Math.max(0, lambda[e]) + options.whiteningEpsilon());
            for (int i = 0; i < pd; i++) {
                double vi = v[e][i] * s;
                for (int j = 0; j < pd; j++) {
                    zca[i][j] += vi * v[e][j];
                }
            }
        }
        Encoder encoder = new Encoder(shape, options, mean, zca, null);
        FloatMatrix whitened = encoder.whiten(patches, context.parallel());
        KMeansOptions km = KMeansOptions.defaults(options.dictionarySize())
                .withMaxIterations(options.kmeansIterations());
        Clustering dictionary = new KMeans(km).fit(whitened,
                context.withSeed(Seeds.derive(context.seed(), "dictionary")));
        encoder = new Encoder(shape, options, mean, zca, dictionary.centroids());
        double active = encoder.activeFraction(whitened);
        return new Fitted(encoder, dictionary, lambda, active, (System.nanoTime() - t0) / 1e9, strideFromShape);
    }

    /** Copies the {@code ps x ps} patch at {@code (y, x)} of every channel, channel after channel. */
    static void extract(float[] image, int io, ImageShape shape, int ps, int y, int x, float[] out, int oo) {
        int o = oo;
        int w = shape.width();
        int plane = shape.height() * w;
        for (int c = 0; c < shape.channels(); c++) {
            for (int r = 0; r < ps; r++) {
                System.arraycopy(image, io + c * plane + (y + r) * w + x, out, o, ps);
                o += ps;
            }
        }
    }

    /** Brightness and contrast normalisation of one patch (sample variance, as MATLAB's var). */
    static void normalise(float[] p, int off, int length, double epsilon) {
        double sum = 0;
        for (int i = off; i < off + length; i++) {
            sum += p[i];
        }
        double mean = sum / length;
        double ss = 0;
        for (int i = off; i < off + length; i++) {
            double c = p[i] - mean;
            ss += c * c;
        }
        double scale = 1 / Math.sqrt(ss / (length - 1) + epsilon);
        for (int i = off; i < off + length; i++) {
            p[i] = (float) ((p[i] - mean) * scale);
        }
    }

    /** Normalisation, whitening and triangle encoding with a fixed dictionary. */
    static final class Encoder {
        private final ImageShape shape;
        private final PatchFeaturesOptions options;
        private final int pd;
        private final int pdp;
        private final float[] mean;
        private final float[] zca;
        private final int k;
        private final int kp;
        private final float[] dictionaryT;
        private final float[] centroidNorms;
        private final int gridY;
        private final int gridX;

        Encoder(ImageShape shape, PatchFeaturesOptions options, double[] mean, double[][] zca, FloatMatrix dictionary) {
            this.shape = shape;
            this.options = options;
            pd = mean.length;
            pdp = Gemm.padded(pd);
            this.mean = new float[pd];
            for (int i = 0; i < pd; i++) {
                this.mean[i] = (float) mean[i];
            }
            this.zca = new float[pd * pdp];
            for (int i = 0; i < pd; i++) {
                for (int j = 0; j < pd; j++) {
                    this.zca[i * pdp + j] = (float) zca[i][j];
                }
            }
            gridY = (shape.height() - options.patchSize()) / options.stride() + 1;
            gridX = (shape.width() - options.patchSize()) / options.stride() + 1;
            if (dictionary == null) {
                k = 0;
                kp = 0;
                dictionaryT = null;
                centroidNorms = null;
                return;
            }
            k = dictionary.rows();
            kp = Gemm.padded(k);
            dictionaryT = new float[pdp * kp];
            centroidNorms = new float[kp];
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < pd; j++) {
                    float v = dictionary.get(c, j);
                    dictionaryT[j * kp + c] = v;
                    s += (double) v * v;
                }
                centroidNorms[c] = (float) s;
            }
        }

        int features() {
            return 4 * k;
        }

        ImageShape shape() {
            return shape;
        }

        /** Normalised patches (rows) minus the patch mean, times the ZCA matrix; {@code n x pd}. */
        FloatMatrix whiten(FloatMatrix normalised, Parallelism parallel) {
            int n = normalised.rows();
            float[] out = new float[n * pd];
            parallel.forEach(n, Rows.CHUNK * 8, (s, e) -> {
                float[] centred = new float[pd];
                float[] w = new float[pdp];
                for (int i = s; i < e; i++) {
                    for (int j = 0; j < pd; j++) {
                        centred[j] = normalised.data()[i * pd + j] - mean[j];
                    }
                    Gemm.multiply(centred, 0, pd, 1, pd, zca, pdp, w, 0);
                    System.arraycopy(w, 0, out, i * pd, pd);
                }
            });
            return FloatMatrix.wrap(n, pd, out);
        }

        /** Triangle activations of whitened patches (rows of {@code whitened}), {@code n x K}. */
        FloatMatrix triangle(FloatMatrix whitened) {
            int n = whitened.rows();
            float[] padded = Gemm.padColumns(whitened.data(), n, pd);
            float[] dots = new float[n * kp];
            Gemm.multiply(padded, 0, pdp, n, pdp, dictionaryT, kp, dots, 0);
            float[] out = new float[n * k];
            float[] z = new float[kp];
            for (int i = 0; i < n; i++) {
                activate(padded, i * pdp, dots, i * kp, z);
                System.arraycopy(z, 0, out, i * k, k);
            }
            return FloatMatrix.wrap(n, k, out);
        }

        /** Fraction of non-zero triangle activations over {@code whitened} patches. */
        double activeFraction(FloatMatrix whitened) {
            FloatMatrix f = triangle(whitened);
            long active = 0;
            for (float v : f.data()) {
                if (v > 0) {
                    active++;
                }
            }
            return (double) active / f.data().length;
        }

        /**
         * Distances from the patch at {@code p[po ..]} to all centroids, then the triangle activation
         * into {@code z[0 .. K)} (z has room for the padded K); SIMD across centroids.
         */
        private void activate(float[] p, int po, float[] dots, int dOff, float[] z) {
            float pn = 0;
            for (int j = 0; j < pd; j++) {
                pn += p[po + j] * p[po + j];
            }
            Gemm.triangleActivation(pn, dots, dOff, centroidNorms, k, z);
        }

        /** Per-chunk scratch space and the encoding of one image. */
        Rows.RowMap imageEncoder() {
            int ps = options.patchSize();
            int stride = options.stride();
            int np = gridY * gridX;
            float[] raw = new float[np * pd];
            float[] white = new float[np * pdp];
            float[] dots = new float[np * kp];
            float[] z = new float[kp];
            return (in, io, out, oo) -> {
                for (int gy = 0; gy < gridY; gy++) {
                    for (int gx = 0; gx < gridX; gx++) {
                        int p = (gy * gridX + gx) * pd;
                        extract(in, io, shape, ps, gy * stride, gx * stride, raw, p);
                        normalise(raw, p, pd, options.contrastEpsilon());
                        for (int j = 0; j < pd; j++) {
                            raw[p + j] -= mean[j];
                        }
                    }
                }
                Gemm.multiply(raw, 0, pd, np, pd, zca, pdp, white, 0);
                Gemm.multiply(white, 0, pdp, np, pdp, dictionaryT, kp, dots, 0);
                java.util.Arrays.fill(out, oo, oo + 4 * k, 0f);
                for (int gy = 0; gy < gridY; gy++) {
                    int qy = gy * 2 / gridY;
                    for (int gx = 0; gx < gridX; gx++) {
                        int q = qy * 2 + gx * 2 / gridX;
                        int p = gy * gridX + gx;
                        activate(white, p * pdp, dots, p * kp, z);
                        int base = oo + q * k;
                        Gemm.addTo(z, k, out, base);
                    }
                }
            };
        }
    }

    /** A learned dictionary with its normalisation and whitening. */
    public static final class Fitted implements FittedTransform {
        private final Encoder encoder;
        private final Clustering dictionary;
        private final double[] zcaEigenvalues;
        private final double activeFraction;
        private final double fitSeconds;
        private final boolean strideFromShape;

        Fitted(Encoder encoder, Clustering dictionary, double[] zcaEigenvalues, double activeFraction,
               double fitSeconds, boolean strideFromShape) {
            this.strideFromShape = strideFromShape;
            this.encoder = encoder;
            this.dictionary = dictionary;
            this.zcaEigenvalues = zcaEigenvalues;
            this.activeFraction = activeFraction;
            this.fitSeconds = fitSeconds;
        }

        /** The K centroids in whitened patch space. */
        public FloatMatrix dictionary() {
            return dictionary.centroids();
        }

        Encoder encoder() {
            return encoder;
        }

        @Override
        public Dataset apply(Dataset data) {
            return apply(data, Parallelism.sequential());
        }

        @Override
        public Dataset apply(Dataset data, Parallelism parallel) {
            Rows.requireShape(data, encoder.shape(), "patch-kmeans-features");
            FloatMatrix out = Rows.map(data.features(), encoder.features(), parallel, encoder::imageEncoder);
            return data.withFeatures(out, null);
        }

        @Override
        public Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("transform", "patch-kmeans-features");
            s.put("input_shape", encoder.shape().toString());
            s.put("patch_size", encoder.options.patchSize());
            s.put("stride", encoder.options.stride());
            s.put("stride_from", strideFromShape ? "input shape" : "settings");
            s.put("patches_sampled", encoder.options.patches());
            s.put("dictionary_size", encoder.k);
            s.put("features", encoder.features());
            s.put("patch_grid", encoder.gridY + "x" + encoder.gridX);
            s.put("kmeans_iterations", dictionary.iterations());
            s.put("kmeans_stop_reason", dictionary.stopReason().toString());
            s.put("kmeans_distortion", dictionary.distortion());
            s.put("zca_eigenvalue_max", zcaEigenvalues[0]);
            s.put("zca_eigenvalue_min", zcaEigenvalues[zcaEigenvalues.length - 1]);
            s.put("active_fraction_on_training_patches", activeFraction);
            s.put("fit_seconds", fitSeconds);
            return s;
        }
    }
}
