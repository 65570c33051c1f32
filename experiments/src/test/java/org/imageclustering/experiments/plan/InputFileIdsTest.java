package org.imageclustering.experiments.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imageclustering.experiments.spec.Catalog;
import org.imageclustering.experiments.spec.ConfigException;
import org.imageclustering.experiments.spec.ExperimentFile;
import org.imageclustering.experiments.spec.ExperimentSpec;
import org.imageclustering.experiments.spec.InputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's id follows the content of every file it reads, not only the file's path. */
class InputFileIdsTest {
    static final Catalog CATALOG = new Catalog(Set.of("fashion-mnist"), Set.of("kmeans", "minibatch-kmeans", "spectral"),
            Set.of(), Set.of("purity"));

    @TempDir
    Path tmp;

    static String yaml(String algorithms) {
        return """
                experiment: files
                dataset: {loader: fashion-mnist, path: data/fashion-mnist-sample}
                algorithms:
                %s
                k: [2]
                seeds: [1, 2]
                metrics: [purity]
                """.formatted(algorithms);
    }

    static ExperimentSpec spec(String yaml) {
        return ExperimentFile.parse("files.yaml", yaml, null, CATALOG).spec();
    }

    @Test
    void editingAFileARunReadsChangesItsIdTheSpecHashAndTheRecordedHash() throws IOException {
        Path centroids = Files.writeString(tmp.resolve("c.csv"), "0,0\n1,1\n");
        Path graph = Files.writeString(tmp.resolve("g.csv"), "0,1,1\n");
        String yaml = yaml("""
                  - {name: given, algorithm: kmeans, centroids: %s}
                  - {name: mini, algorithm: minibatch-kmeans, centroids: %s}
                  - {name: graph, algorithm: spectral, affinity: precomputed, affinity-file: %s}
                """.formatted(centroids, centroids, graph));
        ExperimentSpec before = spec(yaml);
        List<String> idsBefore = RunPlan.of(before).runs().stream().map(PlannedRun::runId).toList();
        assertEquals(InputFiles.sha256(centroids), ((Map<?, ?>) RunPlan.of(before).runs().get(0).resolvedConfig()
                .get("file-sha256")).get("centroids"));
        assertEquals(Map.of(centroids.toString(), InputFiles.sha256(centroids)), before.algorithms().get(0).resolved()
                .get("file-sha256"), "the manifest records the spec's resolved blocks, hashes included");

        Files.writeString(centroids, "0,0\n2,2\n");
        ExperimentSpec edited = spec(yaml);
        List<String> idsAfter = RunPlan.of(edited).runs().stream().map(PlannedRun::runId).toList();
        for (int i = 0; i < 4; i++) {
            assertNotEquals(idsBefore.get(i), idsAfter.get(i), "runs reading the centroid file get new ids");
        }
        assertEquals(idsBefore.subList(4, 6), idsAfter.subList(4, 6), "the spectral runs read another file");
        assertNotEquals(before.hash(), edited.hash());

        Files.writeString(graph, "0,1,2\n");
        assertNotEquals(idsAfter.get(4), RunPlan.of(spec(yaml)).runs().get(4).runId());
    }

    @Test
    void aGridOfCentroidFilesHashesEachFile() throws IOException {
        Path a = Files.writeString(tmp.resolve("a.csv"), "0,0\n1,1\n");
        Path b = Files.writeString(tmp.resolve("b.csv"), "0,0\n1,1\n");
        RunPlan plan = RunPlan.of(spec(yaml("  - {algorithm: kmeans, centroids: [%s, %s]}".formatted(a, b))));
        assertEquals(4, plan.size());
        Files.writeString(b, "5,5\n1,1\n");
        RunPlan edited = RunPlan.of(spec(yaml("  - {algorithm: kmeans, centroids: [%s, %s]}".formatted(a, b))));
        assertEquals(plan.runs().get(0).runId(), edited.runs().get(0).runId());
        assertNotEquals(plan.runs().get(2).runId(), edited.runs().get(2).runId());
    }

    @Test
    void runsThatReadNoFileKeepTheirIds() {
        RunPlan plan = RunPlan.of(spec("""
                experiment: quickstart
                dataset: {loader: fashion-mnist, path: data/fashion-mnist-sample}
                algorithms: [{name: kmeans-k++, algorithm: kmeans, init: k-means++}]
                k: [5]
                seeds: [1]
                """));
        assertFalse(plan.runs().get(0).resolvedConfig().containsKey("file-sha256"));
        assertEquals("30d54b8f5e22", plan.runs().get(0).runId(), "the quick start's first run id, as the README quotes it");
    }

    @Test
    void aMissingFileIsAnErrorAtItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> spec(yaml("  - {algorithm: kmeans, centroids: "
                + tmp.resolve("nope.csv") + "}")));
        assertEquals("algorithms[0].centroids", e.keyPath());
        assertEquals(4, e.location().line());
        assertTrue(e.getMessage().contains("file '" + tmp.resolve("nope.csv") + "' does not exist"), e.getMessage());
    }
}
