package org.imageclustering.spark.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CIFAR-10 binary folder ({@code cifar-10-batches-bin}) in the published layout: five training
 * batches {@code data_batch_N.bin} and {@code test_batch.bin}, each record one label byte and the
 * 3072 pixel bytes (red plane, green, blue, 32 rows of 32), and {@code batches.meta.txt}. Pixel
 * (c, y, x) of image g is {@code (7g + 50c + 3y + 5x) mod 256}, as in the loader's own fixtures.
 */
final class CifarBinaryFixture {
    static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    /** Images per training batch, and in the test batch. */
    static final int PER_BATCH = 3;

    private CifarBinaryFixture() {
    }

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int b = 1; b <= 5; b++) {
            Files.write(dir.resolve("data_batch_" + b + ".bin"), batch(PER_BATCH * (b - 1)));
        }
        Files.write(dir.resolve("test_batch.bin"), batch(100));
        Files.writeString(dir.resolve("batches.meta.txt"), String.join("\n", CLASS_NAMES) + "\n\n", StandardCharsets.US_ASCII);
    }

    /** Images first .. first + PER_BATCH - 1, image g with label g mod 10. */
    private static byte[] batch(int first) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int g = first; g < first + PER_BATCH; g++) {
            out.write(g % 10);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        out.write((7 * g + 50 * c + 3 * y + 5 * x) % 256);
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
