package org.imageclustering.loader.io;

/**
 * Bilinear resampling of one image plane, with pixel centres at half-integer coordinates (the
 * convention of OpenCV's {@code INTER_LINEAR} and of PIL without its antialiasing filter).
 *
 * <p>Destination pixel {@code (x, y)} samples the source at
 * {@code ((x + 0.5) * srcWidth / dstWidth - 0.5, (y + 0.5) * srcHeight / dstHeight - 0.5)}, clamped to
 * the image, interpolating the four nearest source pixels. Halving a size therefore averages 2 x 2
 * blocks exactly; shrinking by more than 2 samples without low-pass filtering and may alias.
 */
public final class Bilinear {
    private Bilinear() {
    }

    /** Resamples the row-major plane {@code src} ({@code sw x sh}) into {@code dst} ({@code dw x dh}) at {@code dstPos}. */
    public static void resize(float[] src, int sw, int sh, float[] dst, int dstPos, int dw, int dh) {
        resize(src, 0, sw, sh, dst, dstPos, dw, dh);
    }

    /** As {@link #resize(float[], int, int, float[], int, int, int)}, the source plane starting at {@code srcPos}. */
    public static void resize(float[] src, int srcPos, int sw, int sh, float[] dst, int dstPos, int dw, int dh) {
        int[] x0 = new int[dw];
        int[] x1 = new int[dw];
        float[] fx = new float[dw];
        weights(sw, dw, x0, x1, fx);
        int[] y0 = new int[dh];
        int[] y1 = new int[dh];
        float[] fy = new float[dh];
        weights(sh, dh, y0, y1, fy);
        for (int y = 0; y < dh; y++) {
            int r0 = srcPos + y0[y] * sw;
            int r1 = srcPos + y1[y] * sw;
            float wy = fy[y];
            for (int x = 0; x < dw; x++) {
                float top = src[r0 + x0[x]] + fx[x] * (src[r0 + x1[x]] - src[r0 + x0[x]]);
                float bottom = src[r1 + x0[x]] + fx[x] * (src[r1 + x1[x]] - src[r1 + x0[x]]);
                dst[dstPos + y * dw + x] = top + wy * (bottom - top);
            }
        }
    }

    private static void weights(int s, int d, int[] i0, int[] i1, float[] f) {
        double scale = (double) s / d;
        for (int i = 0; i < d; i++) {
            double c = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), s - 1);
            i0[i] = (int) Math.floor(c);
            i1[i] = Math.min(i0[i] + 1, s - 1);
            f[i] = (float) (c - i0[i]);
        }
    }
}
