package org.imageclustering.loader.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Python byte string as unpickled (Python 2 {@code str}, Python 3 {@code bytes} or
 * {@code bytearray}): a view of {@code length} bytes of {@code array} from {@code offset}, so that a
 * 30 MB pixel block is not copied. Equal by content, so it can key a map.
 */
public record PyBytes(byte[] array, int offset, int length) {
    public PyBytes {
        if (offset < 0 || length < 0 || offset + (long) length > array.length) {
            throw new IllegalArgumentException("slice " + offset + "+" + length + " outside " + array.length + " bytes");
        }
    }

    /** The whole of {@code bytes}. */
    public static PyBytes of(byte[] bytes) {
        return new PyBytes(bytes, 0, bytes.length);
    }

    /** Unsigned byte {@code i}. */
    public int get(int i) {
        return array[offset + i] & 0xff;
    }

    /** The content as text (UTF-8, which covers the ASCII names of the CIFAR files). */
    public String text() {
        return new String(array, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyBytes b && Arrays.equals(array, offset, offset + length, b.array, b.offset, b.offset + b.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return length <= 40 ? "b'" + new String(array, offset, length, StandardCharsets.ISO_8859_1) + "'"
                : "<" + length + " bytes>";
    }
}
