package org.imageclustering.spark.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.imageclustering.core.ImageShape;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.SourceFile;

/**
 * What {@code _imageclustering.json} says of a converted dataset: everything a {@link Dataset}
 * holds besides its rows and labels.
 *
 * @param format        always {@value #FORMAT}, so that another tool's JSON is not taken for ours
 * @param formatVersion the layout's version ({@link ParquetLayout#FORMAT_VERSION})
 * @param dataset       the dataset's name in the experiment file it was converted from
 * @param loader        the loader that read the original files
 * @param raw           whether the features are the stored values (0..255) rather than scaled to [0, 1]
 * @param splits        the splits, train first
 */
public record ConvertedDataset(String format, int formatVersion, String dataset, String loader, boolean raw,
                               List<Split> splits) {
    public static final String FORMAT = "imageclustering-parquet";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One split.
     *
     * @param split      {@code train} or {@code test}
     * @param name       the dataset's name of the split ({@code fashion-mnist/train})
     * @param rows       how many rows, with ids 0..rows-1
     * @param features   values per row
     * @param labelled   whether every row has a label (else none has)
     * @param classNames the class names, index = label
     * @param shape      the image shape of a row, or {@code null} for features that are not pixels
     * @param sources    the files the loader read, with their SHA-256
     * @param rowsSha256 the {@link RowsHash} of the split's rows
     */
    public record Split(String split, String name, int rows, int features, boolean labelled, List<String> classNames,
                        ImageShape shape, List<SourceFile> sources, String rowsSha256) {
        public Split {
            Objects.requireNonNull(split, "split");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(rowsSha256, "rowsSha256");
            if (!ParquetLayout.SPLITS.contains(split)) {
                throw new IllegalArgumentException("split must be one of " + ParquetLayout.SPLITS + ", was '" + split + "'");
            }
            if (rows < 0 || features < 1) {
                throw new IllegalArgumentException("split '" + split + "': rows must be >= 0 and features >= 1, were "
                        + rows + " and " + features);
            }
            if (shape != null && shape.size() != features) {
                throw new IllegalArgumentException("split '" + split + "': shape " + shape + " has " + shape.size()
                        + " values but rows have " + features);
            }
            if (!rowsSha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("split '" + split + "': rowsSha256 must be 64 lower-case hex digits");
            }
            classNames = List.copyOf(classNames == null ? List.of() : classNames);
            sources = List.copyOf(sources == null ? List.of() : sources);
        }

        /** The description of {@code d}, one of the loader's splits. */
        static Split of(String split, Dataset d) {
            return new Split(split, d.name(), d.size(), d.features().cols(), d.hasLabels(), d.classNames(), d.shape(),
                    d.sources(), RowsHash.of(d.features(), d.labels()));
        }
    }

    public ConvertedDataset {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(loader, "loader");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format must be '" + FORMAT + "', was " + format);
        }
        splits = List.copyOf(splits);
        if (splits.isEmpty() || !splits.get(0).split().equals("train")) {
            throw new IllegalArgumentException("the first split must be 'train'");
        }
        Set<String> seen = new HashSet<>();
        for (Split s : splits) {
            if (!seen.add(s.split())) {
                throw new IllegalArgumentException("split '" + s.split() + "' is listed twice");
            }
        }
    }

    /** The split called {@code name}, or {@code null}. */
    Split split(String name) {
        return splits.stream().filter(s -> s.split().equals(name)).findFirst().orElse(null);
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the dataset description as JSON", e);
        }
    }

    /**
     * Reads a sidecar's bytes.
     *
     * @param file names the sidecar in messages
     * @throws DatasetFormatException for JSON that is not a description of a converted dataset, or of a newer format
     */
    static ConvertedDataset fromJson(byte[] json, String file) throws DatasetFormatException {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DatasetFormatException(file, -1, "expected the JSON description -Dconvert writes, found "
                    + "unreadable JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DatasetFormatException(file, -1, "cannot read it: " + e.getMessage());
        }
        if (tree == null || !tree.isObject() || !FORMAT.equals(tree.path("format").asText(null))) {
            throw new DatasetFormatException(file, -1, "expected \"format\": \"" + FORMAT + "\", found "
                    + (tree != null && tree.isObject() ? tree.path("format") : new String(json, StandardCharsets.UTF_8)
                    .strip().lines().findFirst().orElse("nothing")));
        }
        int version = tree.path("formatVersion").asInt(-1);
        if (version < 1 || version > ParquetLayout.FORMAT_VERSION) {
            throw new DatasetFormatException(file, -1, "formatVersion is " + tree.path("formatVersion")
                    + "; this version reads formats 1.." + ParquetLayout.FORMAT_VERSION
                    + (version > ParquetLayout.FORMAT_VERSION ? " (written by a newer version: update, or convert again)" : ""));
        }
        try {
            return JSON.treeToValue(tree, ConvertedDataset.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DatasetFormatException(file, -1, "not a valid description of a converted dataset: " + cause.getMessage());
        } catch (JsonProcessingException e) {
            throw new DatasetFormatException(file, -1, "not a valid description of a converted dataset: "
                    + e.getOriginalMessage());
        }
    }
}
