package org.imageclustering.loader;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;

/**
 * One split of an image dataset: a feature row per image, its true class where known, and what is
 * needed to draw a row again.
 *
 * @param name        e.g. {@code fashion-mnist/train}
 * @param features    {@code n x d} float32 rows, pixels scaled to [0, 1] unless raw values were asked for
 * @param labels      true class of each row in {@code [0, classNames.size())} (checked), or {@code null} when unknown
 * @param classNames  names of the classes, index = label
 * @param shape       the image shape of a row, or {@code null} once a transform has left pixel space
 * @param sources     the files read, with their SHA-256
 * @param images      the original image of every row when the rows are not pixels (features computed
 *                    elsewhere from an image dataset), so reports can still draw clusters; or {@code null}
 */
public record Dataset(String name, FloatMatrix features, int[] labels, List<String> classNames, ImageShape shape,
                      List<SourceFile> sources, Images images) {
    /** The pixels of every row and their shape, row i being the image of feature row i. */
    public record Images(FloatMatrix rows, ImageShape shape) {
        public Images {
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(shape, "shape");
            if (shape.size() != rows.cols()) {
                throw new IllegalArgumentException("image shape " + shape + " has " + shape.size()
                        + " values but image rows have " + rows.cols());
            }
        }
    }

    /** A split whose rows are either pixels ({@code shape} given) or features without pictures. */
    public Dataset(String name, FloatMatrix features, int[] labels, List<String> classNames, ImageShape shape,
                   List<SourceFile> sources) {
        this(name, features, labels, classNames, shape, sources, null);
    }

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(features, "features");
        classNames = List.copyOf(classNames);
        sources = List.copyOf(sources);
        if (labels != null && labels.length != features.rows()) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + features.rows() + " rows");
        }
        if (labels != null) {
            // every dataset passes here, whichever loader made it: a label without a class name is refused
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= classNames.size()) {
                    throw new IllegalArgumentException(name + ": the label of row " + i + " is " + labels[i]
                            + ", outside the " + classNames.size() + " class names (labels must be 0.."
                            + (classNames.size() - 1) + ")");
                }
            }
        }
        if (shape != null && shape.size() != features.cols()) {
            throw new IllegalArgumentException(name + ": image shape " + shape + " has " + shape.size()
                    + " values but rows have " + features.cols());
        }
        if (images != null && images.rows().rows() != features.rows()) {
            throw new IllegalArgumentException(name + ": " + images.rows().rows() + " images for "
                    + features.rows() + " rows");
        }
    }

    public int size() {
        return features.rows();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The image shape while rows are still pixels. */
    public Optional<ImageShape> imageShape() {
        return Optional.ofNullable(shape);
    }

    /**
     * What draws row i as a picture: the rows themselves while they are pixels, else the original
     * images when the dataset keeps them.
     */
    public Optional<Images> pictures() {
        if (shape != null) {
            return Optional.of(new Images(features, shape));
        }
        return Optional.ofNullable(images);
    }

    /** The same images with other features (and possibly no image shape any more). */
    public Dataset withFeatures(FloatMatrix newFeatures, ImageShape newShape) {
        return new Dataset(name, newFeatures, labels, classNames, newShape, sources, images);
    }

    /** The rows at {@code indices}, in that order, with their labels. */
    public Dataset select(int[] indices) {
        int[] l = null;
        if (labels != null) {
            l = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                l[i] = labels[indices[i]];
            }
        }
        Images picked = images == null ? null : new Images(images.rows().selectRows(indices), images.shape());
        return new Dataset(name, features.selectRows(indices), l, classNames, shape, sources, picked);
    }
}
