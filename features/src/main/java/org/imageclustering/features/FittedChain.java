package org.imageclustering.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.matrix.Parallelism;
import org.imageclustering.loader.Dataset;

/**
 * A fitted sequence of transforms, itself a {@link FittedTransform}: applies the steps in order,
 * inverts them in reverse order, and maps centroids back to the last space that holds pictures.
 */
public final class FittedChain implements FittedTransform {
    private final List<FittedTransform> steps;
    private final List<ImageShape> inputShapes;
    private final List<Double> fitSeconds;

    /**
     * @param steps       fitted steps in application order
     * @param inputShapes the image shape of each step's training input ({@code null} where rows were
     *                    not pictures), plus one final entry for the chain's output
     * @param fitSeconds  seconds spent fitting each step (including transforming the training split)
     */
    FittedChain(List<FittedTransform> steps, List<ImageShape> inputShapes, List<Double> fitSeconds) {
        this.steps = List.copyOf(steps);
        this.inputShapes = Collections.unmodifiableList(new ArrayList<>(inputShapes));
        this.fitSeconds = List.copyOf(fitSeconds);
        if (inputShapes.size() != steps.size() + 1) {
            throw new IllegalArgumentException(steps.size() + " steps need " + (steps.size() + 1) + " shapes");
        }
    }

    public List<FittedTransform> steps() {
        return steps;
    }

    /** Seconds each step took to fit and transform the training split. */
    public List<Double> fitSeconds() {
        return fitSeconds;
    }

    @Override
    public Dataset apply(Dataset data) {
        return apply(data, Parallelism.sequential());
    }

    @Override
    public Dataset apply(Dataset data, Parallelism parallel) {
        Dataset d = data;
        for (FittedTransform step : steps) {
            d = step.apply(d, parallel);
        }
        return d;
    }

    /** Back to the chain's input space, when every step can be inverted. */
    @Override
    public Optional<FloatMatrix> inverse(FloatMatrix rows) {
        FloatMatrix r = rows;
        for (int i = steps.size() - 1; i >= 0; i--) {
            Optional<FloatMatrix> back = steps.get(i).inverse(r);
            if (back.isEmpty()) {
                return Optional.empty();
            }
            r = back.get();
        }
        return Optional.of(r);
    }

    /**
     * Rows of the chain's output (e.g. centroids) as pictures: inverted step by step while steps can
     * be inverted, and returned from the earliest space reached whose rows are pictures. Empty when no
     * such space is reachable (e.g. HOG features, which cannot be inverted, of a chain without a
     * picture-valued output).
     */
    public Optional<Pictures> toPictures(FloatMatrix rows) {
        FloatMatrix r = rows;
        Pictures best = inputShapes.get(steps.size()) == null ? null
                : new Pictures(r, inputShapes.get(steps.size()), steps.isEmpty());
        for (int i = steps.size() - 1; i >= 0; i--) {
            Optional<FloatMatrix> back = steps.get(i).inverse(r);
            if (back.isEmpty()) {
                break;
            }
            r = back.get();
            ImageShape shape = inputShapes.get(i);
            if (shape != null && shape.size() == r.cols()) {
                best = new Pictures(r, shape, i == 0);
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Map<String, Object> step = new LinkedHashMap<>(steps.get(i).summary());
            step.put("step_seconds", fitSeconds.get(i));
            list.add(step);
        }
        s.put("steps", list);
        double total = 0;
        for (double v : fitSeconds) {
            total += v;
        }
        s.put("fit_seconds", total);
        return s;
    }
}
