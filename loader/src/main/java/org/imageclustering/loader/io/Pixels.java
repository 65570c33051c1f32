package org.imageclustering.loader.io;

/**
 * Conversion of stored 8-bit pixel values to the float features every loader returns: scaled to
 * [0, 1] as {@code value / 255}, or kept as 0..255 when raw values are asked for.
 *
 * <p>One table lookup per byte, in a single pass over large blocks, so that full Fashion-MNIST
 * (47 million bytes) converts in a few tens of milliseconds.
 */
public final class Pixels {
    private static final float[] SCALED = new float[256];
    private static final float[] RAW = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            SCALED[v] = v / 255f;
            RAW[v] = v;
        }
    }

    private Pixels() {
    }

    /** The value a stored byte {@code b} becomes. */
    public static float value(int b, boolean raw) {
        return (raw ? RAW : SCALED)[b & 0xff];
    }

    /** Converts {@code length} unsigned bytes of {@code src} from {@code srcPos} into {@code dst} at {@code dstPos}. */
    public static void toFloats(byte[] src, int srcPos, float[] dst, int dstPos, int length, boolean raw) {
        float[] table = raw ? RAW : SCALED;
        for (int i = 0; i < length; i++) {
            dst[dstPos + i] = table[src[srcPos + i] & 0xff];
        }
    }
}
