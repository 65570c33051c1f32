package org.imageclustering.spark.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import org.imageclustering.core.Sha256;
import org.imageclustering.core.matrix.FloatMatrix;

/**
 * The SHA-256 of a split's rows as a converted dataset holds them: for each row in id order, its
 * label (-1 when unlabelled) then its features' float32 bits, little-endian. Recorded at
 * conversion and checked on every read, so rows that were edited, lost or mixed with another
 * conversion's after {@code -Dconvert} are refused instead of clustered.
 */
final class RowsHash {
    private RowsHash() {
    }

    static String of(FloatMatrix features, int[] labels) {
        MessageDigest md = Sha256.newDigest();
        int d = features.cols();
        ByteBuffer buf = ByteBuffer.allocate(4 * (d + 1)).order(ByteOrder.LITTLE_ENDIAN);
        float[] data = features.data();
        for (int i = 0; i < features.rows(); i++) {
            buf.clear();
            buf.putInt(labels == null ? -1 : labels[i]);
            int at = features.offset(i);
            for (int j = 0; j < d; j++) {
                buf.putInt(Float.floatToRawIntBits(data[at + j]));
            }
            md.update(buf.array(), 0, buf.position());
        }
        return Sha256.hex(md);
    }
}
