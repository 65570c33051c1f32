package org.imageclustering.loader.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.Sha256;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.core.ImageShape;
import org.imageclustering.loader.SourceFile;
import org.imageclustering.loader.io.Bytes;
import org.imageclustering.loader.io.NdArray;
import org.imageclustering.loader.io.Pixels;
import org.imageclustering.loader.io.TarReader;
import org.imageclustering.loader.io.Unpickler;

/**
 * What the CIFAR-10 and CIFAR-100 loaders share: finding the published files (extracted folder or
 * the downloaded archive, binary or python version), and turning batches into a {@link Dataset}.
 *
 * <p>Both versions store an image as 3,072 bytes: the red plane, then green, then blue, each 32 rows
 * of 32 pixels. That is exactly {@link ImageShape}'s channel-planar order, so pixels are copied
 * straight through.
 */
final class CifarData {
    static final ImageShape SHAPE = new ImageShape(3, 32, 32);
    static final int PIXELS = 3072;

    enum Version {
        BINARY, PYTHON;

        static Version parse(String s) {
            return switch (s) {
                case "binary" -> BINARY;
                case "python" -> PYTHON;
                default -> throw new IllegalArgumentException("expected auto, binary or python, found '" + s + "'");
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The published names of one dataset.
     *
     * @param dataset       name used in results ({@code cifar10})
     * @param binaryFolder  folder the binary archive extracts to
     * @param pythonFolder  folder the python archive extracts to
     * @param binaryArchive the binary download
     * @param pythonArchive the python download
     * @param binaryMarker  a file only the binary version has
     * @param pythonMarker  a file only the python version has
     * @param howToGet      where the data can be obtained
     */
    record Layout(String dataset, String binaryFolder, String pythonFolder, String binaryArchive, String pythonArchive,
                  String binaryMarker, String pythonMarker, String howToGet) {
        /** A layout of the files published on the CIFAR page, told how to get them from there. */
        static Layout published(String dataset, String binaryFolder, String pythonFolder, String binaryArchive,
                                String pythonArchive, String binaryMarker, String pythonMarker) {
            return new Layout(dataset, binaryFolder, pythonFolder, binaryArchive, pythonArchive, binaryMarker,
                    pythonMarker, "Download " + binaryArchive + " or " + pythonArchive
                            + " from https://www.cs.toronto.edu/~kriz/cifar.html "
                            + "and put it (or the folder it extracts to) in data/, or set the dataset's path.");
        }
    }

    /**
     * The class names: one per line in {@code textFile} of the binary version, or the list under
     * {@code pickleKey} in {@code pickleFile} of the python version.
     */
    static List<String> classNames(Layout layout, Members m, String textFile, String pickleFile, String pickleKey)
            throws IOException {
        return m.version() == Version.BINARY ? textNames(m.get(textFile, layout.howToGet()), m.name(textFile))
                : pickledNames(m.get(pickleFile, layout.howToGet()), m.name(pickleFile), pickleKey);
    }

    /**
     * One batch of whichever version {@code m} holds: {@code binaryFile}, records of {@code labelBytes}
     * label bytes with the label at {@code labelIndex}; or {@code pythonFile}, labels under {@code labelKey}.
     */
    static Batch batch(Layout layout, Members m, String binaryFile, int labelBytes, int labelIndex, String pythonFile,
                       String labelKey, int classes) throws IOException {
        boolean binary = m.version() == Version.BINARY;
        String f = binary ? binaryFile : pythonFile;
        byte[] b = m.get(f, layout.howToGet());
        return binary ? binaryBatch(b, m.name(f), labelBytes, labelIndex, classes)
                : pythonBatch(b, m.name(f), labelKey, classes);
    }

    /** The files of one version, read into memory, with their provenance. */
    record Members(Version version, String origin, Map<String, byte[]> bytes, Map<String, String> names,
                   List<SourceFile> sources) {
        boolean has(String file) {
            return bytes.containsKey(file);
        }

        /** The member's bytes; a NoSuchFileException names what is missing and where it was looked for. */
        byte[] get(String file, String howToGet) throws NoSuchFileException {
            byte[] b = bytes.get(file);
            if (b == null) {
                throw new NoSuchFileException(origin + "/" + file, null, "missing: " + origin + " holds no " + file
                        + " (is it a complete " + version.label() + " version of the dataset?). " + howToGet);
            }
            return b;
        }

        /** How errors name the member, e.g. {@code cifar-10-binary.tar.gz!cifar-10-batches-bin/data_batch_1.bin}. */
        String name(String file) {
            return names.getOrDefault(file, origin + "/" + file);
        }
    }

    private CifarData() {
    }

    // ---- finding the data

    /** Where the data is: a folder holding the files of one version, or an archive. */
    record Location(Path path, boolean archive, Version version) {
    }

    static Location locate(Layout layout, Path given, List<Path> defaultRoots, Version wanted) throws IOException {
        List<Path> roots = given != null ? List.of(given) : defaultRoots;
        List<String> tried = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isRegularFile(root)) {
                return new Location(root, true, wanted);
            }
            if (!Files.isDirectory(root)) {
                tried.add(root + " (no such file or folder)");
                continue;
            }
            for (Version v : wanted == null ? List.of(Version.BINARY, Version.PYTHON) : List.of(wanted)) {
                String marker = v == Version.BINARY ? layout.binaryMarker() : layout.pythonMarker();
                String folder = v == Version.BINARY ? layout.binaryFolder() : layout.pythonFolder();
                String archive = v == Version.BINARY ? layout.binaryArchive() : layout.pythonArchive();
                if (Files.isRegularFile(root.resolve(marker))) {
                    return new Location(root, false, v);
                }
                tried.add(root.resolve(marker).toString());
                if (Files.isRegularFile(root.resolve(folder).resolve(marker))) {
                    return new Location(root.resolve(folder), false, v);
                }
                tried.add(root.resolve(folder).resolve(marker).toString());
                if (Files.isRegularFile(root.resolve(archive))) {
                    // the version is read from the entries; the archive's name only led us to it
                    return new Location(root.resolve(archive), true, wanted);
                }
                tried.add(root.resolve(archive).toString());
            }
        }
        throw new NoSuchFileException(null, null, layout.dataset() + " not found; looked for " + String.join(", ", tried)
                + ". " + layout.howToGet());
    }

