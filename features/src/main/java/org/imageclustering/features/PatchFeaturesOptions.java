package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/**
 * Validated options of {@link PatchKMeansFeaturesTransform}. Defaults follow Coates, Ng and Lee
 * (2011) except the dictionary size and the number of training patches, which are cut for speed
 * (the paper's best CIFAR-10 results use 1,600 centroids learned from 400,000 patches).
 *
 * @param patchSize        receptive field width and height in pixels, {@code >= 2} (paper: 6)
 * @param stride           step between patches when encoding, {@code >= 1} (paper: 1 on 32 x 32 images), or
 *                         {@value #AUTO_STRIDE} to choose it from the input shape ({@link #strideFor})
 * @param dictionarySize   number of k-means centroids K, {@code >= 2}; the output has 4K features
 * @param patches          random training patches the dictionary is learned from, {@code >= dictionarySize}
 * @param contrastEpsilon  added to each patch's variance before dividing by its standard deviation;
 *                         the paper's 10 for 0..255 pixels is {@code 10 / 255^2} for [0, 1] pixels
 * @param whiteningEpsilon added to the eigenvalues of the patch covariance in ZCA whitening (paper: 0.1)
 * @param kmeansIterations iteration budget of the dictionary's k-means (the paper's code runs 10)
 */
public record PatchFeaturesOptions(int patchSize, int stride, int dictionarySize, int patches,
                                   double contrastEpsilon, double whiteningEpsilon, int kmeansIterations) {
    public static final int DEFAULT_PATCH_SIZE = 6;
    /** The stride that means "from the input shape" (the default). */
    public static final int AUTO_STRIDE = 0;
    public static final int DEFAULT_STRIDE = AUTO_STRIDE;
    /** The image side on which the paper encodes at stride 1 (CIFAR-10's 32 pixels). */
    public static final int STRIDE_ONE_SIDE = 32;
    public static final int DEFAULT_DICTIONARY_SIZE = 128;
    public static final int DEFAULT_PATCHES = 50_000;
    public static final double DEFAULT_CONTRAST_EPSILON = 10.0 / (255.0 * 255.0);
    public static final double DEFAULT_WHITENING_EPSILON = 0.1;
    public static final int DEFAULT_KMEANS_ITERATIONS = 30;

    public PatchFeaturesOptions {
        OptionChecks.atLeast("patch-size", patchSize, 2);
        if (stride != AUTO_STRIDE) {
            OptionChecks.atLeast("stride", stride, 1);
        }
        OptionChecks.atLeast("dictionary-size", dictionarySize, 2);
        OptionChecks.atLeast("patches", patches, dictionarySize);
        OptionChecks.nonNegativeFinite("contrast-epsilon", contrastEpsilon);
        OptionChecks.nonNegativeFinite("whitening-epsilon", whiteningEpsilon);
        OptionChecks.atLeast("kmeans-iterations", kmeansIterations, 1);
    }

    /**
     * The automatic stride for {@code height x width} images: 1 up to {@value #STRIDE_ONE_SIDE} pixels
     * on the shorter side (MNIST, CIFAR: the paper's setting), then one more pixel per
     * {@value #STRIDE_ONE_SIDE}, so that the patch grid, and the encoding's cost per image, stay
     * about the paper's (a 256 x 256 image at stride 1 has 251 x 251 patches, 87 times 27 x 27).
     */
    public static int strideFor(int height, int width) {
        return Math.max(1, Math.min(height, width) / STRIDE_ONE_SIDE);
    }

    /** These options with the stride resolved for {@code height x width} images when it is automatic. */
    public PatchFeaturesOptions forImage(int height, int width) {
        return stride != AUTO_STRIDE ? this : new PatchFeaturesOptions(patchSize, strideFor(height, width),
                dictionarySize, patches, contrastEpsilon, whiteningEpsilon, kmeansIterations);
    }

    /** The defaults. */
    public static PatchFeaturesOptions defaults() {
        return new PatchFeaturesOptions(DEFAULT_PATCH_SIZE, DEFAULT_STRIDE, DEFAULT_DICTIONARY_SIZE, DEFAULT_PATCHES,
                DEFAULT_CONTRAST_EPSILON, DEFAULT_WHITENING_EPSILON, DEFAULT_KMEANS_ITERATIONS);
    }

    /**
     * The options an experiment file gives under the name {@code patch-kmeans-features}: the keys
     * {@code patch-size} (6), {@code stride} ({@code auto}: from the input shape, see
     * {@link #strideFor}; or a number of pixels), {@code dictionary-size} (128), {@code patches}
     * (50000), {@code contrast-epsilon} (10/255^2), {@code whitening-epsilon} (0.1) and
     * {@code kmeans-iterations} (30).
     *
     * @throws org.imageclustering.core.OptionException naming the key for a bad value or an unknown key
     */
    public static PatchFeaturesOptions from(Parameters params) {
        return OptionChecks.build(params, () -> new PatchFeaturesOptions(
                params.integer("patch-size", DEFAULT_PATCH_SIZE),
                stride(params),
                params.integer("dictionary-size", DEFAULT_DICTIONARY_SIZE),
                params.integer("patches", DEFAULT_PATCHES),
                params.number("contrast-epsilon", DEFAULT_CONTRAST_EPSILON),
                params.number("whitening-epsilon", DEFAULT_WHITENING_EPSILON),
                params.integer("kmeans-iterations", DEFAULT_KMEANS_ITERATIONS)));
    }

    /** {@code stride}: a number of pixels, or {@code auto} (the default) for one chosen from the input shape. */
    private static int stride(Parameters params) {
        if (params.has("stride") && params.raw("stride") instanceof String s && s.trim().equalsIgnoreCase("auto")) {
            return AUTO_STRIDE;
        }
        return params.integer("stride", DEFAULT_STRIDE);
    }
}
