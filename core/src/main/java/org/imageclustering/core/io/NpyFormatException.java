package org.imageclustering.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code .npy} file that cannot be read as asked: the message names the file, then either the
 * byte offset or the header field where the problem is, what was expected and what was found.
 */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long byteOffset;
    private final String field;

    private NpyFormatException(Path file, long byteOffset, String field, String message) {
        super(message);
        this.file = file;
        this.byteOffset = byteOffset;
        this.field = field;
    }

    /** A problem at {@code offset} bytes into {@code file}: "{@code <file> at byte <offset>: <detail>}". */
    static NpyFormatException atByte(Path file, long offset, String detail) {
        Objects.requireNonNull(file, "file");
        return new NpyFormatException(file, offset, null, file + " at byte " + offset + ": " + detail);
    }

    /** A problem with one header field: "{@code <file>, header field '<field>': <detail>}". */
    static NpyFormatException inField(Path file, String field, String detail) {
        Objects.requireNonNull(file, "file");
        return new NpyFormatException(file, -1, field, file + ", header field '" + field + "': " + detail);
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** Byte offset of the problem, or -1 when it is a header field's value. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The header field whose value is refused, or {@code null} when the problem has a byte offset. */
    public String field() {
        return field;
    }
}
