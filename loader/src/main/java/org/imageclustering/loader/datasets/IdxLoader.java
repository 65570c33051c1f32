package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;

/**
 * Loads any grey-scale image dataset stored as IDX files (magic 2051 images, 2049 labels; plain or
 * gzip), such as EMNIST or Kuzushiji-MNIST, with the file names given as options.
 *
 * <p>Options (all optional): {@code train-images}, {@code train-labels}, {@code test-images},
 * {@code test-labels} (file names relative to the path, or absolute; defaults are the MNIST names, each
 * also tried with {@code .gz}), {@code class-names} (a list; default "0", "1", ... up to the largest
 * label). A path is required. The test
 * split is read when both its files exist. From Java, {@link #load(Path, Options)} takes the same
 * settings typed.
 */
public final class IdxLoader implements DatasetLoader {
    /**
     * Typed settings of an IDX load, for use from Java; an experiment file gives the same ones as the
     * dataset keys {@code train-images}, {@code train-labels}, {@code test-images}, {@code test-labels},
     * {@code class-names} and {@code raw}.
     *
     * @param trainImages file of the training images, relative to the path or absolute; also tried with {@code .gz}
     * @param trainLabels file of the training labels
     * @param testImages  file of the test images (the test split is read when both test files exist)
     * @param testLabels  file of the test labels
     * @param classNames  the class names, index = label; empty for "0", "1", ... up to the largest label
     * @param raw         keep the stored 0..255 values instead of scaling them to [0, 1]
     */
    public record Options(String trainImages, String trainLabels, String testImages, String testLabels,
                          List<String> classNames, boolean raw) {
        public Options {
            Objects.requireNonNull(trainImages, "trainImages");
            Objects.requireNonNull(trainLabels, "trainLabels");
            Objects.requireNonNull(testImages, "testImages");
            Objects.requireNonNull(testLabels, "testLabels");
            Objects.requireNonNull(classNames, "classNames");
            for (int i = 0; i < classNames.size(); i++) {
                if (classNames.get(i) == null) {
                    throw new IllegalArgumentException("classNames[" + i + "] must be a name, was null");
                }
            }
            classNames = List.copyOf(classNames);
        }

        /** The MNIST file names, classes named by their labels, scaled to [0, 1]. */
        public static Options defaults() {
            return new Options(IdxDatasets.TRAIN_IMAGES, IdxDatasets.TRAIN_LABELS, IdxDatasets.TEST_IMAGES,
                    IdxDatasets.TEST_LABELS, List.of(), false);
        }

        /** These four files instead (each also tried with {@code .gz}). */
        public Options withFiles(String newTrainImages, String newTrainLabels, String newTestImages,
                                 String newTestLabels) {
            return new Options(newTrainImages, newTrainLabels, newTestImages, newTestLabels, classNames, raw);
        }

        public Options withClassNames(List<String> newClassNames) {
            return new Options(trainImages, trainLabels, testImages, testLabels, newClassNames, raw);
        }

        public Options withRaw(boolean newRaw) {
            return new Options(trainImages, trainLabels, testImages, testLabels, classNames, newRaw);
        }
    }

    public IdxLoader() {
    }

    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        Parameters p = options.params();
        String trainImages = p.string("train-images", IdxDatasets.TRAIN_IMAGES);
        String trainLabels = p.string("train-labels", IdxDatasets.TRAIN_LABELS);
        String testImages = p.string("test-images", IdxDatasets.TEST_IMAGES);
        String testLabels = p.string("test-labels", IdxDatasets.TEST_LABELS);
        List<String> classNames = List.of();
        if (p.has("class-names")) {
            Object raw = p.raw("class-names");
            if (!(raw instanceof List<?> list) || list.isEmpty()) {
                throw p.invalid("class-names", "expected a non-empty list of names, found " + raw);
            }
            List<String> names = new ArrayList<>();
            for (Object o : list) {
                names.add(String.valueOf(o));
            }
            classNames = names;
        }
        p.requireAllUsed();
        return load(options.path(),
                new Options(trainImages, trainLabels, testImages, testLabels, classNames, options.raw()));
    }

    /**
     * Reads the IDX files named in {@code options} from the folder {@code folder}.
     *
     * @return the training files as the train split and, when both test files exist, the test split
     * @throws NoSuchFileException if the folder is {@code null} or missing, or a training file is not in it
     * @throws org.imageclustering.loader.DatasetFormatException if a file is not an IDX file of the
     *         expected kind (file and byte offset)
     */
    public DatasetSplits load(Path folder, Options options) throws IOException {
        String howToGet = "The idx loader reads the files named by train-images, train-labels, test-images and "
                + "test-labels in the dataset's path.";
        if (folder == null) {
            throw new NoSuchFileException(null, null, "the idx loader needs a path: the folder holding "
                    + options.trainImages() + " and " + options.trainLabels());
        }
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "no such folder. " + howToGet);
        }
        return IdxDatasets.loadFrom("idx", folder, options.trainImages(), options.trainLabels(), options.testImages(),
                options.testLabels(), options.classNames().isEmpty() ? null : options.classNames(), options.raw(),
                howToGet);
    }
}
