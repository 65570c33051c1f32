package org.imageclustering.loader.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.imageclustering.core.Sha256;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.SourceFile;

/**
 * Whole-file and exact-length reads whose allocations are bounded by the bytes actually present,
 * never by a size a header merely claims.
 *
 * <p>A forged header (say, 2^31 images) must fail with a message, not exhaust the heap. Sizes read
 * from plain files are checked against the file length before anything is allocated; sizes read
 * from compressed streams, whose length is unknown up front, are honoured by a buffer that grows
 * only as data arrives, so a short stream costs what it holds.
 */
public final class Bytes {
    /** The largest Java array the JVMs we run on will allocate. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final int FIRST_CHUNK = 1 << 20;

    private Bytes() {
    }

    /** A file read whole into memory, with its provenance. */
    public record FileBytes(Path path, byte[] bytes, SourceFile source) {
        /** True when the content starts with the gzip magic bytes 1f 8b (detected by content, not name). */
        public boolean gzipped() {
            return isGzip(bytes);
        }
    }

    /** Reads a whole file and hashes it. */
    public static FileBytes readFile(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_ARRAY) {
            throw new DatasetFormatException(file.toString(), -1, "the file has " + size
                    + " bytes, more than one Java array holds (" + MAX_ARRAY + ")");
        }
        byte[] bytes = Files.readAllBytes(file);
        return new FileBytes(file, bytes, new SourceFile(file.toString(), sha256(bytes), bytes.length));
    }

    /** True when {@code bytes} starts with the gzip magic bytes 1f 8b. */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b;
    }

    /**
     * Reads exactly {@code count} bytes. The buffer starts small and doubles as data arrives, so a
     * count taken from an untrusted header costs memory only in proportion to the data present.
     *
     * @param file   the file named in errors
     * @param offset the stream offset where the read starts, for errors
     * @param what   what the bytes are, for errors (e.g. "60000 x 28 x 28 pixel bytes")
     * @throws DatasetFormatException if the stream ends early, naming the offset where it ended
     */
    public static byte[] readExactly(InputStream in, long count, String file, long offset, String what)
            throws IOException {
        if (count < 0 || count > MAX_ARRAY) {
            throw new DatasetFormatException(file, offset, what + ": " + count
                    + " bytes is more than one Java array holds (" + MAX_ARRAY + ")");
        }
        int n = (int) count;
        byte[] buf = new byte[Math.min(n, FIRST_CHUNK)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) {
                throw new DatasetFormatException(file, offset + filled, "unexpected end of data: expected "
                        + what + " (" + n + " bytes from byte " + offset + "), found only " + filled);
            }
            filled += r;
        }
        return buf;
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    /** Big-endian unsigned 32-bit integer at {@code at}. */
    public static long u32be(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }
}
