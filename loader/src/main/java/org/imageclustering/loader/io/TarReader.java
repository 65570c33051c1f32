package org.imageclustering.loader.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.imageclustering.loader.DatasetFormatException;

/**
 * A forward-only reader of tar archives (POSIX ustar, with GNU long names and pax path records),
 * enough to stream the files out of a downloaded {@code .tar.gz} without extracting it to disk.
 *
 * <p>A tar archive is a sequence of 512-byte headers, each followed by the entry's bytes padded to a
 * multiple of 512, and ends with two zero blocks. Headers are verified by their checksum, so a file
 * that is not a tar archive, or a corrupt one, is reported at the offset of the bad header. Offsets
 * count bytes of the tar stream (after decompression).
 */
public final class TarReader {
    private static final int BLOCK = 512;

    private final InputStream in;
    private final String archive;
    private long position;
    private long remaining;
    private long padding;

    /** One file (or other member) of the archive. */
    public record Entry(String name, long size, boolean isFile, long headerOffset) {
        /** The last path component. */
        public String fileName() {
            int slash = name.lastIndexOf('/');
            return slash < 0 ? name : name.substring(slash + 1);
        }
    }

    /**
     * @param in      the tar stream (already decompressed)
     * @param archive the archive as named in errors
     */
    public TarReader(InputStream in, String archive) {
        this.in = in;
        this.archive = archive;
    }

    /** The next entry, or null at the end of the archive; skips whatever of the previous entry was not read. */
    public Entry next() throws IOException {
        skipRest();
        String longName = null;
        while (true) {
            long headerAt = position;
            byte[] h = in.readNBytes(BLOCK);
            position += h.length;
            if (h.length == 0) {
                return null; // some writers omit the closing zero blocks
            }
            if (h.length < BLOCK) {
                throw new DatasetFormatException(archive, headerAt + h.length, "unexpected end of data inside a "
                        + "512-byte tar header that starts at byte " + headerAt);
            }
            if (allZero(h)) {
                return null;
            }
            verifyChecksum(h, headerAt);
            long size = number(h, 124, 12, headerAt, "size");
            char type = (char) h[156];
            String name = longName != null ? longName : headerName(h);
            longName = null;
            if (type == 'L' || type == 'x') {
                byte[] content = Bytes.readExactly(in, size, archive, position, "the " + (type == 'L' ? "GNU long name"
                        : "pax header") + " of the entry at byte " + headerAt);
                position += size;
                skipPadding(size);
                longName = type == 'L' ? cString(content, 0, content.length) : paxPath(content);
                continue;
            }
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            boolean file = type == '0' || type == 0 || type == '7';
            return new Entry(name, size, file, headerAt);
        }
    }

    /** All the bytes of the current entry (the buffer grows as data arrives, whatever the header claims). */
    public byte[] readEntry(Entry e) throws IOException {
        byte[] data = Bytes.readExactly(in, remaining, archive, position, "the " + remaining + " bytes of entry '"
                + e.name() + "' (header at byte " + e.headerOffset() + ")");
        position += data.length;
        remaining = 0;
        return data;
    }

    /** Bytes of the tar stream consumed so far. */
    public long position() {
        return position;
    }

    private void skipRest() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
    }

    private void skipPadding(long size) throws IOException {
        skip((BLOCK - size % BLOCK) % BLOCK);
    }

    private void skip(long n) throws IOException {
        long start = position;
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new DatasetFormatException(archive, position, "unexpected end of data: expected "
                            + n + " bytes of entry data and padding from byte " + start);
                }
                s = 1;
            }
            left -= s;
            position += s;
        }
    }

    private void verifyChecksum(byte[] h, long headerAt) throws DatasetFormatException {
        long stored = number(h, 148, 8, headerAt, "checksum");
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        if (sum != stored) {
            throw new DatasetFormatException(archive, headerAt, "not a valid tar header: checksum is " + sum
                    + " but the header records " + stored + " (corrupt archive, or not a tar file?)");
        }
    }

    /** An octal field, or a GNU base-256 number when the high bit of the first byte is set. */
    private long number(byte[] h, int at, int len, long headerAt, String field) throws DatasetFormatException {
        if ((h[at] & 0x80) != 0) {
            long v = 0;
            for (int i = at + 1; i < at + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            if (v < 0 || (h[at] & 0x7f) != 0) {
                throw new DatasetFormatException(archive, headerAt + at, "tar " + field + " field is out of range");
            }
            return v;
        }
        long v = 0;
        boolean digits = false;
        for (int i = at; i < at + len; i++) {
            int c = h[i] & 0xff;
            if (c == 0 || (c == ' ' && digits)) {
                break;
            }
            if (c == ' ') {
                continue;
            }
            if (c < '0' || c > '7') {
                throw new DatasetFormatException(archive, headerAt + at, "tar " + field + " field is not an octal number: '"
                        + new String(h, at, len, StandardCharsets.ISO_8859_1).trim() + "'");
            }
            v = v * 8 + (c - '0');
            digits = true;
        }
        return v;
    }

    private static String headerName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        if (ustar && h[345] != 0) {
            return cString(h, 345, 155) + "/" + name;
        }
        return name;
    }

    private static String paxPath(byte[] content) {
        // records are "<length> <key>=<value>\n"
        String s = new String(content, StandardCharsets.UTF_8);
        for (String rec : s.split("\n")) {
            int space = rec.indexOf(' ');
            if (space > 0 && rec.startsWith("path=", space + 1)) {
                return rec.substring(space + 6);
            }
        }
        return null;
    }

    private static String cString(byte[] b, int at, int len) {
        int end = at;
        while (end < at + len && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
