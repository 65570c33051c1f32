package org.imageclustering.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.io.IOException;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.imageclustering.experiments.testing.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken data is bad input: exit 2, with the dataset block's line beside the file and offset; nothing is run. */
class DataErrorsTest {
    @TempDir
    Path tmp;

    final CommandLine cli = new CommandLine();

    int main(Path config, String... more) {
        String[] keyValues = new String[more.length + 2];
        keyValues[0] = "config";
        keyValues[1] = config.toString();
        System.arraycopy(more, 0, keyValues, 2, more.length);
        return cli.run(keyValues);
    }

    Path config(String dataset) throws IOException {
        return Files.writeString(tmp.resolve("exp.yaml"), """
                experiment: broken
                output: %s
                dataset:
                %s
                algorithms: [{algorithm: kmeans}]
                k: [2]
                seeds: [1]
                """.formatted(tmp.resolve("results"), dataset));
    }

    String stderr() {
        return cli.stderr();
    }

    /** The shipped Fashion-MNIST sample copied, with {@code file} cut to {@code keep} bytes. */
    Path sampleWithTruncated(String file, int keep) throws IOException {
        Path copy = Files.createDirectories(tmp.resolve("sample"));
        Path shipped = Path.of("..", "data", "fashion-mnist-sample");
        try (var files = Files.list(shipped)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        byte[] b = Files.readAllBytes(copy.resolve(file));
        Files.write(copy.resolve(file), Arrays.copyOf(b, keep));
        return copy;
    }

    @Test
    void aTruncatedDataFileExitsTwoNamingTheDatasetLineTheFileAndTheOffset() throws IOException {
        Path data = sampleWithTruncated("train-images-idx3-ubyte.gz", 50_000);
        Path f = config("  loader: fashion-mnist\n  path: " + data);
        assertEquals(Main.BAD_CONFIGURATION, main(f));
        String message = stderr();
        assertTrue(message.startsWith("error: " + f + " line 5, column 3, dataset.path: the data is broken: "
                + data.resolve("train-images-idx3-ubyte.gz")), message);
        assertTrue(message.contains(" at byte "), message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(Files.exists(tmp.resolve("results").resolve("broken")), "nothing was run, so no results folder");
    }

    @Test
    void aDryRunOfBrokenDataExitsTwoToo() throws IOException {
        Path data = sampleWithTruncated("t10k-labels-idx1-ubyte.gz", 30);
        Path f = config("  loader: fashion-mnist\n  path: " + data);
        assertEquals(Main.BAD_CONFIGURATION, main(f, "dryRun", "true"));
        assertTrue(stderr().startsWith("error: " + f + " line 5, column 3, dataset.path: the data is broken: "
                + data.resolve("t10k-labels-idx1-ubyte.gz")), stderr());
    }

    @Test
    void labelsWithoutClassNamesFromAnyLoaderExitTwoAtTheDatasetBlock() throws IOException {
        Path f = config("  loader: nine-names");
        assertEquals(Main.BAD_CONFIGURATION, main(f));
        assertTrue(stderr().startsWith("error: " + f + " line 4, column 3, dataset.loader: the data is broken: nine/train: "
                + "the label of row "), stderr());
        assertTrue(stderr().endsWith(" is 9, outside the 9 class names (labels must be 0..8)\n"), stderr());
    }

    @Test
    void misspeltDatasetKeySuggestsTheKeyTheRunnerReads() throws IOException {
        Path f = config("  loader: blobs\n  lmit: 50");
        assertEquals(Main.BAD_CONFIGURATION, main(f));
        assertEquals("error: " + f + " line 5, column 3, dataset.lmit: unknown key 'lmit' (did you mean 'limit'?); known keys "
                + "here: [loader, name, path, limit, raw, clusters, per-cluster, test-per-cluster, dims, separation, seed]\n",
                stderr());
    }
}
