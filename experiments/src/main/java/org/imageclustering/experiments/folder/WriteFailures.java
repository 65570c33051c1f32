package org.imageclustering.experiments.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The cause of a failed file operation in words a user acts on. The JDK's file exceptions carry
 * only the path as their message ({@code AccessDeniedException: results/x}); this says
 * "Permission denied", "No space left on device", "Not a directory".
 */
public final class WriteFailures {
    private WriteFailures() {
    }

    /** Why {@code e} happened, without the path (the caller's message names it). */
    public static String reason(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return reason(u.getCause());
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileAlreadyExistsException f && f.getReason() == null) {
            return "File exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Results could not be written, so the experiment stopped starting runs; the message names the
     * path, the cause and how to go on.
     */
    public static final class ResultsNotWrittenException extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        public ResultsNotWrittenException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
