package org.imageclustering.spark.data;

import org.apache.spark.sql.SparkSession;

/** The in-process Spark of a test class: {@code local[2]}, no web UI, few shuffle partitions. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start(Class<?> testClass) {
        return SparkSession.builder().master("local[2]").appName(testClass.getSimpleName())
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }
}
