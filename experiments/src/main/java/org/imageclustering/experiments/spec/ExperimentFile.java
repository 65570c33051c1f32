package org.imageclustering.experiments.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An experiment file read and validated: the spec, where each of its keys was written, and the
 * file it came from.
 *
 * @param file       the file as the user named it
 * @param spec       the validated experiment
 * @param locations  positions of every key path (for errors found later, e.g. by a factory)
 */
public record ExperimentFile(Path file, ExperimentSpec spec, SpecLocations locations) {

    /**
     * Reads {@code file}, applies {@code overrides} ({@code -Dset} text, may be null or blank) and validates.
     *
     * @throws ConfigException for a missing file, bad YAML or an invalid setting
     */
    public static ExperimentFile read(Path file, String overrides, Catalog catalog) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(null, "", "experiment file " + source + " does not exist (paths are relative to "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new ConfigException(null, "", "cannot read experiment file " + source + ": " + e.getMessage(), e);
        }
        return parse(source, text, overrides, catalog);
    }

    /** Like {@link #read} for text already in memory; {@code source} names it in messages. */
    public static ExperimentFile parse(String source, String text, String overrides, Catalog catalog) {
        YamlNode root = YamlTrees.parse(source, text, 0);
        if (overrides != null && !overrides.isBlank()) {
            YamlNode.MapNode map = root == null ? new YamlNode.MapNode(new Location(source, 1, 1))
                    : root instanceof YamlNode.MapNode m ? m : null;
            if (map == null) {
                throw new ConfigException(root.location(), "", "expected the experiment settings (a map), found "
                        + root.describe());
            }
            root = Overrides.apply(map, overrides);
        }
        String name = Path.of(source).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        ExperimentSpec spec = new SpecReader(catalog).read(root, source, name);
        return new ExperimentFile(Path.of(source), spec, SpecLocations.of(root));
    }
}
