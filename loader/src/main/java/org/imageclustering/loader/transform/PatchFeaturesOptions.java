package org.imageclustering.loader.transform;

/**
 * Validated options of {@link PatchKMeansFeaturesTransform}. Defaults follow Coates, Ng and Lee
 * (2011) except the dictionary size and the number of training patches, which are cut for speed
 * (the paper's best CIFAR-10 results use 1,600 centroids learned from 400,000 patches).
 *
 * @param patchSize        receptive field width and height in pixels, {@code >= 2} (paper: 6)
 * @param stride           step between patches when encoding, {@code >= 1} (paper: 1)
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
    public static final int DEFAULT_STRIDE = 1;
    public static final int DEFAULT_DICTIONARY_SIZE = 128;
    public static final int DEFAULT_PATCHES = 50_000;
    public static final double DEFAULT_CONTRAST_EPSILON = 10.0 / (255.0 * 255.0);
    public static final double DEFAULT_WHITENING_EPSILON = 0.1;
    public static final int DEFAULT_KMEANS_ITERATIONS = 30;

    public PatchFeaturesOptions {
        OptionChecks.atLeast("patch-size", patchSize, 2);
        OptionChecks.atLeast("stride", stride, 1);
        OptionChecks.atLeast("dictionary-size", dictionarySize, 2);
        OptionChecks.atLeast("patches", patches, dictionarySize);
        OptionChecks.nonNegativeFinite("contrast-epsilon", contrastEpsilon);
        OptionChecks.nonNegativeFinite("whitening-epsilon", whiteningEpsilon);
        OptionChecks.atLeast("kmeans-iterations", kmeansIterations, 1);
    }

    /** The defaults. */
    public static PatchFeaturesOptions defaults() {
        return new PatchFeaturesOptions(DEFAULT_PATCH_SIZE, DEFAULT_STRIDE, DEFAULT_DICTIONARY_SIZE, DEFAULT_PATCHES,
                DEFAULT_CONTRAST_EPSILON, DEFAULT_WHITENING_EPSILON, DEFAULT_KMEANS_ITERATIONS);
    }
}
