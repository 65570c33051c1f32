package org.imageclustering.loader.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed CIFAR-10 options load what the same experiment-file keys load, and refuse what they refuse. */
class Cifar10LoaderOptionsTest {
    @TempDir
    Path dir;

    private DatasetSplits fromKeys(boolean raw, Map<String, ?> keys) throws IOException {
        return new Cifar10Loader().load(new LoaderOptions(dir, raw, Parameters.of("dataset", keys)));
    }

    private static void assertSameSplits(DatasetSplits expected, DatasetSplits found) {
        for (Dataset[] pair : new Dataset[][] {{expected.train(), found.train()}, {expected.test(), found.test()}}) {
            assertEquals(pair[0].name(), pair[1].name());
            assertArrayEquals(pair[0].features().data(), pair[1].features().data(), pair[0].name());
            assertArrayEquals(pair[0].labels(), pair[1].labels(), pair[0].name());
            assertEquals(pair[0].classNames(), pair[1].classNames());
            assertEquals(pair[0].sources(), pair[1].sources());
        }
    }

    @Test
    void typedOptionsLoadWhatTheExperimentFileKeysLoad() throws IOException {
        CifarFiles.writeBinary10(dir.resolve("cifar-10-batches-bin"));
        CifarFiles.writePy2(dir.resolve("cifar-10-batches-py"));
        Cifar10Loader loader = new Cifar10Loader();

        assertSameSplits(fromKeys(false, Map.of()), loader.load(dir, Cifar10Loader.Options.defaults()));
        DatasetSplits python = loader.load(dir, new Cifar10Loader.Options(2, CifarFormat.PYTHON, true));
        assertSameSplits(fromKeys(true, Map.of("batches", 2, "format", "python")), python);
        assertEquals(4, python.train().size());
        assertTrue(python.train().sources().stream().allMatch(s -> !s.path().endsWith(".bin")), "the python version was read");
        assertEquals(CifarFiles.pixel(3, 2, 5, 7), python.train().features().get(3, python.train().shape().index(2, 5, 7)), 0f,
                "raw keeps the stored byte values");
        assertSameSplits(fromKeys(false, Map.of("batches", 1, "format", "binary")),
                loader.load(dir, Cifar10Loader.Options.defaults().withBatches(1).withFormat(CifarFormat.BINARY)));
    }

    @Test
    void typedBatchesOutsideOneToFiveAreRefusedNamingTheField() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new Cifar10Loader.Options(0, CifarFormat.AUTO, false));
        assertEquals("batches must be 1 to 5, was 0", zero.getMessage());
        IllegalArgumentException six = assertThrows(IllegalArgumentException.class,
                () -> Cifar10Loader.Options.defaults().withBatches(6));
        assertEquals("batches must be 1 to 5, was 6", six.getMessage());
        assertThrows(NullPointerException.class, () -> Cifar10Loader.Options.defaults().withFormat(null));
    }

    @Test
    void formatNamesAreTheExperimentFileSpellings() {
        assertEquals(CifarFormat.AUTO, CifarFormat.fromName("auto"));
        assertEquals(CifarFormat.BINARY, CifarFormat.fromName("binary"));
        assertEquals(CifarFormat.PYTHON, CifarFormat.fromName("python"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CifarFormat.fromName("csv"));
        assertEquals("expected auto, binary or python, found 'csv'", e.getMessage());
    }
}