    /**
     * Reads the members named in {@code binaryFiles} or {@code pythonFiles} (whichever version the
     * location holds) from the folder or archive.
     */
    static Members read(Layout layout, Location loc, List<String> binaryFiles, List<String> pythonFiles)
            throws IOException {
        if (!loc.archive()) {
            List<String> files = loc.version() == Version.BINARY ? binaryFiles : pythonFiles;
            Map<String, byte[]> bytes = new LinkedHashMap<>();
            Map<String, String> names = new LinkedHashMap<>();
            List<SourceFile> sources = new ArrayList<>();
            for (String f : files) {
                Path p = loc.path().resolve(f);
                if (Files.isRegularFile(p)) {
                    Bytes.FileBytes fb = Bytes.readFile(p);
                    bytes.put(f, fb.bytes());
                    names.put(f, p.toString());
                    sources.add(fb.source());
                }
            }
            return new Members(loc.version(), loc.path().toString(), bytes, names, sources);
        }
        return readArchive(layout, loc, binaryFiles, pythonFiles);
    }

    private static Members readArchive(Layout layout, Location loc, List<String> binaryFiles, List<String> pythonFiles)
            throws IOException {
        Path archive = loc.path();
        Set<String> binary = Set.copyOf(binaryFiles);
        Set<String> python = Set.copyOf(pythonFiles);
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Version seen = null;
        MessageDigest sha = Sha256.newDigest();
        long size = Files.size(archive);
        // the digest sits below the buffer so that peeking at the magic bytes (mark/reset) hashes them once
        try (InputStream file = new BufferedInputStream(new DigestInputStream(Files.newInputStream(archive), sha), 1 << 16)) {
            file.mark(2);
            boolean gz = file.read() == 0x1f && file.read() == 0x8b;
            file.reset();
            String tarName = archive + (gz ? " (decompressed)" : "");
            InputStream tar = gz ? new GZIPInputStream(file, 1 << 16) : file;
            TarReader reader = new TarReader(tar, tarName);
            try {
                for (TarReader.Entry e = reader.next(); e != null; e = reader.next()) {
                    String f = e.fileName();
                    if (!e.isFile()) {
                        continue;
                    }
                    Version v = binary.contains(f) && !python.contains(f) ? Version.BINARY
                            : python.contains(f) && !binary.contains(f) ? Version.PYTHON : null;
                    if (v == null && !(binary.contains(f) && python.contains(f))) {
                        continue;
                    }
                    if (v != null && loc.version() != null && v != loc.version()) {
                        throw new DatasetFormatException(archive.toString(), e.headerOffset(), "holds " + e.name()
                                + " of the " + v.label() + " version, but format " + loc.version().label() + " was asked for");
                    }
                    if (v != null && seen != null && v != seen) {
                        throw new DatasetFormatException(archive.toString(), e.headerOffset(), "mixes the binary and "
                                + "python versions (" + e.name() + ")");
                    }
                    seen = v != null ? v : seen;
                    bytes.put(f, reader.readEntry(e));
                    names.put(f, archive + "!" + e.name());
                }
                tar.transferTo(OutputStreamSink.INSTANCE);
            } catch (java.io.EOFException ex) {
                throw new DatasetFormatException(archive.toString(), size, "unexpected end of data: the archive ends at byte "
                        + size + " inside its compressed stream (" + reader.position() + " bytes of tar read); "
                        + "expected the rest of the archive (incomplete download?)");
            } catch (java.util.zip.ZipException ex) {
                throw new DatasetFormatException(archive.toString(), -1, "corrupt gzip data after " + reader.position()
                        + " bytes of tar: " + ex.getMessage());
            }
            file.transferTo(OutputStreamSink.INSTANCE); // hash every byte, including anything after the gzip stream
        }
        if (seen == null) {
            throw new NoSuchFileException(archive.toString(), null, "holds none of the " + layout.dataset()
                    + " files (looked for " + String.join(", ", binaryFiles) + " or " + String.join(", ", pythonFiles)
                    + "). " + layout.howToGet());
        }
        SourceFile source = new SourceFile(archive.toString(), Sha256.hex(sha), size);
        return new Members(seen, archive.toString(), bytes, names, List.of(source));
    }

