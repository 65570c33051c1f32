package org.imageclustering.experiments.run;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imageclustering.loader.Dataset;

/**
 * A dataset after its feature chain: the training split every run of this data fits on, the
 * test split (or {@code null}) it is scored on, and what each fitted transform learned.
 *
 * @param train       transformed training split
 * @param test        transformed test split, or {@code null} when the dataset has none
 * @param transforms  one summary per fitted transform, in chain order
 */
public record PreparedData(Dataset train, Dataset test, List<Map<String, Object>> transforms) {
    public PreparedData {
        Objects.requireNonNull(train, "train");
        transforms = List.copyOf(transforms);
    }
}
