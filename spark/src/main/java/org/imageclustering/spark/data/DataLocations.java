package org.imageclustering.spark.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the {@code path} of an experiment file's dataset block into a Hadoop location.
 *
 * <p>The runner hands loaders a {@link java.nio.file.Path}, which folds the two slashes of a URI
 * into one ({@code hdfs://nn:8020/data} arrives as {@code hdfs:/nn:8020/data}); they are put back
 * here, so a URI must name its authority (a name node, a bucket). A path without a scheme is a
 * folder on the driver's disk, relative to the working directory, as for every other loader.
 */
final class DataLocations {
    /** A scheme of two or more characters (one letter followed by a colon is a Windows drive). */
    private static final Pattern FOLDED_URI = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):/+(.*)$");

    private DataLocations() {
    }

    /** The Hadoop path of a dataset block's {@code path}. */
    static org.apache.hadoop.fs.Path ofDatasetPath(java.nio.file.Path path) {
        String s = path.toString();
        Matcher m = FOLDED_URI.matcher(s);
        if (m.matches()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            // file: URIs have no authority: file:/tmp/x is already what Hadoop reads
            return new org.apache.hadoop.fs.Path(scheme.equals("file") ? "file:/" + m.group(2) : scheme + "://" + m.group(2));
        }
        // not toUri(): that ends a folder with a slash, which would show in every message
        return new org.apache.hadoop.fs.Path("file", null, path.toAbsolutePath().normalize().toString());
    }
}
