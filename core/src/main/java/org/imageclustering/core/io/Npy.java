package org.imageclustering.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * Reads and writes numpy's {@code .npy} array files: a float matrix as a 2-D {@code float32} array
 * and labels as a 1-D {@code int32} array.
 *
 * <p><b>Writing</b> produces exactly the bytes of numpy's {@code np.save} for the same array (format
 * version 1.0, little-endian, C order): the magic {@code \x93NUMPY}, the version, a 2-byte
 * little-endian header length, then the header dict
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (n, d), }} padded with spaces and a final
 * newline so that the data starts at a multiple of 64 bytes.
 *
 * <p><b>Reading</b> accepts format versions 1.0, 2.0 (4-byte header length) and 3.0 (UTF-8 header);
 * a matrix of {@code <f4}, {@code >f4}, {@code <f8} or {@code >f8} in C order; integers
 * {@code i1..i8} and {@code u1..u8} of either byte order as labels. Float64 values are rounded to the
 * nearest float32, ties to even (Java's {@code (float)} cast, the same as numpy's
 * {@code a.astype(np.float32)}); a finite float64 beyond float32's range is refused rather than
 * turned into infinity, as are NaN and infinite features. Fortran-order matrices are refused with
 * the fix ({@code np.ascontiguousarray}). The data length must equal the shape's size times the
 * item size exactly, and it is checked against the file's length before anything is allocated, so
 * a corrupt header cannot ask for gigabytes.
 *
 * <p>Every problem is an {@link NpyFormatException} naming the file and the byte offset or header
 * field, what was expected and what was found.
 *
 * @see <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>
 */
public final class Npy {
    /** numpy aligns the start of the data to this many bytes. */
    static final int ALIGN = 64;
    /** numpy leaves room for the growing axis to reach this many digits (numpy >= 1.24). */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int PREFIX = MAGIC.length + 2;
    /** Far above any real header (numpy itself refuses more than 10,000 bytes by default). */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** The largest Java array. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    /** Read this many bytes at a time: large enough for few system calls, small enough to stay in cache. */
    private static final int CHUNK_BYTES = 1 << 18;

    private Npy() {
    }

    /** The {@code .npy} bytes of {@code m}: {@code <f4}, shape {@code (rows, cols)}, C order. */
    public static byte[] toBytes(FloatMatrix m) {
        return toBytes(out -> write(m, out));
    }

    /** The {@code .npy} bytes of {@code values}: {@code <i4}, shape {@code (n,)}. */
    public static byte[] toBytes(int[] values) {
        return toBytes(out -> write(values, out));
    }

