package org.imageclustering.features;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.imageclustering.core.FitContext;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.core.Seeds;
import org.imageclustering.core.Suggestions;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.SourceFile;

/**
 * Transform chains: building them from experiment-file entries, fitting them in sequence on the
 * training split, and naming them by a cache key so that a sweep computes each chain once.
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

    /**
     * A stable key (SHA-256, hex) for "this chain fitted with this seed on this training split": the
     * split's name, shape, source digests and a fingerprint of every feature and label, plus the
     * entries with their keys in sorted order (so key order in the file does not matter) and the seed.
     * Equal keys mean the chain's output can be reused.
     */
    public static String cacheKey(Dataset train, List<? extends Map<String, ?>> entries, long seed) {
        StringBuilder sb = new StringBuilder("imageclustering-transforms/1\n");
        sb.append(train.name()).append('\n')
                .append(train.features().rows()).append('x').append(train.features().cols()).append('\n')
                .append(train.shape()).append('\n');
        for (SourceFile f : train.sources()) {
            sb.append(f.path()).append(' ').append(f.sha256()).append('\n');
        }
        sb.append(Long.toHexString(fingerprint(train))).append('\n');
        sb.append(canonical(entries)).append('\n').append(seed);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** A 64-bit hash of every feature value and label, so that subsamples of one file differ. */
    static long fingerprint(Dataset data) {
        long h = 0x9E3779B97F4A7C15L;
        for (float v : data.features().data()) {
            h = Seeds.mix(h ^ Float.floatToIntBits(v)) + 0x632BE59BD9B4E019L;
        }
        if (data.labels() != null) {
            for (int l : data.labels()) {
                h = Seeds.mix(h ^ l) + 0x632BE59BD9B4E019L;
            }
        }
        return h;
    }

    /** Entries written with map keys sorted, numbers normalised ({@code 50} and {@code 50.0} differ on purpose: types matter). */
    static String canonical(Object value) {
        if (value instanceof Map<?, ?> m) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            StringBuilder sb = new StringBuilder("{");
            sorted.forEach((k, v) -> sb.append(quote(k)).append(':').append(canonical(v)).append(','));
            return sb.append('}').toString();
        }
        if (value instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object v : l) {
                sb.append(canonical(v)).append(',');
            }
            return sb.append(']').toString();
        }
        if (value instanceof String s) {
            return quote(s);
        }
        return String.valueOf(value);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
