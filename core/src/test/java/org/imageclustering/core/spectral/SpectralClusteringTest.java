package org.imageclustering.core.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imageclustering.core.Clustering;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.FitListener;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.core.kmeans.KMeans;
import org.imageclustering.core.kmeans.KMeansOptions;
import org.imageclustering.core.linalg.PrincipalComponents;
import org.imageclustering.core.spectral.SpectralOptions.Affinity;
import org.imageclustering.core.spectral.SpectralOptions.Assignment;
import org.imageclustering.core.spectral.SpectralOptions.KnnWeights;
import org.imageclustering.core.spectral.SpectralOptions.Laplacian;
import org.imageclustering.core.spectral.SpectralOptions.Solver;
import org.imageclustering.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SpectralClusteringTest {
    private static final long SEED = 7;

    private static double kmeansAri(Fixtures.Labelled f) {
        Clustering km = new KMeans(KMeansOptions.defaults(2).withRestarts(5)).fit(f.points(), SEED);
        return Fixtures.adjustedRand(f.labels(), km.labels());
    }

    @Test
    void knnGraphRecoversMoonsWhereKMeansFails() {
        Fixtures.Labelled moons = Fixtures.moons(2000, 0.05, 3);
        Clustering c = new SpectralClustering(SpectralOptions.defaults(2)).fit(moons.points(), SEED);
        assertTrue(Fixtures.adjustedRand(moons.labels(), c.labels()) >= 0.99,
                "spectral ARI " + Fixtures.adjustedRand(moons.labels(), c.labels()));
        assertTrue(kmeansAri(moons) < 0.6, "k-means should fail on moons, ARI " + kmeansAri(moons));
        assertEquals("lanczos", c.diagnostics().get("solver"));
    }

    @Test
    void knnGraphRecoversCirclesWhereKMeansFails() {
        Fixtures.Labelled circles = Fixtures.circles(2000, 0.5, 0.05, 4);
        Clustering c = new SpectralClustering(SpectralOptions.defaults(2)).fit(circles.points(), SEED);
        assertTrue(Fixtures.adjustedRand(circles.labels(), c.labels()) >= 0.99,
                "spectral ARI " + Fixtures.adjustedRand(circles.labels(), c.labels()));
        assertTrue(kmeansAri(circles) < 0.2, "k-means should fail on circles, ARI " + kmeansAri(circles));
    }

    @Test
    void everyConfigurationRecoversMoons() {
        Fixtures.Labelled moons = Fixtures.moons(500, 0.05, 5);
        SpectralOptions base = SpectralOptions.defaults(2);
        List<SpectralOptions> variants = List.of(
                base.withSolver(Solver.DENSE),
                base.withSolver(Solver.LANCZOS).withLaplacian(Laplacian.RANDOM_WALK),
                base.withNeighbors(10, KnnWeights.SELF_TUNING),
                base.withAssign(Assignment.DISCRETIZE),
                base.withAffinity(Affinity.RBF).withGamma(60),
                base.withAffinity(Affinity.RBF).withGamma(60).withSolver(Solver.LANCZOS));
        for (SpectralOptions o : variants) {
            Clustering c = new SpectralClustering(o).fit(moons.points(), SEED);
            assertTrue(Fixtures.adjustedRand(moons.labels(), c.labels()) >= 0.99, o + " ARI "
                    + Fixtures.adjustedRand(moons.labels(), c.labels()));
        }
    }

    @Test
    void nystromRecoversWellSeparatedBlobs() {
        Fixtures.Labelled blobs = Fixtures.blobs(4, 500, 8, 12, 9);
        SpectralOptions o = SpectralOptions.defaults(4).withAffinity(Affinity.RBF).withSolver(Solver.NYSTROM)
                .withLandmarks(200);
        Clustering c = new SpectralClustering(o).fit(blobs.points(), SEED);
        assertEquals(1.0, Fixtures.adjustedRand(blobs.labels(), c.labels()), 1e-12);
        assertEquals(200, c.diagnostics().get("landmarks"));
    }

    @Test
    void centroidsAreMeansOfInputRowsSoPredictWorks() {
        Fixtures.Labelled blobs = Fixtures.blobs(3, 100, 5, 10, 2);
        Clustering c = new SpectralClustering(SpectralOptions.defaults(3)).fit(blobs.points(), SEED);
        FloatMatrix x = blobs.points();
        for (int cl = 0; cl < 3; cl++) {
            double[] mean = new double[5];
            int count = 0;
            for (int i = 0; i < x.rows(); i++) {
                if (c.labels()[i] == cl) {
                    count++;
                    for (int j = 0; j < 5; j++) {
                        mean[j] += x.get(i, j);
                    }
                }
            }
            assertEquals(count, c.sizes()[cl]);
            for (int j = 0; j < 5; j++) {
                assertEquals(mean[j] / count, c.centroids().get(cl, j), 1e-4);
            }
        }
        assertArrayEquals(c.labels(), c.predict(x));
    }

    @Test
    void disconnectedGraphGivesOneClusterPerComponent() {
        // three tight groups far apart: the 5-NN graph falls apart into exactly three components
        Fixtures.Labelled blobs = Fixtures.blobs(3, 60, 3, 1000, 11);
        SpectralOptions o = SpectralOptions.defaults(3).withNeighbors(5, KnnWeights.CONNECTIVITY)
                .withSolver(Solver.LANCZOS);
        Clustering c = new SpectralClustering(o).fit(blobs.points(), SEED);
        assertEquals(3, c.diagnostics().get("components"));
        assertEquals(1.0, Fixtures.adjustedRand(blobs.labels(), c.labels()), 1e-12);
        @SuppressWarnings("unchecked")
        List<Double> eigenvalues = (List<Double>) c.diagnostics().get("eigenvalues");
        assertEquals(0.0, eigenvalues.get(2), 1e-12);
        assertTrue(eigenvalues.get(3) > 1e-3, "the fourth eigenvalue is positive: " + eigenvalues);
    }

    @Test
    void moreComponentsThanClustersStillGivesKClusters() {
        Fixtures.Labelled blobs = Fixtures.blobs(4, 40, 4, 1000, 12);
        SpectralOptions o = SpectralOptions.defaults(2).withNeighbors(5, KnnWeights.CONNECTIVITY);
        for (SpectralOptions variant : List.of(o.withSolver(Solver.LANCZOS), o.withAssign(Assignment.DISCRETIZE))) {
            Clustering c = new SpectralClustering(variant).fit(blobs.points(), SEED);
            assertEquals(4, c.diagnostics().get("components"));
            assertEquals(2, c.k());
            // components are never split, and both clusters are used
            for (int b = 0; b < 4; b++) {
                for (int i = b * 40; i < (b + 1) * 40; i++) {
                    assertEquals(c.labels()[b * 40], c.labels()[i]);
                }
            }
            assertTrue(c.sizes()[0] > 0 && c.sizes()[1] > 0);
        }
    }

    @Test
    void sameResultAtAnyThreadCount() {
        Fixtures.Labelled moons = Fixtures.moons(3000, 0.08, 21);
        SpectralOptions o = SpectralOptions.defaults(3).withNeighbors(8, KnnWeights.SELF_TUNING);
        Clustering one;
        try (Parallelism p = Parallelism.of(1)) {
            one = new SpectralClustering(o).fit(moons.points(), new FitContext(SEED, p, FitListener.NONE));
        }
        Clustering three;
        try (Parallelism p = Parallelism.of(3)) {
            three = new SpectralClustering(o).fit(moons.points(), new FitContext(SEED, p, FitListener.NONE));
        }
        assertArrayEquals(one.labels(), three.labels());
        assertEquals(one.diagnostics().get("eigenvalues"), three.diagnostics().get("eigenvalues"));
        assertEquals(one.diagnostics().get("residual_norms"), three.diagnostics().get("residual_norms"));
        assertEquals(one.centroids(), three.centroids());
    }

    @Test
    void memoryGuardRefusesDenseAffinityBeyondTheLimitAndSuggestsAlternatives() {
        Fixtures.Labelled moons = Fixtures.moons(3000, 0.05, 1);
        SpectralOptions o = SpectralOptions.defaults(2).withAffinity(Affinity.RBF).withMemoryLimitBytes(16L << 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpectralClustering(o).fit(moons.points(), SEED));
        assertTrue(e.getMessage().contains("3000 x 3000"), e.getMessage());
        assertTrue(e.getMessage().contains("34.3 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("16.0 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("affinity: knn"), e.getMessage());
        assertTrue(e.getMessage().contains("solver: nystrom"), e.getMessage());
    }

    @Test
    void diagnosticsReportTheSolve() {
        Fixtures.Labelled moons = Fixtures.moons(1000, 0.05, 2);
        Clustering c = new SpectralClustering(SpectralOptions.defaults(2)).fit(moons.points(), SEED);
        @SuppressWarnings("unchecked")
        List<Double> eigenvalues = (List<Double>) c.diagnostics().get("eigenvalues");
        assertEquals(3, eigenvalues.size());
        assertEquals(0.0, eigenvalues.get(0), 1e-12);
        assertTrue(eigenvalues.get(1) <= eigenvalues.get(2));
        assertEquals(eigenvalues.get(2) - eigenvalues.get(1), (double) c.diagnostics().get("eigengap"), 1e-15);
        assertTrue((double) c.diagnostics().get("max_residual") <= SpectralOptions.DEFAULT_EIGEN_TOLERANCE * 10);
        assertEquals("knn-connectivity", c.diagnostics().get("affinity"));
        assertTrue((long) c.diagnostics().get("nnz") >= 1000L * 10);
        assertTrue((int) c.diagnostics().get("solver_iterations") > 0);
    }

    @Test
    void pcaFrontEndKeepsTheClusters() {
        Fixtures.Labelled blobs = Fixtures.blobs(5, 80, 40, 8, 3);
        Clustering c = new SpectralClustering(SpectralOptions.defaults(5).withPca(10)).fit(blobs.points(), SEED);
        assertEquals(1.0, Fixtures.adjustedRand(blobs.labels(), c.labels()), 1e-12);
        assertEquals(10, c.diagnostics().get("pca_components"));
        // fewer rows than the sample size: the axes are those of all rows
        double explained = (Double) c.diagnostics().get("pca_explained_variance");
        assertEquals(PrincipalComponents.byCovariance(blobs.points(), 10, 0, Parallelism.sequential()).explainedRatio(),
                explained, 1e-12);
        assertTrue(explained > 0.5 && explained < 1, "explained variance " + explained);
        assertEquals(40, c.centroids().cols());
    }

    @Test
    void kCloseToTheRowCountTakesTheDenseSolverOrOneWholeLanczosPass() {
        // 251 eigenpairs of 1000 rows took a 753-vector basis, short of the 999 free dimensions, that
        // thick-restarted for minutes. Auto now takes the dense solver (one decomposition) and
        // lanczos the whole free space, one exact pass; the fits below check both at 300 rows.
        assertEquals(Solver.DENSE, SpectralClustering.resolveSolver(Solver.AUTO, 300, 251));
        assertEquals(Solver.DENSE, SpectralClustering.resolveSolver(Solver.AUTO, 5000, 1251));
        assertEquals(Solver.LANCZOS, SpectralClustering.resolveSolver(Solver.AUTO, 5000, 1250));
        assertEquals(Solver.LANCZOS, SpectralClustering.resolveSolver(Solver.AUTO, 2000, 11));
        assertEquals(Solver.DENSE, SpectralClustering.resolveSolver(Solver.DENSE, 5000, 11));
        assertEquals(Solver.LANCZOS, SpectralClustering.resolveSolver(Solver.LANCZOS, 5000, 1250));
        assertEquals(999, SpectralClustering.krylovSize(250, 999, 0), "753 would restart; the whole space is one pass");
        assertEquals(3 * 20, SpectralClustering.krylovSize(20, 1999, 0));
        assertEquals(33, SpectralClustering.krylovSize(3, 1999, 0));
        assertEquals(500, SpectralClustering.krylovSize(250, 999, 500), "an explicit size is kept");

        Fixtures.Labelled blobs = Fixtures.blobs(3, 100, 4, 10, 2);
        Clustering dense = new SpectralClustering(SpectralOptions.defaults(250).withRestarts(1)).fit(blobs.points(), SEED);
        assertEquals("dense", dense.diagnostics().get("solver"));
        assertEquals(250, dense.k());
        Clustering lanczos = new SpectralClustering(SpectralOptions.defaults(250).withRestarts(1)
                .withSolver(Solver.LANCZOS)).fit(blobs.points(), SEED);
        int components = (int) lanczos.diagnostics().get("components");
        assertEquals(0, lanczos.diagnostics().get("solver_restarts"));
        assertEquals(300 - components, lanczos.diagnostics().get("solver_iterations"), "one pass over the free space");
        assertEquals(Boolean.TRUE, lanczos.diagnostics().get("solver_converged"));
    }
}
