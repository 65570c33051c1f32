package org.imageclustering.features;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.imageclustering.core.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetSplits;

/**
 * Transformed splits kept by {@link Transforms#cacheKey cache key}, in memory and optionally on disk,
 * so that a sweep over algorithms, K and seeds transforms each (split, chain, seed) once.
 *
 * <p>On disk, each split is one file {@code <key>.<split>.f32}: the 4 bytes {@code ICTF}, a format
 * version (int 1), rows, columns, then channels, height and width of the image shape (zeros when
 * the rows are not pictures), all big-endian ints, followed by the values as little-endian float32
 * row after row. Files are written to a temporary name and renamed, so a crash never leaves half a
 * file under a real name. Labels, class names and sources come from the untransformed splits.
 * Entries read back from disk have no fitted chain (no inverse), only the features.
 */
public final class TransformCache {
    static final int MAGIC = 0x49435446; // "ICTF"
    static final int VERSION = 1;
    private static final int HEADER = 4 * 7;

    private final Path directory;
    private final Map<String, Entry> memory = new ConcurrentHashMap<>();

    /** A transformed training split, the transformed test split (or null), and the fitted chain when known. */
    public record Entry(Dataset train, Dataset test, FittedChain chain) {
        public Entry {
            Objects.requireNonNull(train, "train");
        }
    }

    /** A cache in memory only. */
    public TransformCache() {
        this.directory = null;
    }

    /** A cache in memory that also reads and writes {@code directory}. */
    public TransformCache(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * The entry for {@code key}: from memory, else from disk (rebuilt on {@code source}'s labels and
     * names), else computed by {@code compute}, remembered and written to disk.
     */
    public Entry get(String key, DatasetSplits source, Supplier<Entry> compute) {
        Entry e = memory.get(key);
        if (e != null) {
            return e;
        }
        if (directory != null) {
            e = readEntry(key, source);
        }
        if (e == null) {
            e = compute.get();
            if (directory != null) {
                writeEntry(key, e);
            }
        }
        memory.put(key, e);
        return e;
    }

    private Entry readEntry(String key, DatasetSplits source) {
        Path train = directory.resolve(key + ".train.f32");
        Path test = directory.resolve(key + ".test.f32");
        if (!Files.exists(train) || (source.test() != null && !Files.exists(test))) {
            return null;
        }
        try {
            Dataset tr = read(train, source.train());
            Dataset te = source.test() == null ? null : read(test, source.test());
            return new Entry(tr, te, null);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void writeEntry(String key, Entry e) {
        try {
            Files.createDirectories(directory);
            write(directory.resolve(key + ".train.f32"), e.train());
            if (e.test() != null) {
                write(directory.resolve(key + ".test.f32"), e.test());
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes the features and image shape of {@code data} in the cache format. */
    static void write(Path file, Dataset data) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        FloatMatrix x = data.features();
        ImageShape s = data.shape();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(x.rows());
            out.writeInt(x.cols());
            out.writeInt(s == null ? 0 : s.channels());
            out.writeInt(s == null ? 0 : s.height());
            out.writeInt(s == null ? 0 : s.width());
            ByteBuffer buf = ByteBuffer.allocate(4 * Math.max(1, x.cols())).order(ByteOrder.LITTLE_ENDIAN);
            float[] d = x.data();
            for (int i = 0; i < x.rows(); i++) {
                buf.clear();
                buf.asFloatBuffer().put(d, i * x.cols(), x.cols());
                out.write(buf.array(), 0, 4 * x.cols());
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Reads a cached split; labels, names and sources come from {@code original}, which must have the
     * same number of rows.
     *
     * @throws DatasetFormatException naming the file and byte offset of a bad header or a short file
     */
    static Dataset read(Path file, Dataset original) throws IOException {
        String name = file.toString();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new DatasetFormatException(name, 0, "expected the magic number 0x"
                        + Integer.toHexString(MAGIC) + " (ICTF), found 0x" + Integer.toHexString(magic));
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new DatasetFormatException(name, 4, "expected format version " + VERSION + ", found " + version);
            }
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows != original.size() || cols < 0) {
                throw new DatasetFormatException(name, 8, "expected " + original.size() + " rows (as "
                        + original.name() + "), found " + rows + " rows of " + cols + " values");
            }
            int c = in.readInt();
            int h = in.readInt();
            int w = in.readInt();
            ImageShape shape = c == 0 ? null : new ImageShape(c, h, w);
            float[] data = new float[Math.multiplyExact(rows, cols)];
            byte[] row = new byte[4 * cols];
            ByteBuffer buf = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < rows; i++) {
                try {
                    in.readFully(row);
                } catch (EOFException e) {
                    throw new DatasetFormatException(name, HEADER + 4L * i * cols, "file ends inside row " + i
                            + " of " + rows + " (expected " + (HEADER + 4L * rows * cols) + " bytes)");
                }
                buf.rewind();
                buf.asFloatBuffer().get(data, i * cols, cols);
            }
            if (in.read() != -1) {
                throw new DatasetFormatException(name, HEADER + 4L * rows * cols, "unexpected bytes after the last row");
            }
            return original.withFeatures(FloatMatrix.wrap(rows, cols, data), shape);
        }
    }
}
