package org.imageclustering.experiments.spec;

/**
 * A place in an experiment file (or in a {@code -Dset} override) that an error can point at.
 *
 * @param source  the file name as the user gave it, or {@code -Dset} for a command-line override
 * @param line    1-based line
 * @param column  1-based column
 */
public record Location(String source, int line, int column) {
    @Override
    public String toString() {
        // an override is one line of text: its line number says nothing
        return source.equals(Overrides.SOURCE) ? source + " column " + column : source + " line " + line + ", column " + column;
    }
}
