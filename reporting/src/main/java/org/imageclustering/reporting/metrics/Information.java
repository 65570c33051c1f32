package org.imageclustering.reporting.metrics;

import org.apache.commons.math3.special.Gamma;

/**
 * Entropies and mutual information of a {@link Contingency} table in nats, computed the way
 * scikit-learn 1.2 computes them (same special cases, same clipping), so that NMI, AMI and the
 * V-measure family agree with it to rounding.
 */
public final class Information {
    private static final double EPS = Math.ulp(1.0);

    private Information() {
    }

    /** How NMI and AMI normalise mutual information by the two entropies. */
    public enum Average {
        /** {@code min(H(C), H(K))}. */
        MIN,
        /** {@code sqrt(H(C) H(K))} (Strehl and Ghosh 2002). */
        GEOMETRIC,
        /** {@code (H(C) + H(K)) / 2}, scikit-learn's default since 0.22. */
        ARITHMETIC,
        /** {@code max(H(C), H(K))}. */
        MAX;

        /** The generalised mean of {@code u} and {@code v}. */
        public double of(double u, double v) {
            return switch (this) {
                case MIN -> Math.min(u, v);
                case GEOMETRIC -> Math.sqrt(u * v);
                case ARITHMETIC -> (u + v) / 2;
                case MAX -> Math.max(u, v);
            };
        }
    }

    /** Entropy of the true classes. */
    public static double classEntropy(Contingency t) {
        long[] sizes = new long[t.classCount()];
        for (int c = 0; c < sizes.length; c++) {
            sizes[c] = t.classSize(c);
        }
        return entropy(sizes);
    }

    /** Entropy of the clusters. */
    public static double clusterEntropy(Contingency t) {
        long[] sizes = new long[t.clusterCount()];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = t.clusterSize(k);
        }
        return entropy(sizes);
    }

    /** Entropy of a partition given by its part sizes; 0 for a single part, 1 for no data (as scikit-learn). */
    public static double entropy(long[] sizes) {
        if (sizes.length == 0) {
            return 1.0;
        }
        long total = 0;
        int nonEmpty = 0;
        for (long s : sizes) {
            total += s;
            if (s > 0) {
                nonEmpty++;
            }
        }
        if (nonEmpty <= 1) {
            return 0.0;
        }
        double logTotal = Math.log(total);
        double h = 0;
        for (long s : sizes) {
            if (s > 0) {
                h += ((double) s / total) * (Math.log(s) - logTotal);
            }
        }
        return -h;
    }

    /** Mutual information between classes and clusters. */
    public static double mutualInformation(Contingency t) {
        if (t.classCount() == 1 || t.clusterCount() == 1) {
            return 0.0; // MI <= min(H(C), H(K)) and a single part has no entropy
        }
        double n = t.n();
        double logN = Math.log(n);
        double mi = 0;
        for (int c = 0; c < t.classCount(); c++) {
            for (int k = 0; k < t.clusterCount(); k++) {
                long nij = t.count(c, k);
                if (nij == 0) {
                    continue;
                }
                double p = nij / n;
                double logOuter = -Math.log((double) (t.classSize(c) * t.clusterSize(k))) + logN + logN;
                double term = p * (Math.log(nij) - logN) + p * logOuter;
                // Terms below machine epsilon are rounding noise; scikit-learn zeroes them too.
                mi += Math.abs(term) < EPS ? 0.0 : term;
            }
        }
        return Math.max(mi, 0.0);
    }

    /**
     * Expected mutual information of two random partitions with the table's class and cluster
     * sizes, under the hypergeometric model of Vinh, Epps and Bailey (2010), "Information Theoretic
     * Measures for Clusterings Comparison", JMLR 11, eq. 24a; summed in log space like scikit-learn.
     */
    public static double expectedMutualInformation(Contingency t) {
        int rows = t.classCount();
        int cols = t.clusterCount();
        if (rows == 1 || cols == 1) {
            return 0.0;
        }
        long n = t.n();
        long[] a = new long[rows];
        long[] b = new long[cols];
        long maxSize = 0;
        for (int i = 0; i < rows; i++) {
            a[i] = t.classSize(i);
            maxSize = Math.max(maxSize, a[i]);
        }
        for (int j = 0; j < cols; j++) {
            b[j] = t.clusterSize(j);
            maxSize = Math.max(maxSize, b[j]);
        }
        int m = Math.toIntExact(maxSize);
        double logN = Math.log(n);
        double[] logNnij = new double[m + 1];
        double[] glnNnij = new double[m + 1];
        double glnN1 = Gamma.logGamma(n + 1.0);
        for (int nij = 1; nij <= m; nij++) {
            logNnij[nij] = logN + Math.log(nij);
            glnNnij[nij] = Gamma.logGamma(nij + 1.0) + glnN1;
        }
        double[] logA = new double[rows];
        double[] glnA = new double[rows];
        double[] glnNa = new double[rows];
        for (int i = 0; i < rows; i++) {
            logA[i] = Math.log(a[i]);
            glnA[i] = Gamma.logGamma(a[i] + 1.0);
            glnNa[i] = Gamma.logGamma(n - a[i] + 1.0);
        }
        double[] logB = new double[cols];
        double[] glnB = new double[cols];
        double[] glnNb = new double[cols];
        for (int j = 0; j < cols; j++) {
            logB[j] = Math.log(b[j]);
            glnB[j] = Gamma.logGamma(b[j] + 1.0);
            glnNb[j] = Gamma.logGamma(n - b[j] + 1.0);
        }
        double emi = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                long start = Math.max(1, a[i] - n + b[j]);
                long end = Math.min(a[i], b[j]);
                for (long nijL = start; nijL <= end; nijL++) {
                    int nij = (int) nijL;
                    double term1 = (double) nij / n;
                    double term2 = logNnij[nij] - logA[i] - logB[j];
                    double gln = glnA[i] + glnB[j] + glnNa[i] + glnNb[j]
                            - glnNnij[nij] - Gamma.logGamma(a[i] - nij + 1.0)
                            - Gamma.logGamma(b[j] - nij + 1.0)
                            - Gamma.logGamma(n - a[i] - b[j] + nij + 1.0);
                    emi += term1 * term2 * Math.exp(gln);
                }
            }
        }
        return emi;
    }
}
