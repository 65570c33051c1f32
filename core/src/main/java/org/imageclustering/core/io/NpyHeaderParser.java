package org.imageclustering.core.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict parser of the Python dict literal in a {@code .npy} header, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}: exactly the keys
 * {@code descr}, {@code fortran_order} and {@code shape}, in any order, single- or double-quoted,
 * with or without a trailing comma, surrounded by spaces and a final newline.
 *
 * <p>It accepts the literals numpy writes (strings without escapes, {@code True}/{@code False},
 * tuples of non-negative integers) and nothing else, rather than evaluating Python.
 */
final class NpyHeaderParser {
    static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
    /** Stands for any list value: numpy writes one only as the descr of a structured dtype. */
    private static final Object LIST = new Object();

    private final Path file;
    private final String text;
    private final long textOffset;
    private final boolean utf8;
    private int pos;

    private NpyHeaderParser(Path file, String text, long textOffset, boolean utf8) {
        this.file = file;
        this.text = text;
        this.textOffset = textOffset;
        this.utf8 = utf8;
    }

    /**
     * Parses {@code text} (the header, which starts {@code textOffset} bytes into {@code file}) into
     * a header whose data starts at {@code dataOffset}.
     */
    static NpyHeader parse(Path file, String text, long textOffset, boolean utf8, int version, long dataOffset)
            throws NpyFormatException {
        NpyHeaderParser p = new NpyHeaderParser(file, text, textOffset, utf8);
        Map<String, Object> dict = p.dict();
        for (String key : KEYS) {
            if (!dict.containsKey(key)) {
                throw NpyFormatException.inField(file, key, "expected the keys 'descr', 'fortran_order' and 'shape', "
                        + "'" + key + "' is missing (found " + dict.keySet() + ")");
            }
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw NpyFormatException.inField(file, "descr", "expected a type string such as '<f4', found "
                    + describe(dict.get("descr")) + " (structured dtypes are not supported)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw NpyFormatException.inField(file, "fortran_order", "expected True or False, found "
                    + describe(dict.get("fortran_order")));
        }
        if (!(dict.get("shape") instanceof List<?> shape)) {
            throw NpyFormatException.inField(file, "shape", "expected a tuple of integers such as (3, 4), found "
                    + describe(dict.get("shape")));
        }
        List<Long> dims = shape.stream().map(o -> (Long) o).toList();
        return new NpyHeader(version, descr, fortran, dims, dataOffset);
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value == LIST) {
            return "a list";
        }
        if (value instanceof List<?> l) {
            return "the tuple " + NpyHeader.pythonTuple(l.stream().map(o -> (Long) o).toList());
        }
        return String.valueOf(value);
    }

    private Map<String, Object> dict() throws NpyFormatException {
        Map<String, Object> out = new LinkedHashMap<>();
        skipSpace();
        expect('{', "'{' opening the header dict");
        skipSpace();
        while (peek() != '}') {
            int keyAt = pos;
            String key = string();
            if (!KEYS.contains(key)) {
                throw error(keyAt, "expected one of the keys 'descr', 'fortran_order', 'shape', found '" + key + "'");
            }
            if (out.containsKey(key)) {
                throw error(keyAt, "the key '" + key + "' appears twice");
            }
            skipSpace();
            expect(':', "':' after the key '" + key + "'");
            skipSpace();
            out.put(key, value());
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error(pos, "expected ',' or '}' after the value of '" + key + "', found " + found());
            }
        }
        pos++;
        skipSpace();
        if (pos != text.length()) {
            throw error(pos, "expected only spaces and a newline after the header dict, found " + found());
        }
        return out;
    }

    private Object value() throws NpyFormatException {
        char c = peek();
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '(') {
            return tuple();
        }
        if (c == '[') {
            return skipList();
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw error(pos, "expected a string, True, False or a tuple, found " + found());
    }

    private String string() throws NpyFormatException {
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw error(pos, "expected a quoted key, found " + found());
        }
        int start = ++pos;
        while (pos < text.length() && text.charAt(pos) != quote) {
            if (text.charAt(pos) == '\\' || text.charAt(pos) == '\n') {
                throw error(pos, "expected a plain string, found an escape or line break");
            }
            pos++;
        }
        if (pos == text.length()) {
            throw error(start - 1, "the string opened here is not closed");
        }
        return text.substring(start, pos++);
    }

    /** A tuple of integers, as numpy writes a shape. */
    private List<Long> tuple() throws NpyFormatException {
        int open = pos++;
        List<Long> out = new ArrayList<>();
        boolean trailingComma = false;
        skipSpace();
        while (peek() != ')') {
            out.add(integer());
            skipSpace();
            trailingComma = false;
            if (peek() == ',') {
                pos++;
                trailingComma = true;
                skipSpace();
            } else if (peek() != ')') {
                throw error(pos, "expected ',' or ')' in the tuple, found " + found());
            }
        }
        pos++;
        if (out.size() == 1 && !trailingComma) {
            throw error(open, "expected a tuple such as (" + out.get(0) + ",), found (" + out.get(0)
                    + "), which Python reads as an integer");
        }
        return out;
    }

    /** Skips a list (the descr of a structured dtype, refused by the caller). */
    private Object skipList() throws NpyFormatException {
        int open = pos;
        int depth = 0;
        do {
            char c = text.charAt(pos++);
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        } while (depth > 0 && pos < text.length());
        if (depth > 0) {
            throw error(open, "the list opened here is not closed");
        }
        return LIST;
    }

    private Long integer() throws NpyFormatException {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
        if (start == pos) {
            throw error(pos, "expected a non-negative integer, found " + found());
        }
        try {
            return Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error(start, "expected an integer below 2^63, found " + text.substring(start, pos));
        }
    }

    private void expect(char c, String what) throws NpyFormatException {
        if (peek() != c) {
            throw error(pos, "expected " + what + ", found " + found());
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private String found() {
        if (pos >= text.length()) {
            return "the end of the header";
        }
        int end = Math.min(text.length(), pos + 12);
        return "'" + text.substring(pos, end).replace("\n", "\\n") + "'";
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t'
                || text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private NpyFormatException error(int at, String detail) {
        long bytes = utf8 ? text.substring(0, at).getBytes(StandardCharsets.UTF_8).length : at;
        return NpyFormatException.atByte(file, textOffset + bytes, "in the header, " + detail);
    }
}
