package org.imageclustering.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.imageclustering.core.OptionException;
import org.imageclustering.core.Parameters;
import org.imageclustering.experiments.run.Registry;
import org.junit.jupiter.api.Test;

class ExperimentsModuleTest {
    final Registry registry = Guice.createInjector(new ExperimentsModule()).getInstance(Registry.class);

    @Test
    void everyBuiltInTransformIsBoundAndRefusesAnUnknownKeyAtItsPath() {
        assertEquals(Set.of("scale", "standardize", "grayscale", "l2-normalize", "resize", "pca", "hog",
                "color-histogram", "patch-kmeans-features"), registry.transforms().keySet());
        for (String name : registry.transforms().keySet()) {
            Map<String, Object> params = new LinkedHashMap<>(switch (name) {
                case "pca" -> Map.of("components", 2);
                case "resize" -> Map.of("width", 2, "height", 2);
                default -> Map.of();
            });
            registry.transform(name).create(Parameters.of("feature-sets[1].transforms[0]", params));
            params.put("colour", 1);
            OptionException e = assertThrows(OptionException.class,
                    () -> registry.transform(name).create(Parameters.of("feature-sets[1].transforms[0]", params)), name);
            assertEquals("feature-sets[1].transforms[0].colour", e.keyPath(), name);
        }
    }
}
