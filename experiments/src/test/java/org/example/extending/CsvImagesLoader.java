package org.example.extending;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.core.ImageShape;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.io.Bytes;

/**
 * Loads square grayscale images from one text file, a line per image: the class, then the pixels
 * (0..255), separated by commas. Keys: {@code classes} (the number of classes, 10).
 */
public final class CsvImagesLoader implements DatasetLoader {
    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        Parameters p = options.params();
        int classes = p.integer("classes", 10);
        p.requireAllUsed(); // a misspelt key fails here, at its line in the experiment file
        Path file = options.location().orElseThrow(() -> new NoSuchFileException(
                "csv-images needs a path: a text file with one 'class,pixel,pixel,...' line per image"));
        Bytes.FileBytes read = Bytes.readFile(file); // the bytes and their SHA-256, for the manifest
        List<String> lines = new String(read.bytes(), StandardCharsets.US_ASCII).lines().toList();
        int width = (int) Math.round(Math.sqrt(lines.isEmpty() ? 0 : lines.get(0).split(",").length - 1));
        int d = width * width;
        float[] pixels = new float[lines.size() * d];
        int[] labels = new int[lines.size()];
        long offset = 0;
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (cells.length != d + 1) {
                throw new DatasetFormatException(file.toString(), offset, "line " + (i + 1) + ": expected a class and "
                        + d + " pixels, found " + cells.length + " values");
            }
            try {
                labels[i] = Integer.parseInt(cells[0].trim());
                for (int j = 0; j < d; j++) {
                    float v = Float.parseFloat(cells[j + 1].trim());
                    pixels[i * d + j] = options.raw() ? v : v / 255f; // `raw: true` keeps 0..255
                }
            } catch (NumberFormatException e) {
                throw new DatasetFormatException(file.toString(), offset, "line " + (i + 1) + ": " + e.getMessage());
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new DatasetFormatException(file.toString(), offset, "line " + (i + 1) + ": class "
                        + labels[i] + " is outside [0, " + classes + ")");
            }
            offset += lines.get(i).length() + 1;
        }
        List<String> classNames = IntStream.range(0, classes).mapToObj(c -> "class " + c).toList();
        Dataset train = new Dataset("csv-images/train", FloatMatrix.wrap(lines.size(), d, pixels), labels,
                classNames, new ImageShape(1, width, width), List.of(read.source()));
        return new DatasetSplits(train, null); // no test split
    }
}
