package org.imageclustering.core.io;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The parsed header of a {@code .npy} file: format version, the dtype string ({@code descr}, such as
 * {@code '<f4'}), whether the data is in Fortran (column-major) order, the shape, and where the
 * data starts.
 *
 * @param version      the format's major version (1, 2 or 3)
 * @param descr        numpy's dtype string, e.g. {@code <f4} (little-endian float32)
 * @param fortranOrder true when the values are stored column-major
 * @param shape        the array's dimensions, each >= 0
 * @param dataOffset   byte offset of the first value
 */
public record NpyHeader(int version, String descr, boolean fortranOrder, List<Long> shape, long dataOffset) {
    public NpyHeader {
        Objects.requireNonNull(descr, "descr");
        shape = List.copyOf(shape);
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("shape entries must be >= 0, were " + shape);
            }
        }
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.size();
    }

    /** The shape written as Python does: {@code (3,)}, {@code (3, 4)}, {@code ()}. */
    public String shapeText() {
        return pythonTuple(shape);
    }

    static String pythonTuple(List<Long> shape) {
        if (shape.size() == 1) {
            return "(" + shape.get(0) + ",)";
        }
        return shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }
}
