package org.imageclustering.loader;

import java.util.Objects;
import java.util.Optional;

/** What a loader returns: the training split and, where the dataset has one, the test split. */
public record DatasetSplits(Dataset train, Dataset test) {
    public DatasetSplits {
        Objects.requireNonNull(train, "train");
    }

    public Optional<Dataset> testSplit() {
        return Optional.ofNullable(test);
    }
}
