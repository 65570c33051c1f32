package org.imageclustering.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imageclustering.core.matrix.FloatMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code .npy} reader against files numpy wrote ({@code src/test/resources/npy}, made by
 * {@code make_npy_fixtures.py}, whose docstring gives the values recomputed here), the writer
 * against numpy's bytes, and one hand-made header per way a header can be broken.
 */
class NpyTest {
    @TempDir
    Path dir;

    /** F of the fixture script: float64 i/7 rounded to float32, as a 2 x 3 matrix. */
    private static final FloatMatrix F = FloatMatrix.wrap(2, 3, new float[] {
        0f, (float) (1 / 7.0), (float) (2 / 7.0), (float) (3 / 7.0), (float) (4 / 7.0), (float) (5 / 7.0)});
    /** L of the fixture script. */
    private static final int[] L = {0, 2, 1, -1, 7};

    private static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f4-little.npy", "f4-big.npy", "f4-version2.npy", "f4-version3.npy"})
    void float32OfEitherByteOrderAndEveryVersionReadsAsNumpyWroteIt(String name) throws IOException {
        assertEquals(F, Npy.readMatrix(fixture(name)));
    }

    @Test
    void headerVersionsAndDataOffsetsAreReported() throws IOException {
        NpyHeader v1 = Npy.readHeader(fixture("f4-little.npy"));
        assertEquals(new NpyHeader(1, "<f4", false, List.of(2L, 3L), 128), v1);
        assertEquals(2, Npy.readHeader(fixture("f4-version2.npy")).version());
        assertEquals(3, Npy.readHeader(fixture("f4-version3.npy")).version());
        assertEquals(">f4", Npy.readHeader(fixture("f4-big.npy")).descr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8-little.npy", "f8-big.npy"})
    void float64IsRoundedToTheNearestFloat32TiesToEven(String name) throws IOException {
        FloatMatrix m = Npy.readMatrix(fixture(name));
        assertEquals(FloatMatrix.wrap(3, 2, new float[] {
            (float) 0.1, (float) (1 / 3.0), -2.5f, (float) 1e-40, (float) 16777217.0, (float) 3.0e38}), m);
        assertEquals(16777216f, m.get(2, 0), "16777217 is halfway between two floats: ties to even");
        assertEquals(Float.intBitsToFloat(71362), m.get(1, 1), "1e-40 becomes the nearest subnormal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"labels-i4-little.npy", "labels-i4-big.npy", "labels-i8-little.npy"})
    void integerLabelsOfEitherWidthAndByteOrderRead(String name) throws IOException {
        assertArrayEquals(L, Npy.readInts(fixture(name)));
    }

    @Test
    void unsignedBytesReadWithoutSignExtension() throws IOException {
        assertArrayEquals(new int[] {0, 1, 255}, Npy.readInts(fixture("labels-u1.npy")));
    }

    @Test
    void labelBeyondIntRangeIsRefusedWithItsIndexAndOffset() {
        Path file = fixture("labels-i8-too-big.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readInts(file));
        assertEquals(file + " at byte 144: value 1099511627776 at index 2 does not fit a 32-bit int "
                + "(-2147483648 to 2147483647)", e.getMessage());
        assertEquals(144, e.byteOffset());
        assertEquals(file, e.file());
    }

    @Test
    void fortranOrderIsRefusedSayingHowToFixIt() {
        Path file = fixture("f4-fortran.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertEquals(file + ", header field 'fortran_order': expected C (row-major) order, found Fortran order; "
                + "save np.ascontiguousarray(a) instead of a", e.getMessage());
        assertEquals("fortran_order", e.field());
    }

    @Test
    void threeDimensionalArrayIsRefusedNamingItsShape() {
        Path file = fixture("f4-3d.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertEquals(file + ", header field 'shape': expected a 2-D array (rows, features), found shape (2, 3, 4); "
                + "flatten each row first with a.reshape(len(a), -1)", e.getMessage());
    }

    @Test
    void nanFeatureIsRefusedNamingTheFileRowAndColumn() {
        Path file = fixture("f4-nan.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertEquals(file + " at byte 148: row 1, column 2 is NaN: features must be finite; clean them first "
                + "(np.nan_to_num(a), or drop rows with a[np.isfinite(a).all(axis=1)])", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<f4", ">f4", "<f8", ">f8"})
    void matrixSpanningManyReadChunksReadsBackAndItsFirstNonFiniteValueIsNamed(String descr) throws IOException {
        int rows = 400;
        int cols = 300; // 120,000 values: several of the reader's chunks at either width
        int size = descr.charAt(2) - '0';
        byte[] header = Npy.header(descr, List.of((long) rows, (long) cols));
        ByteBuffer data = ByteBuffer.allocate(rows * cols * size)
                .order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] expected = new float[rows * cols];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i * 0.25f - 7_000f;
            if (size == 4) {
                data.putFloat(i * 4, expected[i]);
            } else {
                data.putDouble(i * 8, expected[i]);
            }
        }
        Path file = dir.resolve("wide.npy");
        Files.write(file, concat(header, data.array()));
        assertArrayEquals(expected, Npy.readMatrix(file).data());

        int infinity = 100_000; // row 333, column 100, past the first chunk
        int nan = 110_000;
        for (int[] at : new int[][] {{infinity, 0}, {nan, 1}}) {
            if (size == 4) {
                data.putFloat(at[0] * 4, at[1] == 0 ? Float.POSITIVE_INFINITY : Float.NaN);
            } else {
                data.putDouble(at[0] * 8, at[1] == 0 ? Double.POSITIVE_INFINITY : Double.NaN);
            }
        }
        Files.write(file, concat(header, data.array()));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertEquals(file + " at byte " + (header.length + (long) infinity * size) + ": row 333, column 100 is "
                + "Infinity: features must be finite; clean them first (np.nan_to_num(a), or drop rows with "
                + "a[np.isfinite(a).all(axis=1)])", e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void float64BeyondFloat32RangeIsRefusedNotMadeInfinite() {
        Path file = fixture("f8-beyond-float32.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertEquals(file + " at byte 136: row 0, column 1 is 1.0E300 is beyond float32's range (+-3.4028235E38)",
                e.getMessage());
    }

    @Test
    void truncatedFileNamesWhereTheDataRunsOut() {
        Path file = fixture("f4-truncated.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertEquals(file + " at byte 147: the file ends early: shape (2, 3) of '<f4' needs 24 bytes of data from "
                + "byte 128, it has 19", e.getMessage());
    }

    @Test
    void wrongKindOfArrayIsRefusedWithTheConversion() {
        Path labels = fixture("labels-i4-little.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(labels));
        assertEquals(labels + ", header field 'descr': expected float32 or float64 ('<f4', '>f4', '<f8', '>f8'), "
                + "found '<i4'; convert with a.astype(np.float32)", e.getMessage());
        Path matrix = fixture("f4-little.npy");
        e = assertThrows(NpyFormatException.class, () -> Npy.readInts(matrix));
        assertEquals(matrix + ", header field 'descr': expected an integer array ('<i4', '<i8', '|u1', ...), "
                + "found '<f4'", e.getMessage());
    }

    @Test
    void writerWritesNumpysBytesExactly() throws IOException {
        float[] ref = new float[12];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) i / 7f; // float32 division, as numpy's float32 arange / 7
        }
        assertArrayEquals(Files.readAllBytes(fixture("reference-3x4-f4.npy")),
                Npy.toBytes(FloatMatrix.wrap(3, 4, ref)));
        assertArrayEquals(Files.readAllBytes(fixture("reference-labels-i4.npy")), Npy.toBytes(L));
    }

    @Test
    void writtenFilesReadBackBitForBitAndStartDataOnA64ByteBoundary() throws IOException {
        FloatMatrix m = FloatMatrix.wrap(2, 3, new float[] {-0f, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f, -7.25f, 1});
        Path file = dir.resolve("m.npy");
        Files.write(file, Npy.toBytes(m));
        assertEquals(m, Npy.readMatrix(file));
        assertEquals(0, Npy.readHeader(file).dataOffset() % 64);
        int[] many = new int[40_000]; // more than one read chunk
        for (int i = 0; i < many.length; i++) {
            many[i] = i * 7919 - 100_000_000;
        }
        Files.write(file, Npy.toBytes(many));
        assertArrayEquals(many, Npy.readInts(file));
        Files.write(file, Npy.toBytes(FloatMatrix.zeros(0, 5)));
        assertEquals(FloatMatrix.zeros(0, 5), Npy.readMatrix(file));
    }

    @Test
    void headerOfAnyShapeEndsInANewlineOnA64ByteBoundary() {
        for (long cols = 1; cols <= 1_000_000_000L; cols *= 10) {
            byte[] header = Npy.header("<f4", List.of(0L, cols));
            assertEquals(0, header.length % 64, "cols " + cols);
            assertEquals('\n', header[header.length - 1], "cols " + cols);
        }
    }

    @Test
    void emptyMatrixWithAWideShapeIsWrittenAsNumpyDoes() throws IOException {
        assertArrayEquals(Files.readAllBytes(fixture("reference-0x100000-f4.npy")),
                Npy.toBytes(FloatMatrix.zeros(0, 100_000)));
    }

    @Test
    void keysInAnyOrderWithDoubleQuotesAndNoTrailingCommaAreAccepted() throws IOException {
        Path file = handMade(1, "{\"shape\": (1, 2), 'fortran_order': False, 'descr': '>f4'}",
                ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-2f).array());
        assertEquals(FloatMatrix.wrap(1, 2, new float[] {1.5f, -2f}), Npy.readMatrix(file));
        file = handMade(1, "{'descr': '<i8', 'fortran_order': True, 'shape': (2,), }",
                ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(3).putLong(-4).array());
        assertArrayEquals(new int[] {3, -4}, Npy.readInts(file), "a 1-D array is the same in Fortran order");
    }

    /** One broken header per row: the header text, then the message after the file name (hand-made headers are not padded). */
    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
        "{'descr': '<f4', 'shape': (1, 1), }"
            + "# header field 'fortran_order': expected the keys 'descr', 'fortran_order' and 'shape', "
            + "'fortran_order' is missing (found [descr, shape])",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), 'dtype': 1}"
            + "# at byte 68: in the header, expected one of the keys 'descr', 'fortran_order', 'shape', found 'dtype'",
        "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1, 1)}"
            + "# at byte 27: in the header, the key 'descr' appears twice",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (4)}"
            + "# at byte 60: in the header, expected a tuple such as (4,), found (4), which Python reads as an integer",
        "{'descr': '<f4', 'fortran_order': 0, 'shape': (1, 1)}"
            + "# at byte 44: in the header, expected a string, True, False or a tuple, found '0, 'shape': '",
        "{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,)}"
            + "# header field 'descr': expected a type string such as '<f4', found a list "
            + "(structured dtypes are not supported)",
        "{'descr': '<c8', 'fortran_order': False, 'shape': (1, 1)}"
            + "# header field 'descr': expected a byte order ('<' or '>', '|' for one byte), a kind (f, i or u) "
            + "and a size (1, 2, 4 or 8) such as '<f4', found '<c8'",
        "{'descr': '=f4', 'fortran_order': False, 'shape': (1, 1)}"
            + "# header field 'descr': expected a byte order ('<' or '>', '|' for one byte), a kind (f, i or u) "
            + "and a size (1, 2, 4 or 8) such as '<f4', found '=f4'",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1)} x"
            + "# at byte 68: in the header, expected only spaces and a newline after the header dict, found 'x\\n'",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1)"
            + "# at byte 67: in the header, expected ',' or '}' after the value of 'shape', found the end of the header",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999, 1)}"
            + "# at byte 61: in the header, expected an integer below 2^63, found 99999999999999999999",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (9223372036854775807, 2)}"
            + "# header field 'shape': expected a size below 2^63 bytes, found shape (9223372036854775807, 2)",
    })
    void brokenHeaderIsRefusedNamingTheOffsetOrField(String header, String message) throws IOException {
        Path file = handMade(1, header, new byte[4]);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertEquals(message, e.getMessage().substring(file.toString().length()).replaceFirst("^,? ", ""));
    }

    @Test
    void matrixBeyondOneJavaArrayIsRefusedBeforeAllocatingSayingHowToSplitIt() throws IOException {
        // 46341 x 46341 = 2,147,488,281 floats, just past the largest Java array; the file really holds
        // their 8.6 GB (sparse, so it takes no disk), so only the array limit can refuse it
        Path file = handMade(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (46341, 46341), }", new byte[0]);
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() + 46341L * 46341L * 4);
        }
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertEquals(file + ", header field 'shape': expected at most 2147483639 values (one Java array), found "
                + "shape (46341, 46341); save fewer rows per file, e.g. np.save(f, a[:n])", e.getMessage());
    }

    @Test
    void hugeClaimedShapeIsCheckedAgainstTheFileBeforeAllocating() throws IOException {
        // 46340 x 46340 floats would be 8.6 GB: refused from the file length alone
        Path file = handMade(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (46340, 46340), }", new byte[8]);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertEquals(file + " at byte 86: the file ends early: shape (46340, 46340) of '<f4' needs 8589582400 bytes "
                + "of data from byte 78, it has 8", e.getMessage());
    }

    @Test
    void bytesAfterTheDataAreRefused() throws IOException {
        Path file = handMade(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", new byte[6]);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file));
        assertEquals(file + " at byte 74: expected the end of the file: shape (1, 1) of '<f4' needs 4 bytes of data "
                + "from byte 70, it has 2 more", e.getMessage());
    }

    @Test
    void brokenPrefixIsRefusedAtItsOffset() throws IOException {
        Path file = dir.resolve("x.npy");
        Files.write(file, "PK\3\4 a zip file".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(file + " at byte 0: expected the magic \\x93NUMPY of a .npy file, found '\\x50\\x4b\\x03\\x04\\x20\\x61'",
                assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file)).getMessage());
        Files.write(file, new byte[0]);
        assertEquals(file + " at byte 0: expected the magic \\x93NUMPY of a .npy file, found an empty file (the file has 0 bytes)",
                assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file)).getMessage());
        Path v4 = handMade(4, "{}", new byte[0]);
        assertEquals(v4 + " at byte 6: expected format version 1.0, 2.0 or 3.0, found 4.0",
                assertThrows(NpyFormatException.class, () -> Npy.readMatrix(v4)).getMessage());
        byte[] shortened = Files.readAllBytes(fixture("f4-little.npy"));
        Files.write(file, java.util.Arrays.copyOf(shortened, 100));
        assertEquals(file + " at byte 8: the header length 118 runs past the end of the file (100 bytes)",
                assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file)).getMessage());
    }

    @Test
    void version3HeaderMustBeUtf8() throws IOException {
        byte[] bad = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), } \u00ff\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = write(3, bad, new byte[4]);
        assertEquals(file + " at byte 12: expected a UTF-8 header (format 3.0), found bytes that are not UTF-8",
                assertThrows(NpyFormatException.class, () -> Npy.readMatrix(file)).getMessage());
    }

    /** A file with {@code header} (plus a newline) as version {@code major}.0 header and then {@code data}. */
    private Path handMade(int major, String header, byte[] data) throws IOException {
        return write(major, (header + "\n").getBytes(StandardCharsets.UTF_8), data);
    }

    private Path write(int major, byte[] header, byte[] data) throws IOException {
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer buf = ByteBuffer.allocate(8 + lengthBytes + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            buf.putShort((short) header.length);
        } else {
            buf.putInt(header.length);
        }
        buf.put(header).put(data);
        Path file = Files.createTempFile(dir, "hand", ".npy");
        Files.write(file, buf.array());
        return file;
    }
}
