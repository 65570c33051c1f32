package org.imageclustering.loader.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * split is read when both its files exist.
 */
public final class IdxLoader implements DatasetLoader {
    public IdxLoader() {
    }

    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        Parameters p = options.params();
        String trainImages = p.string("train-images", IdxDatasets.TRAIN_IMAGES);
        String trainLabels = p.string("train-labels", IdxDatasets.TRAIN_LABELS);
        String testImages = p.string("test-images", IdxDatasets.TEST_IMAGES);
        String testLabels = p.string("test-labels", IdxDatasets.TEST_LABELS);
        List<String> classNames = null;
        if (p.has("class-names")) {
            Object raw = p.raw("class-names");
            if (!(raw instanceof List<?> list) || list.isEmpty()) {
                throw p.invalid("class-names", "expected a non-empty list of names, found " + raw);
            }
            classNames = new ArrayList<>();
            for (Object o : list) {
                classNames.add(String.valueOf(o));
            }
        }
        p.requireAllUsed();
        Path folder = options.path();
        String howToGet = "The idx loader reads the files named by train-images, train-labels, test-images and "
                + "test-labels in the dataset's path.";
        if (folder == null) {
            throw new NoSuchFileException(null, null, "the idx loader needs a path: the folder holding "
                    + trainImages + " and " + trainLabels);
        }
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "no such folder. " + howToGet);
        }
        return IdxDatasets.loadFrom("idx", folder, trainImages, trainLabels, testImages, testLabels, classNames,
                options.raw(), howToGet);
    }
}
