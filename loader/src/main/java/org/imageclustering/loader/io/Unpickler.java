package org.imageclustering.loader.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imageclustering.loader.DatasetFormatException;

/**
 * A restricted reader of Python pickles: exactly what the CIFAR python files hold (dictionaries,
 * lists, tuples, numbers, text and byte strings, and numpy arrays of numbers), and nothing that
 * could run code.
 *
 * <p>It reads both flavours users have: the files as published (written by Python 2's cPickle,
 * protocol 2: {@code str} keys as {@code SHORT_BINSTRING}, the pixels as a numpy array rebuilt through
 * {@code numpy.core.multiarray._reconstruct} whose {@code BUILD} state carries the raw bytes as a
 * {@code BINSTRING}), and files re-pickled by Python 3 with any protocol from 2 to 5 (byte strings as
 * {@code _codecs.encode(text, 'latin1')} under protocol 2, {@code BINBYTES} from 3, {@code FRAME},
 * {@code MEMOIZE}, {@code STACK_GLOBAL} from 4, and {@code numpy.core.numeric._frombuffer} over a
 * {@code BYTEARRAY8} from 5).
 *
 * <p>Unlike Python's {@code pickle.load}, no class is ever looked up by the name a file gives:
 * {@code GLOBAL}s are matched against a fixed list of the numpy and codec functions above, each
 * interpreted by code here, and every other opcode that builds objects is refused. Every length is
 * checked against the bytes left before anything is allocated, so a corrupt or hostile file fails
 * with a {@link DatasetFormatException} naming the file, the byte offset and the opcode.
 *
 * <p>Results: Python {@code int} is {@link Long}, {@code float} {@link Double}, {@code bool}
 * {@link Boolean}, {@code None} {@code null}, text {@link String}, byte strings {@link PyBytes},
 * lists and tuples {@link List}, dictionaries {@link Map} (insertion-ordered), arrays {@link NdArray}.
 * Reference: the opcode table in CPython's {@code Lib/pickletools.py}.
 */
public final class Unpickler {
    private static final Set<String> RECONSTRUCT = Set.of("numpy.core.multiarray._reconstruct",
            "numpy._core.multiarray._reconstruct");
    private static final Set<String> FROMBUFFER = Set.of("numpy.core.numeric._frombuffer",
            "numpy._core.numeric._frombuffer");
    private static final Set<String> NDARRAY = Set.of("numpy.ndarray");
    private static final Set<String> DTYPE = Set.of("numpy.dtype");
    private static final Set<String> ENCODE = Set.of("_codecs.encode");
    private static final Set<String> BYTES = Set.of("__builtin__.bytes", "builtins.bytes");

