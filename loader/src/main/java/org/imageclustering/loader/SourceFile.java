package org.imageclustering.loader;

/** A file a dataset was read from and its SHA-256 (hex), for provenance. */
public record SourceFile(String path, String sha256, long bytes) {
}
