package org.imageclustering.features;

import java.util.Objects;
import org.imageclustering.core.Parameters;

/**
 * Validated options of {@link HogTransform}.
 *
 * @param cellSize     cell width and height in pixels, {@code >= 2}, or {@value #AUTO_CELL_SIZE} to choose
 *                     it from the input shape ({@link #cellSizeFor}); the paper's 8 was for 64 x 128 people
 * @param blockSize    block width and height in cells, {@code >= 1} (paper: 2); blocks step by one cell
 * @param orientations orientation bins, {@code >= 2} (paper: 9 over 0..180 degrees)
 * @param signed       bin over 0..360 degrees instead of 0..180 (the paper found unsigned better)
 * @param blockNorm    block normalisation (paper: L2-Hys)
 * @param clip         the L2-Hys clipping threshold, in (0, 1] (paper: 0.2)
 */
public record HogOptions(int cellSize, int blockSize, int orientations, boolean signed, BlockNorm blockNorm,
                         double clip) {
    /** The cell size that means "from the input shape" (the default). */
    public static final int AUTO_CELL_SIZE = 0;
    public static final int DEFAULT_CELL_SIZE = AUTO_CELL_SIZE;
    /** Cells across the shorter side that the automatic cell size aims at (the paper's 64 x 128 has 8 x 16). */
    public static final int AUTO_CELLS_ACROSS = 7;
    /** The paper's cell size, the largest the automatic choice takes. */
    public static final int PAPER_CELL_SIZE = 8;
    public static final int DEFAULT_BLOCK_SIZE = 2;
    public static final int DEFAULT_ORIENTATIONS = 9;
    public static final double DEFAULT_CLIP = 0.2;

    public HogOptions {
        if (cellSize != AUTO_CELL_SIZE) {
            OptionChecks.atLeast("cell-size", cellSize, 2);
        }
        OptionChecks.atLeast("block-size", blockSize, 1);
        OptionChecks.atLeast("orientations", orientations, 2);
        Objects.requireNonNull(blockNorm, "blockNorm");
        OptionChecks.positiveFinite("clip", clip);
        if (clip > 1) {
            throw new org.imageclustering.core.OptionException("clip", "must be in (0, 1], was " + clip);
        }
    }

    /**
     * The automatic cell size for an image of {@code height x width}: about
     * {@value #AUTO_CELLS_ACROSS} cells across the shorter side, at least 2 and at most the paper's
     * {@value #PAPER_CELL_SIZE} pixels. 28 x 28 (MNIST, Fashion-MNIST) and 32 x 32 (CIFAR) get 4,
     * where 8 leaves only 3 x 3 or 4 x 4 cells (on Fashion-MNIST k-means NMI 0.558 with 8, 0.637 with 4);
     * 64 pixels and more get 8.
     */
    public static int cellSizeFor(int height, int width) {
        return Math.max(2, Math.min(PAPER_CELL_SIZE, Math.min(height, width) / AUTO_CELLS_ACROSS));
    }

    /** These options with the cell size resolved for {@code height x width} images when it is automatic. */
    public HogOptions forImage(int height, int width) {
        return cellSize != AUTO_CELL_SIZE ? this
                : new HogOptions(cellSizeFor(height, width), blockSize, orientations, signed, blockNorm, clip);
    }

    /** The paper's settings with the given cell size. */
    public static HogOptions withCellSize(int cellSize) {
        return new HogOptions(cellSize, DEFAULT_BLOCK_SIZE, DEFAULT_ORIENTATIONS, false, BlockNorm.L2_HYS, DEFAULT_CLIP);
    }

    /**
     * The options an experiment file gives under the name {@code hog}: the keys {@code cell-size}
     * (from the input shape, see {@link #cellSizeFor}; {@code auto} or a number of pixels),
     * {@code block-size} (2), {@code orientations} (9), {@code signed} (false), {@code block-norm}
     * (l2-hys) and {@code clip} (0.2).
     *
     * @throws org.imageclustering.core.OptionException naming the key for a bad value or an unknown key
     */
    public static HogOptions from(Parameters params) {
        return OptionChecks.build(params, () -> new HogOptions(
                cellSize(params),
                params.integer("block-size", DEFAULT_BLOCK_SIZE),
                params.integer("orientations", DEFAULT_ORIENTATIONS),
                params.bool("signed", false),
                params.choice("block-norm", BlockNorm.L2_HYS, BlockNorm::fromName),
                params.number("clip", DEFAULT_CLIP)));
    }

    /** {@code cell-size}: a number of pixels, or {@code auto} (the default) for one chosen from the input shape. */
    private static int cellSize(Parameters params) {
        if (params.has("cell-size") && params.raw("cell-size") instanceof String s && s.trim().equalsIgnoreCase("auto")) {
            return AUTO_CELL_SIZE;
        }
        return params.integer("cell-size", DEFAULT_CELL_SIZE);
    }
}
