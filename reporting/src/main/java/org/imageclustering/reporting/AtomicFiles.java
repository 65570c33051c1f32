package org.imageclustering.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whole-file writes that readers never see half done: write a temporary file beside the target,
 * force it to disk, then rename it over the target.
 *
 * <p>A process killed between the two steps leaves its temporary file behind. Temporary files are
 * named {@code .<target name>.pid<pid>-<random>.tmp}, so {@link #deleteLeftovers} can tell them
 * from everything else and from those of a process still writing.
 */
public final class AtomicFiles {
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.pid(\\d+)-\\d+\\.tmp");

    private AtomicFiles() {
    }

    /**
     * Creates an empty temporary file beside {@code target} with a name {@link #deleteLeftovers}
     * recognises as this process's.
     */
    public static Path createTemporary(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        return Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".pid" + ProcessHandle.current().pid() + "-",
                ".tmp");
    }

    /**
     * Deletes, anywhere under {@code dir}, the temporary files of atomic writes whose process no
     * longer runs (a process killed mid-write); returns how many. Files of a live process, such as
     * a report being rebuilt meanwhile, are left alone.
     */
    public static int deleteLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> files = Files.walk(dir)) {
            leftovers = files.filter(AtomicFiles::isLeftover).toList();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a folder we cannot list: its leftovers wait for the next invocation
        }
        int deleted = 0;
        for (Path p : leftovers) {
            try {
                deleted += Files.deleteIfExists(p) ? 1 : 0;
            } catch (IOException e) {
                // left for the next invocation; harmless meanwhile
            }
        }
        return deleted;
    }

    private static boolean isLeftover(Path p) {
        Matcher m = TEMPORARY.matcher(p.getFileName().toString());
        if (!m.matches() || !Files.isRegularFile(p)) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = createTemporary(abs);
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                makeReadable(tmp);
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * Temporary files are created owner-only; results are meant to be shared (copied, served), so
     * give them the usual rw-r--r-- where the file system has POSIX permissions.
     */
    private static void makeReadable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its defaults apply.
        }
    }

    /** Replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
