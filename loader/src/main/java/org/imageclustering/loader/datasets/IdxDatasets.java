package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.core.ImageShape;
import org.imageclustering.loader.io.IdxFile;
import org.imageclustering.loader.io.Pixels;

/** The part the IDX loaders share: finding the four files, reading a split, checking labels. */
final class IdxDatasets {
    private static final Logger LOG = LogManager.getLogger(IdxDatasets.class);

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private IdxDatasets() {
    }

    /**
     * Loads a dataset in the MNIST file layout from {@code path} or, when it is {@code null}, from the
     * first of {@code defaultPlaces} that holds the training files.
     */
    static DatasetSplits loadStandard(String dataset, Path path, boolean raw, List<Path> defaultPlaces,
                                      List<String> classNames, String howToGet) throws IOException {
        Path folder = locate(dataset, path, defaultPlaces, howToGet);
        return loadFrom(dataset, folder, TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS, classNames, raw,
                howToGet);
    }

    /** The folder to read: the given one, or the first default place holding the training images. */
    static Path locate(String dataset, Path given, List<Path> defaultPlaces, String howToGet) throws IOException {
        List<Path> places = given != null ? List.of(given) : defaultPlaces;
        List<String> tried = new ArrayList<>();
        for (Path place : places) {
            if (!Files.isDirectory(place)) {
                tried.add(place + (Files.exists(place) ? " (not a folder)" : " (no such folder)"));
            } else if (find(place, TRAIN_IMAGES) == null) {
                tried.add(place + " (no " + TRAIN_IMAGES + "[.gz] in it)");
            } else {
                return place;
            }
        }
        throw new NoSuchFileException(null, null, dataset + " not found; looked for " + TRAIN_IMAGES
                + "[.gz] in: " + String.join(", ", tried) + ". " + howToGet);
    }

    static DatasetSplits loadFrom(String dataset, Path folder, String trainImages, String trainLabels,
                                  String testImages, String testLabels, List<String> classNames, boolean raw,
                                  String howToGet) throws IOException {
        Path trImages = require(folder, trainImages, howToGet);
        Path trLabels = require(folder, trainLabels, howToGet);
        Path teImages = find(folder, testImages);
        Path teLabels = find(folder, testLabels);
        if ((teImages == null) != (teLabels == null)) {
            String missing = teImages == null ? testImages : testLabels;
            throw new NoSuchFileException(folder.resolve(missing).toString(), null,
                    "the test split is incomplete: found " + (teImages == null ? teLabels : teImages)
                            + " but not " + missing + "[.gz]. " + howToGet);
        }
        Dataset train = readSplit(dataset + "/train", trImages, trLabels, classNames, raw);
        Dataset test = null;
        if (teImages != null) {
            test = readSplit(dataset + "/test", teImages, teLabels, train.classNames(), raw);
            if (test.shape().height() != train.shape().height() || test.shape().width() != train.shape().width()) {
                throw new DatasetFormatException(teImages.toString(), 8, "test images are " + test.shape()
                        + " but training images are " + train.shape());
            }
        } else {
            LOG.warn("{}: no test split in {} (looked for {}[.gz] and {}[.gz])", dataset, folder, testImages, testLabels);
        }
        return new DatasetSplits(train, test);
    }

    /**
     * Reads one split. When {@code classNames} is null the classes are named "0", "1", ... up to the
     * largest label found.
     */
    static Dataset readSplit(String name, Path imagesFile, Path labelsFile, List<String> classNames, boolean raw)
            throws IOException {
        IdxFile images = IdxFile.read(imagesFile, IdxFile.IMAGES_MAGIC);
        IdxFile labels = IdxFile.read(labelsFile, IdxFile.LABELS_MAGIC);
        int n = images.dims()[0];
        int h = images.dims()[1];
        int w = images.dims()[2];
        if (labels.dims()[0] != n) {
            throw new DatasetFormatException(labels.name(), 4, "holds " + labels.dims()[0] + " labels but "
                    + images.name() + " holds " + n + " images; the counts must match");
        }
        if (h < 1 || w < 1) {
            throw new DatasetFormatException(images.name(), 8, "images must be at least 1 x 1, header says " + h + " x " + w);
        }
        int[] y = new int[n];
        byte[] lb = labels.data();
        int max = -1;
        for (int i = 0; i < n; i++) {
            y[i] = lb[labels.offset() + i] & 0xff;
            if (classNames != null && y[i] >= classNames.size()) {
                throw new DatasetFormatException(labels.name(), labels.fileOffset(i), "label of image " + i + " is "
                        + y[i] + ", outside the " + classNames.size() + " classes 0.." + (classNames.size() - 1));
            }
            max = Math.max(max, y[i]);
        }
        List<String> names = classNames;
        if (names == null) {
            List<String> generated = new ArrayList<>();
            for (int c = 0; c <= max; c++) {
                generated.add(Integer.toString(c));
            }
            names = generated;
        }
        float[] x = new float[images.length()];
        Pixels.toFloats(images.data(), images.offset(), x, 0, x.length, raw);
        return new Dataset(name, FloatMatrix.wrap(n, h * w, x), y, names, new ImageShape(1, h, w),
                List.of(images.source(), labels.source()));
    }

    /** The file {@code base} in {@code folder}, plain or {@code .gz}, also with the ".idx" spelling some mirrors use. */
    static Path find(Path folder, String base) {
        List<String> candidates = new ArrayList<>(List.of(base, base + ".gz"));
        String dotted = base.replace("-idx", ".idx");
        if (!dotted.equals(base)) {
            candidates.add(dotted);
            candidates.add(dotted + ".gz");
        }
        for (String c : candidates) {
            Path p = folder.resolve(c);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path require(Path folder, String base, String howToGet) throws NoSuchFileException {
        Path p = find(folder, base);
        if (p == null) {
            throw new NoSuchFileException(folder.resolve(base).toString(), null,
                    "missing; looked for " + base + " and " + base + ".gz in " + folder + ". " + howToGet);
        }
        return p;
    }
}
