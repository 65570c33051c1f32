package org.imageclustering.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.Suggestions;
import org.imageclustering.loader.Dataset;

/**
 * Transform chains: building each step by its registered name and settings, and fitting the steps
 * in sequence on the training split.
 */
public final class Transforms {
    private Transforms() {
    }

    /** A fitted chain and the training split it produced while fitting. */
    public record Fitted(FittedChain chain, Dataset train) {
        public Fitted {
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(train, "train");
        }
    }

    /**
     * Builds one step of a chain: the transform registered as {@code name}, from its settings. A
     * complaint names the setting's full key path, e.g. {@code feature-sets[1].transforms[0].components}.
     *
     * @throws OptionException for an unknown transform name (at {@code <path>.transform}, with a
     *                         did-you-mean), a bad value or an unknown key
     */
    public static Transform create(Map<String, ? extends TransformFactory> factories, String name, Parameters params) {
        Objects.requireNonNull(name, "name");
        TransformFactory factory = factories.get(name);
        if (factory == null) {
            throw new OptionException(params.keyPath("transform"), "unknown transform '" + name + "'"
                    + Suggestions.hint(name, factories.keySet()) + "; known transforms: " + factories.keySet());
        }
        return factory.create(params);
    }

    /**
     * Fits every step on the output of the previous one, starting from {@code train}. Step {@code i}
     * gets the seed {@code Seeds.derive(context.seed(), i)}, so a chain is reproducible from one seed.
     */
    public static Fitted fit(List<? extends Transform> steps, Dataset train, FitContext context) {
        List<FittedTransform> fitted = new ArrayList<>(steps.size());
        List<ImageShape> shapes = new ArrayList<>(steps.size() + 1);
        List<Double> seconds = new ArrayList<>(steps.size());
        Dataset current = train;
        for (int i = 0; i < steps.size(); i++) {
            long t0 = System.nanoTime();
            shapes.add(current.shape());
            FittedTransform f = steps.get(i).fit(current, context.withSeed(Seeds.derive(context.seed(), i)));
            current = f.apply(current, context.parallel());
            fitted.add(f);
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
        shapes.add(current.shape());
        return new Fitted(new FittedChain(fitted, shapes, seconds), current);
    }
}
