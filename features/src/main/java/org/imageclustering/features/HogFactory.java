package org.imageclustering.features;

import org.imageclustering.core.Parameters;

/**
 * Builds {@link HogTransform} from the keys {@code cell-size} (from the input shape, see
 * {@link HogOptions#cellSizeFor}; {@code auto} or a number of pixels), {@code block-size} (2),
 * {@code orientations} (9), {@code signed} (false), {@code block-norm} (l2-hys) and {@code clip} (0.2).
 * Bound under the name {@code hog}.
 */
public final class HogFactory implements TransformFactory {
    public HogFactory() {
    }

    @Override
    public HogTransform create(Parameters params) {
        return new HogTransform(OptionChecks.build(params, () -> new HogOptions(
                cellSize(params),
                params.integer("block-size", HogOptions.DEFAULT_BLOCK_SIZE),
                params.integer("orientations", HogOptions.DEFAULT_ORIENTATIONS),
                params.bool("signed", false),
                params.choice("block-norm", BlockNorm.L2_HYS, BlockNorm::fromName),
                params.number("clip", HogOptions.DEFAULT_CLIP))));
    }

    /** {@code cell-size}: a number of pixels, or {@code auto} (the default) for one chosen from the input shape. */
    private static int cellSize(Parameters params) {
        if (params.has("cell-size") && params.raw("cell-size") instanceof String s && s.trim().equalsIgnoreCase("auto")) {
            return HogOptions.AUTO_CELL_SIZE;
        }
        return params.integer("cell-size", HogOptions.DEFAULT_CELL_SIZE);
    }
}
