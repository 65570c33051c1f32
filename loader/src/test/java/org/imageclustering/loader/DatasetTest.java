package org.imageclustering.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.imageclustering.core.matrix.FloatMatrix;
import org.junit.jupiter.api.Test;

/** What every dataset, from any loader, is checked for when it is made. */
class DatasetTest {
    private static Dataset of(int[] labels, List<String> names) {
        return new Dataset("d/train", FloatMatrix.wrap(labels.length, 1, new float[labels.length]), labels, names, null,
                List.of());
    }

    @Test
    void labelWithoutAClassNameIsRefusedWhicheverLoaderMadeTheDataset() {
        List<String> nine = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(new int[] {0, 9, 3}, nine));
        assertEquals("d/train: the label of row 1 is 9, outside the 9 class names (labels must be 0..8)", e.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> of(new int[] {-1}, nine));
        assertEquals("d/train: the label of row 0 is -1, outside the 9 class names (labels must be 0..8)",
                negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> of(new int[] {0}, List.of()));
        assertEquals(3, of(new int[] {0, 8, 3}, nine).size());
        assertEquals(2, new Dataset("u", FloatMatrix.wrap(2, 1, new float[2]), null, List.of(), null, List.of()).size());
    }
}
