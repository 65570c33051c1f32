package org.imageclustering.features;

import java.util.Arrays;

/** How {@link HogTransform} normalises each block of cell histograms (Dalal and Triggs 2005, section 6.4). */
public enum BlockNorm {
    /** {@code v / sqrt(|v|^2 + e^2)}. */
    L2("l2"),
    /** L2, then clip every value at the clip threshold (0.2) and renormalise: the paper's best. */
    L2_HYS("l2-hys"),
    /** {@code v / (|v|_1 + e)}. */
    L1("l1"),
    /** {@code sqrt(v / (|v|_1 + e))}. */
    L1_SQRT("l1-sqrt");

    private final String yamlName;

    BlockNorm(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static BlockNorm fromName(String name) {
        for (BlockNorm b : values()) {
            if (b.yamlName.equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown block norm '" + name + "', expected one of "
                + Arrays.stream(values()).map(BlockNorm::yamlName).toList());
    }
}
