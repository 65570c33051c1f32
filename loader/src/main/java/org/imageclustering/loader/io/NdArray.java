package org.imageclustering.loader.io;

import java.util.Arrays;

/**
 * A numpy array as unpickled: element type, shape, memory order and the raw element bytes. Only
 * numeric element types are representable; object arrays are rejected while unpickling.
 *
 * @param dtype     numpy type code without byte order, e.g. {@code u1}, {@code i8}, {@code f4}
 * @param byteOrder {@code '<'} little-endian, {@code '>'} big-endian, {@code '|'} not applicable,
 *                  {@code '='} native (little-endian on every platform numpy files come from here)
 * @param shape     the dimensions
 * @param fortran   true for column-major element order
 * @param data      the elements' bytes
 */
public record NdArray(String dtype, char byteOrder, int[] shape, boolean fortran, PyBytes data) {
    /** Number of elements. */
    public long size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Bytes per element, from the type code ({@code u1} is 1, {@code i8} is 8). */
    public int itemSize() {
        return itemSize(dtype);
    }

    static int itemSize(String dtype) {
        if (dtype.length() < 2 || "uifb".indexOf(dtype.charAt(0)) < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(dtype.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The shape as Python prints it, e.g. {@code (10000, 3072)}. */
    public String shapeText() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    /** Describes the array as numpy would: {@code uint8 (10000, 3072)}. */
    public String describe() {
        String kind = switch (dtype.charAt(0)) {
            case 'u' -> "uint";
            case 'i' -> "int";
            case 'f' -> "float";
            default -> "bool";
        };
        return kind + (dtype.charAt(0) == 'b' ? "" : String.valueOf(8 * itemSize())) + " " + shapeText();
    }

    /** Element {@code index} (in storage order) of an integer array, as a long. */
    public long integerAt(long index) {
        int size = itemSize();
        int base = data.offset() + (int) (index * size);
        byte[] a = data.array();
        boolean big = byteOrder == '>';
        long v = 0;
        for (int k = 0; k < size; k++) {
            int b = a[base + (big ? k : size - 1 - k)] & 0xff;
            v = (v << 8) | b;
        }
        if (dtype.charAt(0) == 'i' && size < 8) {
            int shift = 64 - 8 * size;
            v = (v << shift) >> shift;
        }
        return v;
    }

    /** True for integer element types ({@code u} or {@code i}). */
    public boolean isInteger() {
        return dtype.charAt(0) == 'u' || dtype.charAt(0) == 'i';
    }
}
