package org.imageclustering.loader;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.imageclustering.core.Parameters;

/**
 * What a loader is asked for.
 *
 * @param path   where the files are (a folder or an archive); {@code null} lets the loader look in
 *               its default places
 * @param raw    keep the stored values (e.g. 0..255) instead of scaling to [0, 1]
 * @param params loader-specific settings (e.g. {@code batches}, {@code labels}); the loader must call
 *               {@link Parameters#requireAllUsed()} so misspelt keys fail
 */
public record LoaderOptions(Path path, boolean raw, Parameters params) {
    public LoaderOptions {
        Objects.requireNonNull(params, "params");
    }

    /** Scaled values from {@code path} with no other settings. */
    public static LoaderOptions at(Path path) {
        return new LoaderOptions(path, false, Parameters.empty("dataset"));
    }

    public Optional<Path> location() {
        return Optional.ofNullable(path);
    }
}
