package org.imageclustering.loader;

import java.io.IOException;

/**
 * A dataset file that is truncated, corrupt or not in the expected format. The message names the
 * file, the byte offset (or the field) and what was expected versus found.
 */
public class DatasetFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    /**
     * @param file     the file (as the user would recognise it, e.g. {@code cifar-10.tar.gz!data_batch_1})
     * @param offset   byte offset of the problem, or -1 when it concerns a field rather than a position
     * @param problem  what was expected and what was found
     */
    public DatasetFormatException(String file, long offset, String problem) {
        super(file + (offset >= 0 ? " at byte " + offset : "") + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public String file() {
        return file;
    }

    /** Byte offset of the problem, or -1. */
    public long offset() {
        return offset;
    }
}
