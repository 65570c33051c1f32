package org.imageclustering.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * Transform chains: building them from experiment-file entries and fitting them in sequence on the
 * training split.
 */
public final class Transforms {
    /** The key of an entry that names the transform, e.g. {@code {transform: pca, components: 50}}. */
    public static final String NAME_KEY = "transform";

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
     * Builds the transforms of a chain from its entries; entry {@code i} is reported as
     * {@code path[i]}, e.g. {@code feature-sets[1].transforms[0].components}.
     *
     * @throws OptionException for a missing or unknown transform name (with a did-you-mean) or a bad key
     */
    public static List<Transform> create(Map<String, ? extends TransformFactory> factories,
                                         List<? extends Map<String, ?>> entries, String path) {
        List<Transform> chain = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String at = path + "[" + i + "]";
            Map<String, Object> params = new LinkedHashMap<>(entries.get(i));
            Object name = params.remove(NAME_KEY);
            if (!(name instanceof String s)) {
                throw new OptionException(at + "." + NAME_KEY, name == null
                        ? "a transform name is required, one of " + factories.keySet()
                        : "expected a transform name, found " + name);
            }
            TransformFactory factory = factories.get(s);
            if (factory == null) {
                throw new OptionException(at + "." + NAME_KEY, "unknown transform '" + s + "'"
                        + Suggestions.hint(s, factories.keySet()) + "; known transforms: " + factories.keySet());
            }
            chain.add(factory.create(Parameters.of(at, params)));
        }
        return chain;
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
