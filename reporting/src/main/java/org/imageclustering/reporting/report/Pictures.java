package org.imageclustering.reporting.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.reporting.AtomicFiles;

/**
 * Feature rows drawn back as pictures: centroid mosaics and per-cluster montages, as PNG through
 * ImageIO. Rows must be in pixel space ({@link ImageShape}, channel-planar); centroids of
 * transformed features are mapped back by the transform's inverse before they get here.
 *
 * <p>Values in {@code [0, 1]} are drawn as they are; anything else (raw 0..255 pixels, an inverse
 * transform's overshoot) is rescaled by the minimum and maximum over the whole picture, so tiles
 * stay comparable with each other.
 */
public final class Pictures {
    /** Gap between tiles, in pixels. */
    static final int GAP = 2;

    private Pictures() {
    }

    /**
     * A grid of one tile per row of {@code rows} ({@code columns} tiles per line), each image scaled
     * up by {@code scale}, as an image.
     */
    public static BufferedImage grid(FloatMatrix rows, ImageShape shape, int columns, int scale) {
        Objects.requireNonNull(shape, "shape");
        if (rows.cols() != shape.size()) {
            throw new IllegalArgumentException("rows have " + rows.cols() + " values but image shape " + shape
                    + " needs " + shape.size());
        }
        if (columns < 1 || scale < 1) {
            throw new IllegalArgumentException("columns and scale must be >= 1, were " + columns + ", " + scale);
        }
        int n = rows.rows();
        int lines = Math.max(1, (n + columns - 1) / columns);
        int cols = Math.min(columns, Math.max(1, n));
        return tiles(rows, shape, n, lines, cols, scale, null, 0);
    }

    /**
     * A montage with one line per cluster: the images at {@code indices[k]} (rows of {@code images})
     * left to right; shorter lines are left blank.
     */
    public static BufferedImage montage(FloatMatrix images, ImageShape shape, int[][] indices, int scale) {
        return montage(images, shape, indices, scale, null);
    }

    /**
     * A montage with one line per cluster that starts with {@code leading} row k (the cluster's
     * centroid in pixel space), then the images at {@code indices[k]}. The grey range is taken from
     * the images alone, so a centroid that overshoots it (an inverse transform's ringing) is clipped
     * rather than dimming every image.
     */
    public static BufferedImage montage(FloatMatrix images, ImageShape shape, int[][] indices, int scale,
                                        FloatMatrix leading) {
        if (leading != null && leading.rows() != indices.length) {
            throw new IllegalArgumentException(leading.rows() + " leading rows for " + indices.length + " lines");
        }
        int lead = leading == null ? 0 : 1;
        int per = 1;
        int total = 0;
        for (int[] line : indices) {
            per = Math.max(per, line.length + lead);
            total += line.length;
        }
        int first = lead * indices.length;
        int d = images.cols();
        float[] data = new float[(first + total) * d];
        int[] slot = new int[first + total];
        for (int k = 0; k < first; k++) {
            System.arraycopy(leading.data(), leading.offset(k), data, k * d, d);
            slot[k] = k * per;
        }
        int p = first;
        for (int k = 0; k < indices.length; k++) {
            for (int j = 0; j < indices[k].length; j++) {
                System.arraycopy(images.data(), images.offset(indices[k][j]), data, p * d, d);
                slot[p] = k * per + lead + j;
                p++;
            }
        }
        return tiles(FloatMatrix.wrap(first + total, d, data), shape, first + total, Math.max(1, indices.length),
                per, scale, slot, first);
    }

    /** Draws rows into a grid; the grey range comes from rows {@code rangeFrom..n-1}. */
    private static BufferedImage tiles(FloatMatrix rows, ImageShape shape, int n, int lines, int cols, int scale,
                                       int[] slots, int rangeFrom) {
        int h = shape.height() * scale;
        int w = shape.width() * scale;
        BufferedImage img = new BufferedImage(cols * (w + GAP) + GAP, lines * (h + GAP) + GAP,
                BufferedImage.TYPE_INT_RGB);
        int background = 0xFFFFFF;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, background);
            }
        }
        float[] d = rows.data();
        float lo = 0;
        float hi = 1;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = rangeFrom * rows.cols(); i < n * rows.cols(); i++) {
            float v = d[i];
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min < -1e-4f || max > 1 + 1e-4f) {
            lo = min;
            hi = max > min ? max : min + 1;
        }
        int plane = shape.height() * shape.width();
        for (int r = 0; r < n; r++) {
            int s = slots == null ? r : slots[r];
            int x0 = GAP + (s % cols) * (w + GAP);
            int y0 = GAP + (s / cols) * (h + GAP);
            int off = rows.offset(r);
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    int rgb;
                    int pix = y * shape.width() + x;
                    if (shape.channels() == 1) {
                        int g = level(d[off + pix], lo, hi);
                        rgb = (g << 16) | (g << 8) | g;
                    } else {
                        rgb = (level(d[off + pix], lo, hi) << 16) | (level(d[off + plane + pix], lo, hi) << 8)
                                | level(d[off + 2 * plane + pix], lo, hi);
                    }
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    private static int level(float v, float lo, float hi) {
        if (!Float.isFinite(v)) {
            return 0;
        }
        double t = (v - lo) / (hi - lo);
        return (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
    }

    /** A scale that makes a tile about 56 pixels high (2 for 28x28, 2 for 32x32, at least 1). */
    public static int defaultScale(ImageShape shape) {
        return Math.max(1, Math.round(56f / shape.height()));
    }

    /** Writes {@code centroids} (already in pixel space) as a mosaic PNG, atomically. */
    public static void centroidMosaic(FloatMatrix centroids, ImageShape shape, Path png) {
        int columns = Math.min(10, Math.max(1, centroids.rows()));
        writePng(grid(centroids, shape, columns, defaultScale(shape)), png);
    }

    /** Writes the per-cluster montage of {@code images} (rows in pixel space) as a PNG, atomically. */
    public static void clusterMontage(FloatMatrix images, ImageShape shape, int[][] nearest, Path png) {
        writePng(montage(images, shape, nearest, defaultScale(shape)), png);
    }

    /**
     * Writes the per-cluster montage with each line led by its centroid ({@code centroids} in pixel
     * space, one row per cluster) as a PNG, atomically.
     */
    public static void clusterMontage(FloatMatrix images, ImageShape shape, int[][] nearest, FloatMatrix centroids,
                                      Path png) {
        writePng(montage(images, shape, nearest, defaultScale(shape), centroids), png);
    }

    /** {@code image} as PNG bytes. */
    public static byte[] pngBytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@code image} to {@code png} through a temporary file and a rename. */
    public static void writePng(BufferedImage image, Path png) {
        AtomicFiles.write(png, pngBytes(image));
    }
}
