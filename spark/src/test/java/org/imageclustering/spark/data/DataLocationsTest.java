package org.imageclustering.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A dataset block's path, folded by java.nio, comes back as the URI the user wrote. */
class DataLocationsTest {
    @Test
    void aUriWithAnAuthorityGetsItsTwoSlashesBack() {
        assertEquals("hdfs://namenode:8020/data/fm.parquet",
                DataLocations.ofDatasetPath(Path.of("hdfs://namenode:8020/data/fm.parquet")).toString());
        assertEquals("s3a://bucket/fm.parquet", DataLocations.ofDatasetPath(Path.of("s3a://bucket/fm.parquet")).toString());
    }

    @Test
    void aFileUriAndAPlainPathAreFilesOnTheDriver() {
        assertEquals("file:/tmp/fm.parquet", DataLocations.ofDatasetPath(Path.of("file:///tmp/fm.parquet")).toString());
        assertEquals("file:" + Path.of("").toAbsolutePath().resolve("target/fm.parquet"),
                DataLocations.ofDatasetPath(Path.of("target/fm.parquet/")).toString());
    }
}
