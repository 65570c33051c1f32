package org.imageclustering.loader.transform;

import org.imageclustering.core.Parameters;

/**
 * Builds {@link HogTransform} from the keys {@code cell-size} (8), {@code block-size} (2),
 * {@code orientations} (9), {@code signed} (false), {@code block-norm} (l2-hys) and {@code clip} (0.2).
 * Bound under the name {@code hog}.
 */
public final class HogFactory implements TransformFactory {
    public HogFactory() {
    }

    @Override
    public HogTransform create(Parameters params) {
        return new HogTransform(OptionChecks.build(params, () -> new HogOptions(
                params.integer("cell-size", HogOptions.DEFAULT_CELL_SIZE),
                params.integer("block-size", HogOptions.DEFAULT_BLOCK_SIZE),
                params.integer("orientations", HogOptions.DEFAULT_ORIENTATIONS),
                params.bool("signed", false),
                params.choice("block-norm", BlockNorm.L2_HYS, BlockNorm::fromName),
                params.number("clip", HogOptions.DEFAULT_CLIP))));
    }
}
