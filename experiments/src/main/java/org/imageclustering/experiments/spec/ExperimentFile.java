package org.imageclustering.experiments.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

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
            text = utf8(source, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(null, "", "experiment file " + source + " does not exist (paths are relative to "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new ConfigException(null, "", "cannot read experiment file " + source + ": " + e.getMessage(), e);
        }
        return parse(source, text, overrides, catalog);
    }

    /** The file's text; bytes that are not UTF-8 are an error at their line and column. */
    static String utf8(String source, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = 1;
            for (int i = lineStart; i < bad; i++) {
                if ((bytes[i] & 0xC0) != 0x80) { // count characters, not the continuation bytes of one
                    column++;
                }
            }
            throw new ConfigException(new Location(source, line, column), "", String.format(Locale.ROOT,
                    "expected UTF-8 text, found byte 0x%02X (byte offset %d); save the file as UTF-8", bytes[bad] & 0xff, bad));
        }
        decoder.flush(out);
        return out.flip().toString();
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
