package org.imageclustering.loader.transform;

import java.util.Objects;

/**
 * Validated options of {@link HogTransform}.
 *
 * @param cellSize     cell width and height in pixels, {@code >= 2} (paper: 8 for 64 x 128 people)
 * @param blockSize    block width and height in cells, {@code >= 1} (paper: 2); blocks step by one cell
 * @param orientations orientation bins, {@code >= 2} (paper: 9 over 0..180 degrees)
 * @param signed       bin over 0..360 degrees instead of 0..180 (the paper found unsigned better)
 * @param blockNorm    block normalisation (paper: L2-Hys)
 * @param clip         the L2-Hys clipping threshold, in (0, 1] (paper: 0.2)
 */
public record HogOptions(int cellSize, int blockSize, int orientations, boolean signed, BlockNorm blockNorm,
                         double clip) {
    public static final int DEFAULT_CELL_SIZE = 8;
    public static final int DEFAULT_BLOCK_SIZE = 2;
    public static final int DEFAULT_ORIENTATIONS = 9;
    public static final double DEFAULT_CLIP = 0.2;

    public HogOptions {
        OptionChecks.atLeast("cell-size", cellSize, 2);
        OptionChecks.atLeast("block-size", blockSize, 1);
        OptionChecks.atLeast("orientations", orientations, 2);
        Objects.requireNonNull(blockNorm, "blockNorm");
        OptionChecks.positiveFinite("clip", clip);
        if (clip > 1) {
            throw new org.imageclustering.core.OptionException("clip", "must be in (0, 1], was " + clip);
        }
    }

    /** The paper's settings with the given cell size. */
    public static HogOptions withCellSize(int cellSize) {
        return new HogOptions(cellSize, DEFAULT_BLOCK_SIZE, DEFAULT_ORIENTATIONS, false, BlockNorm.L2_HYS, DEFAULT_CLIP);
    }
}