    private static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "MARK";
        }
    };

    private final byte[] in;
    private final String file;
    private final int end;
    private int pos;
    private int opAt;
    private int op;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private Unpickler(byte[] in, int offset, int length, String file) {
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
        this.file = file;
    }

    /** Unpickles the whole of {@code data}; {@code file} names it in errors. */
    public static Object load(byte[] data, String file) throws DatasetFormatException {
        return new Unpickler(data, 0, data.length, file).run();
    }

    /**
     * The value under {@code key} in an unpickled dictionary whose keys may be text ({@code str}) or
     * byte strings (Python 2 {@code str}, or Python 3 {@code bytes} when loaded with
     * {@code encoding='bytes'}); null when absent.
     */
    public static Object entry(Map<?, ?> dict, String key) {
        Object v = dict.get(key);
        return v != null ? v : dict.get(PyBytes.of(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** A text or byte string as Java text; null for anything else. */
    public static String text(Object o) {
        return stringValue(o);
    }

    /** A global the file referred to, kept as a name until a {@code REDUCE} interprets it. */
    private record Global(String qualifiedName) {
    }

    /** A numpy dtype under construction ({@code numpy.dtype('u1')} then {@code BUILD} with its byte order). */
    private static final class DType {
        final String name;
        char byteOrder = '=';

        DType(String name) {
            this.name = name;
        }
    }

    /** An array made by {@code _reconstruct}, waiting for its {@code BUILD} state. */
    private static final class PendingArray {
        NdArray built;
    }

    private Object run() throws DatasetFormatException {
        while (true) {
            if (pos >= end) {
                throw error(pos, "unexpected end of data: the pickle has no STOP opcode");
            }
            opAt = pos;
            op = in[pos++] & 0xff;
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u8();
                    if (proto < 2 || proto > 5) {
                        throw error(opAt, "pickle protocol " + proto + " is not supported (expected 2 to 5)");
                    }
                }
                case 0x95 -> { // FRAME: a length prefix for buffering; the content follows inline
                    long len = fixed(8);
                    need(len, "FRAME");
                }
                case '.' -> { // STOP
                    Object result = pop();
                    return result instanceof PendingArray p ? requireBuilt(p) : result;
                }
                case '(' -> stack.add(MARK);
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) u8()); // BININT1
                case 'M' -> push(fixed(2)); // BININT2
                case 'J' -> push((long) (int) fixed(4)); // BININT, signed
                case 'I' -> { // INT (text), also protocol 0's booleans 00 / 01
                    String line = line();
                    push(line.equals("00") ? Boolean.FALSE : line.equals("01") ? Boolean.TRUE : parseLong(line));
                }
                case 'L' -> { // LONG (text)
                    String line = line();
                    push(parseLong(line.endsWith("L") ? line.substring(0, line.length() - 1) : line));
                }
                case 0x8a -> push(longBytes(u8())); // LONG1
                case 0x8b -> push(longBytes(signedLength(4, "LONG4"))); // LONG4
                case 'G' -> push(Double.longBitsToDouble(bigEndianLong())); // BINFLOAT
                case 'T' -> push(bytes(signedLength(4, "BINSTRING"))); // BINSTRING (Python 2 str)
                case 'U' -> push(bytes(u8())); // SHORT_BINSTRING
                case 'B' -> push(bytes(unsignedLength(4, "BINBYTES")));
                case 'C' -> push(bytes(u8())); // SHORT_BINBYTES
                case 0x8e -> push(bytes(unsignedLength(8, "BINBYTES8")));
                case 0x96 -> push(bytes(unsignedLength(8, "BYTEARRAY8")));
                case 0x98 -> { // READONLY_BUFFER: a flag on the buffer below, irrelevant to reading
                }
                case 'X' -> push(text(unsignedLength(4, "BINUNICODE")));
                case 0x8c -> push(text(u8())); // SHORT_BINUNICODE
                case 0x8d -> push(text(unsignedLength(8, "BINUNICODE8")));
                case ')' -> push(tuple(List.of()));
                case 0x85 -> push(tuple(Arrays.asList(pop())));
                case 0x86 -> {
                    Object b = pop();
                    Object a = pop();
                    push(tuple(Arrays.asList(a, b)));
                }
                case 0x87 -> {
                    Object c = pop();
                    Object b = pop();
                    Object a = pop();
                    push(tuple(Arrays.asList(a, b, c)));
                }
                case 't' -> push(tuple(popMark())); // TUPLE
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case 'l' -> push(new ArrayList<>(popMark())); // LIST
                case 'a' -> { // APPEND
                    Object v = pop();
                    list(peek()).add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case 'd' -> { // DICT
                    Map<Object, Object> m = new LinkedHashMap<>();
                    putAll(m, popMark());
                    push(m);
                }
                case 's' -> { // SETITEM
                    Object v = pop();
                    Object k = pop();
                    dict(peek()).put(key(k), v);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    putAll(dict(peek()), items);
                }
                case 'q' -> memo.put((long) u8(), peek()); // BINPUT
                case 'r' -> memo.put(fixed(4), peek()); // LONG_BINPUT
                case 'p' -> memo.put(parseLong(line()), peek()); // PUT (text)
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoGet(u8())); // BINGET
                case 'j' -> push(memoGet(fixed(4))); // LONG_BINGET
                case 'g' -> push(memoGet(parseLong(line()))); // GET (text)
                case 'c' -> { // GLOBAL: "module\nname\n"
                    String module = line();
                    String name = line();
                    push(global(module + "." + name));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw error(opAt, "STACK_GLOBAL expects two strings, found " + describe(module) + " and " + describe(name));
                    }
                    push(global(m + "." + n));
                }
                case 'R' -> { // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    push(reduce(callable, args));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    build(peek(), state);
                }
                default -> throw error(opAt, "unsupported pickle opcode " + opName(op)
                        + "; this reader accepts only the opcodes of numpy arrays, lists, dicts, numbers and strings"
                        + " (as in the CIFAR python files)");
            }
        }
    }

    // ---- objects the whitelisted globals build

    private Object global(String qualifiedName) throws DatasetFormatException {
        if (RECONSTRUCT.contains(qualifiedName) || FROMBUFFER.contains(qualifiedName) || NDARRAY.contains(qualifiedName)
                || DTYPE.contains(qualifiedName) || ENCODE.contains(qualifiedName) || BYTES.contains(qualifiedName)) {
            return new Global(qualifiedName);
        }
        throw error(opAt, "refusing to load global '" + qualifiedName + "': only numpy arrays and byte strings are "
                + "read from pickles (no other classes are ever loaded)");
    }

    private Object reduce(Object callable, Object argObject) throws DatasetFormatException {
        if (!(callable instanceof Global g)) {
            throw error(opAt, "REDUCE on " + describe(callable) + ", which is not a callable");
        }
        List<Object> args = tupleArgs(argObject, g.qualifiedName());
        String q = g.qualifiedName();
        if (RECONSTRUCT.contains(q)) {
            if (args.size() != 3 || !(args.get(0) instanceof Global cls) || !NDARRAY.contains(cls.qualifiedName())) {
                throw error(opAt, q + " expects (numpy.ndarray, shape, typecode), found " + args);
            }
            return new PendingArray();
        }
        if (DTYPE.contains(q)) {
            String name = args.isEmpty() ? null : stringValue(args.get(0));
            if (name == null) {
                throw error(opAt, "numpy.dtype expects a type code such as 'u1', found " + args);
            }
            return new DType(name);
        }
        if (ENCODE.contains(q)) {
            if (args.size() != 2 || !(args.get(0) instanceof String s) || !(args.get(1) instanceof String enc)) {
                throw error(opAt, "_codecs.encode expects (text, encoding), found " + describe(argObject));
            }
            String e = enc.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
            if (!e.equals("latin1") && !e.equals("iso88591")) {
                throw error(opAt, "_codecs.encode with encoding '" + enc + "': only latin1 (how Python 3 pickles bytes "
                        + "under protocol 2) is supported");
            }
            return PyBytes.of(s.getBytes(StandardCharsets.ISO_8859_1));
        }
        if (BYTES.contains(q)) {
            if (!args.isEmpty()) {
                throw error(opAt, "bytes(...) with arguments " + args + " is not supported; only bytes() is");
            }
            return PyBytes.of(new byte[0]);
        }
        if (FROMBUFFER.contains(q)) {
            if (args.size() != 4 || !(args.get(0) instanceof PyBytes buf) || !(args.get(1) instanceof DType dt)
                    || !(args.get(3) instanceof String order)) {
                throw error(opAt, q + " expects (buffer, dtype, shape, order), found " + args);
            }
            return array(dt, shape(args.get(2)), order.equals("F"), buf);
        }
        throw error(opAt, "cannot call " + q);
    }

    private void build(Object target, Object state) throws DatasetFormatException {
        if (target instanceof DType dt) {
            List<Object> s = tupleArgs(state, "numpy.dtype state");
            String order = s.size() < 2 ? null : stringValue(s.get(1));
            if (order == null || order.length() != 1) {
                throw error(opAt, "numpy.dtype state expects (version, byte order, ...), found " + s);
            }
            dt.byteOrder = order.charAt(0);
            return;
        }
        if (target instanceof PendingArray p) {
            List<Object> s = tupleArgs(state, "numpy.ndarray state");
            if (s.size() == 5) {
                s = s.subList(1, 5); // drop the state version
            }
            if (s.size() != 4 || !(s.get(1) instanceof DType dt)) {
                throw error(opAt, "numpy.ndarray state expects (version, shape, dtype, is_fortran, data), found " + s);
            }
            Object fortran = s.get(2);
            boolean isFortran = Boolean.TRUE.equals(fortran) || Long.valueOf(1).equals(fortran);
            if (!(s.get(3) instanceof PyBytes data)) {
                throw error(opAt, "numpy array data must be raw bytes of numbers, found " + describe(s.get(3))
                        + " (object arrays are not supported)");
            }
            p.built = array(dt, shape(s.get(0)), isFortran, data);
            stack.set(stack.size() - 1, p.built);
            return;
        }
        throw error(opAt, "BUILD on " + describe(target) + " is not supported");
    }

    private NdArray array(DType dt, int[] shape, boolean fortran, PyBytes data) throws DatasetFormatException {
        int item = NdArray.itemSize(dt.name);
        if (item < 1 || (dt.name.charAt(0) == 'u' || dt.name.charAt(0) == 'i') && item > 8) {
            throw error(opAt, "numpy dtype '" + dt.name + "' is not supported (expected numbers such as u1, i8, f4)");
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > Bytes.MAX_ARRAY) {
                throw error(opAt, "numpy array shape " + Arrays.toString(shape) + " is larger than one Java array holds");
            }
        }
        if (count * item != data.length()) {
            throw error(opAt, "numpy array of shape " + Arrays.toString(shape) + " and dtype " + dt.name + " needs "
                    + count * item + " data bytes, found " + data.length());
        }
        return new NdArray(dt.name, dt.byteOrder, shape, fortran, data);
    }

    private int[] shape(Object o) throws DatasetFormatException {
        List<Object> dims = tupleArgs(o, "shape");
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Bytes.MAX_ARRAY) {
                throw error(opAt, "a numpy shape holds sizes >= 0, found " + dims);
            }
            shape[i] = (int) (long) d;
        }
        return shape;
    }

    // ---- stack, memo and containers

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws DatasetFormatException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw error(opAt, opName(op) + " needs a value but the stack " + (stack.isEmpty() ? "is empty" : "has a MARK on top"));
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws DatasetFormatException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw error(opAt, opName(op) + " needs a value but the stack " + (stack.isEmpty() ? "is empty" : "has a MARK on top"));
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() throws DatasetFormatException {
        int m = stack.size() - 1;
        while (m >= 0 && stack.get(m) != MARK) {
            m--;
        }
        if (m < 0) {
            throw error(opAt, opName(op) + " needs a MARK on the stack, found none");
        }
        List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private Object memoGet(long index) throws DatasetFormatException {
        if (!memo.containsKey(index)) {
            throw error(opAt, "memo entry " + index + " was never stored");
        }
        Object o = memo.get(index);
        return o instanceof PendingArray p && p.built != null ? p.built : o;
    }

    private NdArray requireBuilt(PendingArray p) throws DatasetFormatException {
        if (p.built == null) {
            throw error(opAt, "a numpy array was created but never given its data (no BUILD)");
        }
        return p.built;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) throws DatasetFormatException {
        if (o instanceof ArrayList<?> l) {
            return (List<Object>) l;
        }
        throw error(opAt, opName(op) + " expects a list, found " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) throws DatasetFormatException {
        if (o instanceof LinkedHashMap<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw error(opAt, opName(op) + " expects a dict, found " + describe(o));
    }

    private void putAll(Map<Object, Object> m, List<Object> items) throws DatasetFormatException {
        if (items.size() % 2 != 0) {
            throw error(opAt, opName(op) + " expects key, value pairs, found an odd number (" + items.size() + ") of items");
        }
        for (int i = 0; i < items.size(); i += 2) {
            m.put(key(items.get(i)), items.get(i + 1));
        }
    }

    private Object key(Object k) throws DatasetFormatException {
        if (k instanceof List || k instanceof Map) {
            throw error(opAt, "unhashable dictionary key " + describe(k));
        }
        return k;
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private List<Object> tupleArgs(Object o, String what) throws DatasetFormatException {
        if (o instanceof List<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> cast = (List<Object>) l;
            return cast;
        }
        throw error(opAt, what + " expects a tuple, found " + describe(o));
    }

    private static String stringValue(Object o) {
        return o instanceof String s ? s : o instanceof PyBytes b ? b.text() : null;
    }

    // ---- reading the opcode arguments, every length checked against what is left

    private int u8() throws DatasetFormatException {
        need(1, "a 1-byte argument");
        return in[pos++] & 0xff;
    }

    /** An unsigned little-endian integer of {@code n} bytes (n <= 8; 8-byte values must fit a signed long). */
    private long fixed(int n) throws DatasetFormatException {
        need(n, "a " + n + "-byte argument");
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = (v << 8) | (in[pos + k] & 0xff);
        }
        pos += n;
        return v;
    }

    private long bigEndianLong() throws DatasetFormatException {
        need(8, "an 8-byte float");
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (in[pos + k] & 0xff);
        }
        pos += 8;
        return v;
    }

    private long signedLength(int n, String what) throws DatasetFormatException {
        int lengthAt = pos;
        long len = n == 4 ? (int) fixed(4) : fixed(n);
        if (len < 0) {
            throw error(lengthAt, what + " length is negative (" + len + ")");
        }
        return len;
    }

    private long unsignedLength(int n, String what) throws DatasetFormatException {
        int lengthAt = pos;
        long len = fixed(n);
        if (len < 0) {
            throw error(lengthAt, what + " length " + Long.toUnsignedString(len) + " is impossible");
        }
        return len;
    }

    private void need(long n, String what) throws DatasetFormatException {
        if (n > end - pos) {
            throw error(pos, "unexpected end of data: " + opName(op) + " at byte " + opAt + " needs " + n + " bytes of "
                    + what + " from byte " + pos + ", but the data ends at byte " + end);
        }
    }

    private PyBytes bytes(long n) throws DatasetFormatException {
        need(n, "payload");
        PyBytes b = new PyBytes(in, pos, (int) n);
        pos += (int) n;
        return b;
    }

    private String text(long n) throws DatasetFormatException {
        need(n, "UTF-8 text");
        String s = new String(in, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    private Long longBytes(long n) throws DatasetFormatException {
        if (n > 8) {
            throw error(opAt, opName(op) + " integer of " + n + " bytes does not fit 64 bits");
        }
        need(n, "a little-endian integer");
        long v = 0;
        for (int k = (int) n - 1; k >= 0; k--) {
            v = (v << 8) | (in[pos + k] & 0xff);
        }
        if (n > 0 && n < 8) {
            int shift = 64 - 8 * (int) n;
            v = (v << shift) >> shift;
        }
        pos += (int) n;
        return v;
    }

    private String line() throws DatasetFormatException {
        int start = pos;
        while (pos < end && in[pos] != '\n') {
            pos++;
        }
        if (pos >= end) {
            throw error(start, "unexpected end of data: " + opName(op) + " expects a line ending in a newline");
        }
        String s = new String(in, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private long parseLong(String s) throws DatasetFormatException {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw error(opAt, opName(op) + " expects a decimal integer, found '" + s + "'");
        }
    }

    private DatasetFormatException error(long at, String problem) {
        return new DatasetFormatException(file, at, problem);
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Global g) {
            return g.qualifiedName();
        }
        if (o instanceof DType d) {
            return "dtype('" + d.name + "')";
        }
        if (o instanceof PendingArray) {
            return "an unfinished numpy array";
        }
        if (o instanceof NdArray a) {
            return "a numpy array " + a.describe();
        }
        if (o instanceof List<?> l) {
            return "a list/tuple of " + l.size();
        }
        if (o instanceof Map<?, ?> m) {
            return "a dict of " + m.size();
        }
        return o.getClass().getSimpleName() + " " + o;
    }

    /** The opcode as pickletools names it, with its byte value. */
    static String opName(int op) {
        String name = switch (op) {
            case '(' -> "MARK";
            case '.' -> "STOP";
            case '0' -> "POP";
            case '1' -> "POP_MARK";
            case '2' -> "DUP";
            case 'F' -> "FLOAT";
            case 'I' -> "INT";
            case 'J' -> "BININT";
            case 'K' -> "BININT1";
            case 'L' -> "LONG";
            case 'M' -> "BININT2";
            case 'N' -> "NONE";
            case 'P' -> "PERSID";
            case 'Q' -> "BINPERSID";
            case 'R' -> "REDUCE";
            case 'S' -> "STRING";
            case 'T' -> "BINSTRING";
            case 'U' -> "SHORT_BINSTRING";
            case 'V' -> "UNICODE";
            case 'X' -> "BINUNICODE";
            case 'a' -> "APPEND";
            case 'b' -> "BUILD";
            case 'c' -> "GLOBAL";
            case 'd' -> "DICT";
            case '}' -> "EMPTY_DICT";
            case 'e' -> "APPENDS";
            case 'g' -> "GET";
            case 'h' -> "BINGET";
            case 'i' -> "INST";
            case 'j' -> "LONG_BINGET";
            case 'l' -> "LIST";
            case ']' -> "EMPTY_LIST";
            case 'o' -> "OBJ";
            case 'p' -> "PUT";
            case 'q' -> "BINPUT";
            case 'r' -> "LONG_BINPUT";
            case 's' -> "SETITEM";
            case 't' -> "TUPLE";
            case ')' -> "EMPTY_TUPLE";
            case 'u' -> "SETITEMS";
            case 'G' -> "BINFLOAT";
            case 'B' -> "BINBYTES";
            case 'C' -> "SHORT_BINBYTES";
            case 0x80 -> "PROTO";
            case 0x81 -> "NEWOBJ";
            case 0x82 -> "EXT1";
            case 0x83 -> "EXT2";
            case 0x84 -> "EXT4";
            case 0x85 -> "TUPLE1";
            case 0x86 -> "TUPLE2";
            case 0x87 -> "TUPLE3";
            case 0x88 -> "NEWTRUE";
            case 0x89 -> "NEWFALSE";
            case 0x8a -> "LONG1";
            case 0x8b -> "LONG4";
            case 0x8c -> "SHORT_BINUNICODE";
            case 0x8d -> "BINUNICODE8";
            case 0x8e -> "BINBYTES8";
            case 0x8f -> "EMPTY_SET";
            case 0x90 -> "ADDITEMS";
            case 0x91 -> "FROZENSET";
            case 0x92 -> "NEWOBJ_EX";
            case 0x93 -> "STACK_GLOBAL";
            case 0x94 -> "MEMOIZE";
            case 0x95 -> "FRAME";
            case 0x96 -> "BYTEARRAY8";
            case 0x97 -> "NEXT_BUFFER";
            case 0x98 -> "READONLY_BUFFER";
            default -> "unknown";
        };
        return String.format("%s (0x%02x)", name, op);
    }
}
