package org.imageclustering.features;

import java.util.Objects;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;

/**
 * Rows mapped back through a transform chain as far as they could go, into a space whose rows are
 * pictures of {@code shape}: what a report draws for centroids of transformed features.
 *
 * @param rows     one picture per row, channel-planar
 * @param shape    the picture shape
 * @param complete whether the rows went all the way back to the chain's input (false when a step
 *                 without an inverse stopped them in an intermediate picture space, e.g. after resize)
 */
public record Pictures(FloatMatrix rows, ImageShape shape, boolean complete) {
    public Pictures {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(shape, "shape");
        if (rows.cols() != shape.size()) {
            throw new IllegalArgumentException("rows have " + rows.cols() + " values, pictures of " + shape
                    + " need " + shape.size());
        }
    }
}
