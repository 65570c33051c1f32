package org.imageclustering.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;


import java.io.IOException;


import java.nio.file.Files;
import java.nio.file.Path;

import org.imageclustering.experiments.testing.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files a run reads are checked against the data once it is loaded, before any run starts (dry run included). */
class InputFileShapesTest {
    @TempDir
    Path tmp;

    final CommandLine cli = new CommandLine();

    int main(Path config, boolean dryRun) {
        return cli.run("config", config.toString(), "dryRun", Boolean.toString(dryRun));
    }

    /** Blobs of 4 features, 3 clusters of 40 training points. */
    Path config(String rest) throws IOException {
        return Files.writeString(tmp.resolve("exp.yaml"), """
                experiment: shapes
                output: %s
                dataset: {loader: blobs, clusters: 3}
                k: [3]
                seeds: [1]
                metrics: [purity]
                """.formatted(tmp.resolve("results")) + rest);
    }

    Path centroids(String name, int rows, int cols) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            sb.append(String.join(",", java.util.Collections.nCopies(cols, Integer.toString(i)))).append('\n');
        }
        return Files.writeString(tmp.resolve(name), sb);
    }

    String stderr() {
        return cli.stderr();
    }

    @Test
    void centroidFileOfTheWrongWidthIsRefusedBeforeAnyRunNamingFileShapeAndExpectedShape() throws IOException {
        Path c = centroids("c.csv", 3, 5);
        Path f = config("algorithms:\n  - {algorithm: kmeans, centroids: " + c + "}\n");
        for (boolean dryRun : new boolean[] {true, false}) {
            cli.clear();
            assertEquals(Main.BAD_CONFIGURATION, main(f, dryRun));
            assertEquals("error: " + f + " line 8, column 25, algorithms[0].centroids: centroid file " + c + " holds 3 x 5 "
                    + "centroids (rows x features), expected 3 x 4: K = 3 and dataset 'blobs' has 4 features\n", stderr());
        }
        assertFalse(Files.exists(tmp.resolve("results").resolve("shapes")), "no run started");
    }

    @Test
    void widthIsTheOneAfterTheFeatureChain() throws IOException {
        Path c = centroids("c.csv", 3, 4);
        Path f = config("transforms: [{transform: pca, components: 2}]\nalgorithms:\n  - {algorithm: minibatch-kmeans, "
                + "centroids: " + c + "}\n");
        assertEquals(Main.BAD_CONFIGURATION, main(f, true));
        assertEquals("error: " + f + " line 9, column 35, algorithms[0].centroids: centroid file " + c + " holds 3 x 4 centroids "
                + "(rows x features), expected 3 x 2: K = 3 and dataset 'blobs' after feature set 'pca(components=2)' has 2 "
                + "features\n", stderr());
        Files.writeString(f, Files.readString(f).replace("components: 2", "components: 4"));
        cli.clear();
        assertEquals(Main.OK, main(f, false), stderr());
    }

    @Test
    void eachFileOfAGridAxisIsCheckedAtItsItem() throws IOException {
        Path good = centroids("good.csv", 3, 4);
        Path bad = centroids("bad.csv", 3, 3);
        Path f = config("algorithms:\n  - algorithm: kmeans\n    centroids: [" + good + ", " + bad + "]\n");
        assertEquals(Main.BAD_CONFIGURATION, main(f, true));
        assertEquals("error: " + f + " line 9, column " + (19 + good.toString().length()) + ", algorithms[0].centroids[1]: "
                + "centroid file " + bad + " holds 3 x 3 centroids (rows x features), expected 3 x 4: K = 3 and dataset "
                + "'blobs' has 4 features\n", stderr());
    }

    @Test
    void affinityFileNamingRowsBeyondTheDataIsRefusedBeforeAnyRun() throws IOException {
        Path g = Files.writeString(tmp.resolve("g.csv"), "0,1,1\n1,500,1\n");
        Path f = config("algorithms:\n  - {algorithm: spectral, affinity: precomputed, affinity-file: " + g + "}\n");
        assertEquals(Main.BAD_CONFIGURATION, main(f, false));
        assertEquals("error: " + f + " line 8, column 50, algorithms[0].affinity-file: " + g + ": line 2, column 2: row index "
                + "500 is outside [0, 120) (the data has 120 rows)\n", stderr());
    }
}
