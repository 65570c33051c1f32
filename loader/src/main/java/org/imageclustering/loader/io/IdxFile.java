package org.imageclustering.loader.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.SourceFile;

/**
 * One IDX file (the format of MNIST and Fashion-MNIST): an unsigned-byte tensor with its
 * dimensions, read from a plain or gzip-compressed file (told apart by content, not by name).
 *
 * <p>The format (LeCun et al., "The MNIST database of handwritten digits"): two zero bytes, a type
 * byte ({@code 0x08} = unsigned byte, the only type image datasets use), a byte giving the number
 * of dimensions, then each dimension as a big-endian 32-bit integer, then the values in row-major
 * order. Images are magic 2051 ({@code 00 00 08 03}: count x rows x columns), labels 2049
 * ({@code 00 00 08 01}: count).
 *
 * <p>Every declared size is checked before memory is committed to it: against the file length for
 * plain files, and by reading incrementally for compressed ones (see {@link Bytes}).
 *
 * @param dims   the dimensions from the header
 * @param data   an array holding the values
 * @param offset where the values start in {@code data}
 * @param name   the file as named in errors ("... (decompressed)" for gzip content, where offsets count
 *               decompressed bytes)
 * @param source the file and its SHA-256
 */
public record IdxFile(int[] dims, byte[] data, int offset, String name, SourceFile source) {
    /** Magic number of an IDX file of unsigned-byte images (count x rows x columns). */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of an IDX file of unsigned-byte labels. */
    public static final int LABELS_MAGIC = 2049;

    /** Number of values ({@code dims} multiplied). */
    public int length() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return (int) n;
    }

    /** Byte offset in the (decompressed) file of the value at {@code index}. */
    public long fileOffset(long index) {
        return 4L + 4L * dims.length + index;
    }

    /**
     * Reads {@code file}, requiring the magic number {@code expectedMagic} (2051 or 2049, which fixes
     * the number of dimensions).
     */
    public static IdxFile read(Path file, int expectedMagic) throws IOException {
        Bytes.FileBytes fb = Bytes.readFile(file);
        boolean gz = fb.gzipped();
        String name = gz ? file + " (decompressed)" : file.toString();
        InputStream in = gz
                ? new GZIPInputStream(new ByteArrayInputStream(fb.bytes()), 1 << 16)
                : new ByteArrayInputStream(fb.bytes());
        try (in) {
            byte[] magic = readHeader(in, 4, name, 0, "the 4-byte magic number");
            long found = Bytes.u32be(magic, 0);
            if (found != expectedMagic) {
                throw new DatasetFormatException(name, 0, "expected IDX magic number " + expectedMagic + " ("
                        + describe(expectedMagic) + "), found " + found + " (bytes " + hex(magic) + ")"
                        + (found == IMAGES_MAGIC || found == LABELS_MAGIC ? "; images and labels files swapped?" : ""));
            }
            int ndims = expectedMagic & 0xff;
            byte[] sizes = readHeader(in, 4 * ndims, name, 4, ndims + " big-endian 32-bit sizes");
            int[] dims = new int[ndims];
            long count = 1;
            for (int d = 0; d < ndims; d++) {
                long size = Bytes.u32be(sizes, 4 * d);
                if (size > Bytes.MAX_ARRAY) {
                    throw new DatasetFormatException(name, 4 + 4L * d, "dimension " + d + " is " + size
                            + ", larger than any array this loader can hold (" + Bytes.MAX_ARRAY + ")");
                }
                dims[d] = (int) size;
                count *= size;
                if (count > Bytes.MAX_ARRAY) {
                    throw new DatasetFormatException(name, 4, "the header declares " + sizes(dims, d + 1)
                            + " values, more than one Java array holds (" + Bytes.MAX_ARRAY + "); corrupt header?");
                }
            }
            long headerLength = 4L + 4L * ndims;
            long end = headerLength + count;
            if (!gz) {
                long fileLength = fb.bytes().length;
                if (fileLength < end) {
                    throw new DatasetFormatException(name, fileLength, "file ends at byte " + fileLength
                            + ", but its header declares " + sizes(dims, ndims) + " values, so it should end at byte " + end);
                }
                if (fileLength > end) {
                    throw new DatasetFormatException(name, end, "expected the file to end at byte " + end
                            + " (header declares " + sizes(dims, ndims) + " values), but " + (fileLength - end)
                            + " more bytes follow");
                }
                return new IdxFile(dims, fb.bytes(), (int) headerLength, name, fb.source());
            }
            byte[] values = Bytes.readExactly(in, count, name, headerLength, sizes(dims, ndims) + " values");
            if (in.read() >= 0) {
                throw new DatasetFormatException(name, end, "expected the data to end at byte " + end
                        + " (header declares " + sizes(dims, ndims) + " values), but more bytes follow");
            }
            return new IdxFile(dims, values, 0, name, fb.source());
        } catch (java.util.zip.ZipException e) {
            throw new DatasetFormatException(file.toString(), -1, "corrupt gzip data: " + e.getMessage());
        } catch (java.io.EOFException e) {
            long size = fb.bytes().length;
            throw new DatasetFormatException(file.toString(), size, "unexpected end of data: the file ends at byte " + size
                    + " inside its gzip stream; expected the rest of the compressed data (incomplete download?)");
        }
    }

    private static byte[] readHeader(InputStream in, int n, String name, long offset, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new DatasetFormatException(name, offset + b.length, "unexpected end of data: expected " + what
                    + " at bytes " + offset + ".." + (offset + n - 1));
        }
        return b;
    }

    private static String describe(int magic) {
        return magic == IMAGES_MAGIC ? "unsigned-byte images: count, rows, columns"
                : magic == LABELS_MAGIC ? "unsigned-byte labels" : "IDX";
    }

    private static String sizes(int[] dims, int n) {
        return Arrays.stream(dims, 0, n).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x ", x & 0xff));
        }
        return s.toString().trim();
    }
}