    /** Writes {@code m} to {@code out} as {@code <f4}, shape {@code (rows, cols)}, C order. */
    public static void write(FloatMatrix m, OutputStream out) throws IOException {
        out.write(header("<f4", List.of((long) m.rows(), (long) m.cols())));
        float[] data = m.data();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            if (!buf.hasRemaining()) {
                flush(buf, out);
            }
            buf.putFloat(v);
        }
        flush(buf, out);
    }

    /** Writes {@code values} to {@code out} as {@code <i4}, shape {@code (n,)}. */
    public static void write(int[] values, OutputStream out) throws IOException {
        out.write(header("<i4", List.of((long) values.length)));
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            if (!buf.hasRemaining()) {
                flush(buf, out);
            }
            buf.putInt(v);
        }
        flush(buf, out);
    }

    /** The version 1.0 header numpy's {@code format.write_array} writes for a C-order array. */
    static byte[] header(String descr, List<Long> shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': ").append(NpyHeader.pythonTuple(shape)).append(", }");
        if (!shape.isEmpty()) {
            // room for the first axis to grow in place, as numpy leaves it
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - String.valueOf(shape.get(0)).length()));
        }
        int withNewline = dict.length() + 1;
        // numpy pads a full ALIGN when already aligned; so do we, to write the same bytes
        int pad = ALIGN - ((PREFIX + 2 + withNewline) % ALIGN);
        dict.append(" ".repeat(pad)).append('\n');
        int headerLength = withNewline + pad;
        ByteBuffer out = ByteBuffer.allocate(PREFIX + 2 + headerLength).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
        out.put(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.array();
    }

    /** Reads and checks the header of {@code file}, without reading the data. */
    public static NpyHeader readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, ch);
        }
    }

    /**
     * Reads a 2-D float array ({@code <f4}, {@code >f4}, {@code <f8}, {@code >f8}, C order) as a
     * matrix, one row per array row; float64 values are rounded to the nearest float32.
     *
     * @throws NpyFormatException if the file is not such an array or holds a NaN or infinite value
     */
    public static FloatMatrix readMatrix(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = readHeader(file, ch);
            Dtype type = Dtype.parse(file, h.descr());
            if (type.kind != 'f' || (type.size != 4 && type.size != 8)) {
                throw NpyFormatException.inField(file, "descr", "expected float32 or float64 ('<f4', '>f4', '<f8', "
                        + "'>f8'), found '" + h.descr() + "'"
                        + (type.kind == 'i' || type.kind == 'u' ? "; convert with a.astype(np.float32)" : ""));
            }
            if (h.rank() != 2) {
                throw NpyFormatException.inField(file, "shape", "expected a 2-D array (rows, features), found shape "
                        + h.shapeText() + "; flatten each row first with a.reshape(len(a), -1)");
            }
            if (h.fortranOrder()) {
                throw NpyFormatException.inField(file, "fortran_order", "expected C (row-major) order, found "
                        + "Fortran order; save np.ascontiguousarray(a) instead of a");
            }
            long count = requireDataLength(file, ch, h, type);
            int cols = (int) (long) h.shape().get(1);
            float[] data = new float[(int) count];
            if (type.size == 4) {
                readFloat32(file, ch, h, type, data, cols);
            } else {
                readFloat64(file, ch, h, type, data, cols);
            }
            return FloatMatrix.wrap((int) (long) h.shape().get(0), cols, data);
        }
    }

    /**
     * Reads a 1-D integer array (signed or unsigned, 1 to 8 bytes, either byte order) as
     * {@code int}s, refusing values outside the {@code int} range.
     */
    public static int[] readInts(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = readHeader(file, ch);
            Dtype type = Dtype.parse(file, h.descr());
            if (type.kind != 'i' && type.kind != 'u') {
                throw NpyFormatException.inField(file, "descr", "expected an integer array ('<i4', '<i8', '|u1', "
                        + "...), found '" + h.descr() + "'");
            }
            if (h.rank() != 1) {
                throw NpyFormatException.inField(file, "shape", "expected a 1-D array, found shape "
                        + h.shapeText() + "; flatten it first with a.ravel()");
            }
            // A 1-D array has the same layout in C and Fortran order, so fortran_order does not matter.
            long count = requireDataLength(file, ch, h, type);
            int[] out = new int[(int) count];
            readItems(file, ch, h, type, count, (i, buf) -> {
                long v = switch (type.size) {
                    case 1 -> type.kind == 'u' ? buf.get() & 0xFF : buf.get();
                    case 2 -> type.kind == 'u' ? buf.getShort() & 0xFFFF : buf.getShort();
                    case 4 -> type.kind == 'u' ? buf.getInt() & 0xFFFF_FFFFL : buf.getInt();
                    default -> buf.getLong();
                };
                boolean unsignedHuge = type.kind == 'u' && type.size == 8 && v < 0;
                if (unsignedHuge || v != (int) v) {
                    throw NpyFormatException.atByte(file, h.dataOffset() + i * type.size, "value "
                            + (unsignedHuge ? Long.toUnsignedString(v) : String.valueOf(v)) + " at index " + i
                            + " does not fit a 32-bit int (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
                }
                out[(int) i] = (int) v;
            });
            return out;
        }
    }

    private static NpyHeader readHeader(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer prefix = read(ch, 0, (int) Math.min(size, PREFIX + 4));
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= prefix.limit() || prefix.get(i) != MAGIC[i]) {
                throw NpyFormatException.atByte(file, 0, "expected the magic \\x93NUMPY of a .npy file, found "
                        + hex(prefix, MAGIC.length) + (size < MAGIC.length ? " (the file has " + size + " bytes)" : ""));
            }
        }
        if (size < PREFIX) {
            throw NpyFormatException.atByte(file, MAGIC.length, "expected a 2-byte format version, the file ends");
        }
        int major = prefix.get(6) & 0xFF;
        int minor = prefix.get(7) & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw NpyFormatException.atByte(file, MAGIC.length, "expected format version 1.0, 2.0 or 3.0, found "
                    + major + "." + minor);
        }
        int lengthBytes = major == 1 ? 2 : 4;
        if (size < PREFIX + lengthBytes) {
            throw NpyFormatException.atByte(file, PREFIX, "expected a " + lengthBytes
                    + "-byte header length, the file ends");
        }
        prefix.order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? prefix.getShort(PREFIX) & 0xFFFF : prefix.getInt(PREFIX) & 0xFFFF_FFFFL;
        long headerStart = PREFIX + lengthBytes;
        if (headerLength > MAX_HEADER_BYTES) {
            throw NpyFormatException.atByte(file, PREFIX, "expected a header length of at most " + MAX_HEADER_BYTES
                    + " bytes, found " + headerLength);
        }
        if (headerStart + headerLength > size) {
            throw NpyFormatException.atByte(file, PREFIX, "the header length " + headerLength + " runs past the end "
                    + "of the file (" + size + " bytes)");
        }
        ByteBuffer raw = read(ch, headerStart, (int) headerLength);
        String text;
        if (major == 3) {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(raw).toString();
            } catch (CharacterCodingException e) {
                throw NpyFormatException.atByte(file, headerStart, "expected a UTF-8 header (format 3.0), found "
                        + "bytes that are not UTF-8");
            }
        } else {
            text = StandardCharsets.ISO_8859_1.decode(raw).toString();
        }
        return NpyHeaderParser.parse(file, text, headerStart, major == 3, major, headerStart + headerLength);
    }

    /**
     * The number of values, after checking that the file holds exactly their bytes after the
     * header and that they fit in one Java array: the only check between a header and an allocation.
     */
    private static long requireDataLength(Path file, FileChannel ch, NpyHeader h, Dtype type) throws IOException {
        long count = 1;
        long bytes;
        try {
            for (long s : h.shape()) {
                count = Math.multiplyExact(count, s);
            }
            bytes = Math.multiplyExact(count, (long) type.size);
        } catch (ArithmeticException e) {
            throw NpyFormatException.inField(file, "shape", "expected a size below 2^63 bytes, found shape "
                    + h.shapeText());
        }
        long available = ch.size() - h.dataOffset();
        String what = "shape " + h.shapeText() + " of '" + h.descr() + "' needs " + bytes + " bytes of data from byte "
                + h.dataOffset();
        if (available < bytes) {
            throw NpyFormatException.atByte(file, ch.size(), "the file ends early: " + what + ", it has " + available);
        }
        if (available > bytes) {
            throw NpyFormatException.atByte(file, h.dataOffset() + bytes, "expected the end of the file: " + what
                    + ", it has " + (available - bytes) + " more");
        }
        if (count > MAX_VALUES) {
            throw NpyFormatException.inField(file, "shape", "expected at most " + MAX_VALUES
                    + " values (one Java array), found shape " + h.shapeText()
                    + "; save fewer rows per file, e.g. np.save(f, a[:n])");
        }
        return count;
    }

    /**
     * Reads float32 data into {@code data} a chunk at a time: the channel fills a direct buffer, one
     * bulk copy (byte-swapping if needed) moves it into the array, and a max-of-magnitudes pass over
     * the chunk, still in cache, finds any NaN or infinity; only then is the chunk scanned for the
     * first one, to name it. Per-value reads cost several times as much on large files.
     */
    private static void readFloat32(Path file, FileChannel ch, NpyHeader h, Dtype type, float[] data, int cols)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_BYTES).order(type.order);
        for (int done = 0; done < data.length; ) {
            int n = Math.min(CHUNK_BYTES / 4, data.length - done);
            fill(file, ch, buf, h.dataOffset() + (long) done * 4, n * 4);
            buf.asFloatBuffer().get(data, done, n);
            if (!(maxMagnitude(data, done, done + n) <= Float.MAX_VALUE)) {
                for (int i = done; ; i++) {
                    if (!Float.isFinite(data[i])) {
                        throw nonFinite(file, h, type, i, cols, data[i]);
                    }
                }
            }
            done += n;
        }
    }

    /** The largest |x[i]| over [from, to), or NaN if any is NaN; a loop the JIT compiles to vector code. */
    private static float maxMagnitude(float[] x, int from, int to) {
        float max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        return max;
    }

    /** Reads float64 data a chunk at a time, rounding each value to float32 and checking it. */
    private static void readFloat64(Path file, FileChannel ch, NpyHeader h, Dtype type, float[] data, int cols)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_BYTES).order(type.order);
        double[] chunk = new double[CHUNK_BYTES / 8];
        for (int done = 0; done < data.length; ) {
            int n = Math.min(chunk.length, data.length - done);
            fill(file, ch, buf, h.dataOffset() + (long) done * 8, n * 8);
            buf.asDoubleBuffer().get(chunk, 0, n);
            for (int j = 0; j < n; j++) {
                double d = chunk[j];
                float v = (float) d;
                if (!Float.isFinite(v)) {
                    if (Double.isFinite(d)) {
                        throw valueError(file, h, type, done + j, cols, d + " is beyond float32's range (+-"
                                + Float.MAX_VALUE + ")");
                    }
                    throw nonFinite(file, h, type, done + j, cols, v);
                }
                data[done + j] = v;
            }
            done += n;
        }
    }

    /** Reads exactly {@code n} bytes from {@code position} into {@code buf}, then flips it. */
    private static void fill(Path file, FileChannel ch, ByteBuffer buf, long position, int n) throws IOException {
        buf.clear().limit(n);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw NpyFormatException.atByte(file, position + buf.position(), "the file ended while reading "
                        + "(was it changed meanwhile?)");
            }
        }
        buf.flip();
    }

    private static NpyFormatException nonFinite(Path file, NpyHeader h, Dtype type, long i, int cols, float v) {
        return valueError(file, h, type, i, cols, v + ": features must be finite; clean them first "
                + "(np.nan_to_num(a), or drop rows with a[np.isfinite(a).all(axis=1)])");
    }

    /** Consumes one item of the data at index {@code i} from {@code buf}. */
    private interface ItemReader {
        void read(long i, ByteBuffer buf) throws NpyFormatException;
    }

    private static void readItems(Path file, FileChannel ch, NpyHeader h, Dtype type, long count, ItemReader item)
            throws IOException {
        int perChunk = CHUNK_BYTES / type.size;
        ByteBuffer buf = ByteBuffer.allocate(perChunk * type.size).order(type.order);
        long position = h.dataOffset();
        for (long i = 0; i < count; ) {
            int n = (int) Math.min(perChunk, count - i);
            fill(file, ch, buf, position, n * type.size);
            for (int j = 0; j < n; j++, i++) {
                item.read(i, buf);
            }
            position += (long) n * type.size;
        }
    }

    private static NpyFormatException valueError(Path file, NpyHeader h, Dtype type, long i, int cols, String what) {
        return NpyFormatException.atByte(file, h.dataOffset() + i * type.size, "row " + (i / cols) + ", column "
                + (i % cols) + " is " + what);
    }

    private static ByteBuffer read(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining() && ch.read(buf, position + buf.position()) >= 0) {
            // keep reading: a channel may return fewer bytes than asked
        }
        return buf.flip();
    }

    private static String hex(ByteBuffer buf, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, buf.limit()); i++) {
            sb.append(String.format("\\x%02x", buf.get(i) & 0xFF));
        }
        return sb.length() == 0 ? "an empty file" : "'" + sb + "'";
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static byte[] toBytes(Writing w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            w.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static void flush(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    /** A numpy type string such as {@code <f4}: byte order, kind, item size. */
    private record Dtype(ByteOrder order, char kind, int size) {
        static Dtype parse(Path file, String descr) throws NpyFormatException {
            if (descr.length() == 3 && "<>|".indexOf(descr.charAt(0)) >= 0 && "fiu".indexOf(descr.charAt(1)) >= 0
                    && "1248".indexOf(descr.charAt(2)) >= 0) {
                char orderChar = descr.charAt(0);
                int size = descr.charAt(2) - '0';
                if (orderChar != '|' || size == 1) {
                    return new Dtype(orderChar == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                            descr.charAt(1), size);
                }
            }
            throw NpyFormatException.inField(file, "descr", "expected a byte order ('<' or '>', '|' for one byte), "
                    + "a kind (f, i or u) and a size (1, 2, 4 or 8) such as '<f4', found '" + descr + "'");
        }
    }
}
