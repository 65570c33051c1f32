package org.imageclustering.experiments.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLoggingTest {
    @TempDir
    Path tmp;

    @Test
    void aLogFileThatFillsUpIsReportedOnceAsAFailureNamingIt() throws Exception {
        Path devFull = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(devFull), "needs /dev/full (Linux)");
        Path log = Files.createSymbolicLink(tmp.resolve("run.log"), devFull); // every write fails with ENOSPC, even as root
        try (RunLogging logging = RunLogging.to(log)) {
            assertTrue(logging.failure().isEmpty());
            LogManager.getLogger(RunLoggingTest.class).info("a line the disk has no room for");
            LogManager.getLogger(RunLoggingTest.class).info("and another");
            UncheckedIOException failure = logging.failure().orElseThrow();
            assertEquals("cannot write " + log, failure.getMessage());
            assertEquals("No space left on device", WriteFailures.reason(failure));
        }
    }

    @Test
    void aLogFileThatCannotBeOpenedIsOneExceptionNamingIt() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("logs"), "a regular file where the logs folder should be");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> RunLogging.to(blocker.resolve("run.log")));
        assertEquals("cannot write " + blocker.resolve("run.log"), e.getMessage());
    }
}
