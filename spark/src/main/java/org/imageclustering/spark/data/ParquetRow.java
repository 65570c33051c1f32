package org.imageclustering.spark.data;

import java.io.Serializable;

/**
 * One row of a converted dataset as Spark's bean encoder needs it (a public class with a no-argument
 * constructor, getters and setters): the encoder turns {@code float[]} into an array column without
 * boxing a value, which keeps converting 70,000 x 784 floats a matter of seconds. Used only between
 * the writer's row blocks and Spark.
 */
public final class ParquetRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private long id;
    private Integer label;
    private String split;
    private float[] features;

    public ParquetRow() {
    }

    ParquetRow(long id, Integer label, String split, float[] features) {
        this.id = id;
        this.label = label;
        this.split = split;
        this.features = features;
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public Integer getLabel() {
        return label;
    }

    public void setLabel(Integer label) {
        this.label = label;
    }

    public String getSplit() {
        return split;
    }

    public void setSplit(String split) {
        this.split = split;
    }

    public float[] getFeatures() {
        return features;
    }

    public void setFeatures(float[] features) {
        this.features = features;
    }
}
