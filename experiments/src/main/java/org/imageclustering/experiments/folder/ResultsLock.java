package org.imageclustering.experiments.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive use of an experiment's results folder by one invocation: an operating-system lock on
 * {@code <folder>/.lock}, which holds a line naming the holder (pid, host, start time, experiment
 * file) while it is held.
 *
 * <p>The operating system releases the lock when the holding process ends, however it ends
 * ({@code kill -9} included), so there are no stale locks to clean up. The file itself is never
 * deleted (a lock on a deleted file would not exclude a process that creates it again); it is
 * emptied on release. Within one JVM, locks are also tracked by path: the OS lock belongs to the
 * process, and opening the file a second time in the holding process could release it.
 */
public final class ResultsLock implements AutoCloseable {
    /** The lock file's name inside a results folder. */
    public static final String FILE = ".lock";
    /** Holders in this JVM, by lock file path. */
    private static final Map<Path, ResultsLock> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String holder;
    private boolean released;

    private ResultsLock(Path file, FileChannel channel, FileLock lock, String holder) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /**
     * Takes the lock of the existing folder {@code dir} for an invocation of {@code configFile}.
     *
     * @throws FolderInUseException if another invocation holds it
     * @throws UncheckedIOException naming the lock file if it cannot be created or locked
     */
    public static ResultsLock acquire(Path dir, Path configFile) throws FolderInUseException {
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        ResultsLock here = HELD_HERE.get(file);
        if (here != null) {
            throw new FolderInUseException(dir, here.holder);
        }
        FileChannel channel = null;
        try {
            Object keyBefore = fileKey(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // taken by this JVM between the look-up above and now
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new FolderInUseException(dir, holder);
            }
            // a -Dfresh invocation may have moved the folder aside between our look-up and our lock
            if (!Objects.equals(keyBefore, fileKey(file))) {
                lock.release();
                channel.close();
                throw new FolderInUseException(dir, "another invocation (it replaced the folder just now)");
            }
            String description = describe(configFile);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((description + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ResultsLock held = new ResultsLock(file, channel, lock, description);
            HELD_HERE.put(file, held);
            return held;
        } catch (FolderInUseException e) {
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the results folder through " + file, e);
        }
    }

    /**
     * Notes that the folder was moved away (with this lock file in it, still locked), so that this
     * JVM may lock a new folder at the old path.
     */
    void folderMoved() {
        HELD_HERE.remove(file, this);
    }

    /** Releases the lock (emptying the file first); calling it again does nothing. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        HELD_HERE.remove(file, this);
        try {
            channel.truncate(0);
        } catch (IOException e) {
            // the holder line stays until the next holder overwrites it; the lock itself is what counts
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    /** "pid 1234 on host, since 2024-05-01T10:00:00Z, running configs/a.yaml". */
    private static String describe(Path configFile) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "this host";
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + ", since " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + (configFile == null ? "" : ", running " + configFile);
    }

    /** The holder line of a lock file held by another process, read through our own channel. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        channel.read(buf, 0);
        String line = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        return line.isEmpty() ? "another process (it has not written its name yet)" : line;
    }

    /** The identity of the file at {@code file} (device and inode on Unix), creating an empty one if there is none. */
    private static Object fileKey(Path file) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // the usual case: an earlier invocation created it
        }
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it that matters
            }
        }
    }

    /** Another invocation holds the results folder. */
    public static final class FolderInUseException extends IOException {
        private static final long serialVersionUID = 1L;

        FolderInUseException(Path dir, String holder) {
            super(Objects.requireNonNull(dir) + " is in use by another invocation of this experiment (" + holder
                    + "); wait for it to finish or stop it, then rerun. -Dreport and -Dcompare may read the folder meanwhile");
        }
    }
}
