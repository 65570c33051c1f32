package org.imageclustering.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    /** The pid of a process that has ended. */
    static long endedPid() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.pid();
    }

    @Test
    void temporaryFilesAreNamedAfterTheirTargetAndProcess() throws IOException {
        Path tmp = AtomicFiles.createTemporary(dir.resolve("summary.csv"));
        assertTrue(tmp.getFileName().toString().matches("\\.summary\\.csv\\.pid" + ProcessHandle.current().pid() + "-\\d+\\.tmp"),
                tmp.toString());
    }

    @Test
    void leftoversOfEndedProcessesAreDeletedAnywhereUnderTheFolderAndNothingElse() throws Exception {
        long ended = endedPid();
        Path runDir = Files.createDirectories(dir.resolve("runs/abc"));
        Path leftTop = Files.writeString(dir.resolve(".summary.csv.pid" + ended + "-123.tmp"), "half");
        Path leftDeep = Files.writeString(runDir.resolve(".centroids.f32.pid" + ended + "-456.tmp"), "half");
        Path live = Files.writeString(dir.resolve(".report.html.pid" + ProcessHandle.current().pid() + "-789.tmp"), "being written");
        Path results = Files.writeString(dir.resolve("summary.csv"), "kept");
        Path otherTmp = Files.writeString(dir.resolve("notes.tmp"), "not ours");

        assertEquals(2, AtomicFiles.deleteLeftovers(dir));
        assertFalse(Files.exists(leftTop));
        assertFalse(Files.exists(leftDeep));
        assertTrue(Files.exists(live), "a live process's temporary file is left alone");
        assertTrue(Files.exists(results));
        assertTrue(Files.exists(otherTmp));
    }

    @Test
    void aWriteLeavesNoTemporaryFileBehind() throws IOException {
        AtomicFiles.writeString(dir.resolve("a.txt"), "x");
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(dir.resolve("a.txt")), files.toList());
        }
    }
}
