package org.imageclustering.core;

/**
 * The picture behind a feature row: {@code channels x height x width}, stored channel-planar
 * (all of channel 0 row by row, then channel 1, ...), as CIFAR stores it. Lets any row, centroid
 * included, be drawn again.
 */
public record ImageShape(int channels, int height, int width) {
    public ImageShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image sizes must be >= 1, were " + height + " x " + width);
        }
    }

    /** Number of features of one image. */
    public int size() {
        return channels * height * width;
    }

    /** Index within a row of the value at channel {@code c}, row {@code y}, column {@code x}. */
    public int index(int c, int y, int x) {
        return (c * height + y) * width + x;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