    /** Discards bytes (to finish hashing a stream). */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    // ---- class names

    /** Class names from a text file, one per line (blank lines dropped), as in {@code batches.meta.txt}. */
    static List<String> textNames(byte[] bytes, String file) throws DatasetFormatException {
        List<String> names = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
            if (!line.isBlank()) {
                names.add(line.trim());
            }
        }
        if (names.isEmpty()) {
            throw new DatasetFormatException(file, 0, "expected class names, one per line, found none");
        }
        return names;
    }

    /** Class names from the list under {@code key} of an unpickled meta dictionary. */
    static List<String> pickledNames(byte[] bytes, String file, String key) throws DatasetFormatException {
        Map<?, ?> meta = dict(Unpickler.load(bytes, file), file);
        Object v = Unpickler.entry(meta, key);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw new DatasetFormatException(file, -1, "field '" + key + "': expected a list of class names, found "
                    + (v == null ? "no such key (keys: " + keys(meta) + ")" : describe(v)));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String s = Unpickler.text(list.get(i));
            if (s == null) {
                throw new DatasetFormatException(file, -1, "field '" + key + "'[" + i + "]: expected a name, found "
                        + describe(list.get(i)));
            }
            names.add(s);
        }
        return names;
    }

    // ---- batches

    /** One batch, parsed and checked, waiting to be copied into the split's matrix. */
    interface Batch {
        int size();

        int[] labels();

        /** Writes the batch's pixels as rows {@code row0..row0+size-1} of a {@code n x 3072} array. */
        void fill(float[] dst, int row0, boolean raw);
    }

    /**
     * A binary batch: records of {@code labelBytes} label bytes then 3,072 pixel bytes; the label
     * used is byte {@code labelIndex} of each record.
     */
    static Batch binaryBatch(byte[] b, String file, int labelBytes, int labelIndex, int classes)
            throws DatasetFormatException {
        int record = labelBytes + PIXELS;
        if (b.length % record != 0 || b.length == 0) {
            long whole = b.length / record;
            throw new DatasetFormatException(file, whole * record, b.length + " bytes is not a whole number of "
                    + record + "-byte records (" + labelBytes + " label byte" + (labelBytes > 1 ? "s" : "")
                    + " + 3072 pixel bytes): record " + whole + " at byte " + whole * record + " has only "
                    + (b.length - whole * record) + " bytes");
        }
        int n = b.length / record;
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            int at = r * record + labelIndex;
            labels[r] = b[at] & 0xff;
            if (labels[r] >= classes) {
                throw new DatasetFormatException(file, at, "label of record " + r + " is " + labels[r] + ", outside the "
                        + classes + " classes 0.." + (classes - 1));
            }
        }
        return new Batch() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int[] labels() {
                return labels;
            }

            @Override
            public void fill(float[] dst, int row0, boolean raw) {
                for (int r = 0; r < n; r++) {
                    Pixels.toFloats(b, r * record + labelBytes, dst, (row0 + r) * PIXELS, PIXELS, raw);
                }
            }
        };
    }

    /** A python batch: a pickled dict with a uint8 array {@code data} (n x 3072) and labels under {@code labelKey}. */
    static Batch pythonBatch(byte[] bytes, String file, String labelKey, int classes) throws DatasetFormatException {
        Map<?, ?> d = dict(Unpickler.load(bytes, file), file);
        Object data = Unpickler.entry(d, "data");
        if (data == null) {
            throw new DatasetFormatException(file, -1, "field 'data': missing; expected a uint8 array of shape (N, 3072)"
                    + " (keys found: " + keys(d) + ")");
        }
        if (!(data instanceof NdArray a) || !a.dtype().equals("u1") || a.shape().length != 2 || a.shape()[1] != PIXELS) {
            throw new DatasetFormatException(file, -1, "field 'data': expected a uint8 array of shape (N, 3072), found "
                    + describe(data));
        }
        int n = a.shape()[0];
        Object lab = Unpickler.entry(d, labelKey);
        if (lab == null) {
            throw new DatasetFormatException(file, -1, "field '" + labelKey + "': missing (keys found: " + keys(d) + ")");
        }
        int[] labels = intList(lab, file, labelKey);
        if (labels.length != n) {
            throw new DatasetFormatException(file, -1, "field '" + labelKey + "' holds " + labels.length
                    + " labels but field 'data' holds " + n + " images");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new DatasetFormatException(file, -1, "field '" + labelKey + "'[" + i + "] is " + labels[i]
                        + ", outside the " + classes + " classes 0.." + (classes - 1));
            }
        }
        byte[] src = a.data().array();
        int base = a.data().offset();
        boolean fortran = a.fortran();
        return new Batch() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public int[] labels() {
                return labels;
            }

            @Override
            public void fill(float[] dst, int row0, boolean raw) {
                if (!fortran) {
                    Pixels.toFloats(src, base, dst, row0 * PIXELS, n * PIXELS, raw);
                    return;
                }
                // column-major storage: element (i, j) sits at j * n + i
                for (int i = 0; i < n; i++) {
                    int out = (row0 + i) * PIXELS;
                    for (int j = 0; j < PIXELS; j++) {
                        dst[out + j] = Pixels.value(src[base + j * n + i], raw);
                    }
                }
            }
        };
    }

    /** Joins batches into one split. */
    static Dataset assemble(String name, List<Batch> batches, List<String> classNames, boolean raw,
                            List<SourceFile> sources) {
        long total = 0;
        for (Batch b : batches) {
            total += b.size();
        }
        if (total * PIXELS > Bytes.MAX_ARRAY) {
            throw new IllegalArgumentException(name + ": " + total + " images of 3072 values do not fit one float array");
        }
        float[] x = new float[(int) total * PIXELS];
        int[] y = new int[(int) total];
        int row = 0;
        for (Batch b : batches) {
            b.fill(x, row, raw);
            System.arraycopy(b.labels(), 0, y, row, b.size());
            row += b.size();
        }
        return new Dataset(name, FloatMatrix.wrap((int) total, PIXELS, x), y, classNames, SHAPE, sources);
    }

    private static int[] intList(Object v, String file, String key) throws DatasetFormatException {
        if (v instanceof List<?> list) {
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                    throw new DatasetFormatException(file, -1, "field '" + key + "'[" + i + "]: expected an integer, found "
                            + describe(list.get(i)));
                }
                out[i] = (int) (long) l;
            }
            return out;
        }
        if (v instanceof NdArray a && a.isInteger() && a.shape().length == 1) {
            int[] out = new int[a.shape()[0]];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, a.integerAt(i)));
            }
            return out;
        }
        throw new DatasetFormatException(file, -1, "field '" + key + "': expected a list of integers, found " + describe(v));
    }

    private static Map<?, ?> dict(Object o, String file) throws DatasetFormatException {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new DatasetFormatException(file, -1, "expected the pickle to hold a dict, found " + describe(o));
    }

    private static String keys(Map<?, ?> m) {
        List<String> k = new ArrayList<>();
        for (Object o : m.keySet()) {
            k.add(String.valueOf(Unpickler.text(o) != null ? Unpickler.text(o) : o));
        }
        return k.toString();
    }

    private static String describe(Object v) {
        if (v instanceof NdArray a) {
            return "a numpy array " + a.describe();
        }
        if (v instanceof List<?> l) {
            return "a list of " + l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return "a dict with keys " + keys(m);
        }
        return v == null ? "None" : v.getClass().getSimpleName() + " " + v;
    }
}
