package org.imageclustering.loader.datasets;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.imageclustering.core.matrix.FloatMatrix;
import org.imageclustering.core.ImageShape;
import org.imageclustering.core.Parameters;
import org.imageclustering.loader.Dataset;
import org.imageclustering.loader.DatasetFormatException;
import org.imageclustering.loader.DatasetLoader;
import org.imageclustering.loader.DatasetSplits;
import org.imageclustering.loader.LoaderOptions;
import org.imageclustering.loader.SourceFile;
import org.imageclustering.loader.io.Bilinear;
import org.imageclustering.loader.io.Bytes;

/**
 * Loads a folder of pictures arranged one sub-folder per class (the layout of torchvision's
 * {@code ImageFolder}): {@code root/<class>/<image>.png|.jpg|.jpeg}, decoded with Java's ImageIO.
 *
 * <p>Classes are the sub-folder names in sorted order (label = position), and within a class the files
 * are taken in sorted name order, so the same folder always gives the same rows. Hidden entries
 * (starting with '.') and files with other extensions are skipped.
 *
 * <p>Options:
 * <ul>
 *   <li>{@code width}, {@code height} (both or neither): resize every image to this size with bilinear
 *       interpolation ({@link Bilinear}); without them all images must share the first image's size, and
 *       the first file that differs is named in the error;</li>
 *   <li>{@code channels}: 3 (default; grey images are repeated into red, green and blue) or 1 (colour
 *       images become luma {@code 0.299 R + 0.587 G + 0.114 B}, ITU-R BT.601, as PIL's {@code convert("L")});</li>
 *   <li>{@code test-path}: an optional second folder in the same layout, read as the test split with the
 *       training split's classes.</li>
 * </ul>
 * Transparency is ignored (colour channels are taken as stored). A path is required. From Java,
 * {@link #load(Path, Options)} takes the same settings typed.
 */
public final class ImageFolderLoader implements DatasetLoader {
    /** {@link Options#width()} and {@link Options#height()} of a load that keeps each image's own size. */
    public static final int KEEP_SIZE = 0;

    /**
     * Typed settings of an image-folder load, for use from Java; an experiment file gives the same
     * ones as the dataset keys {@code width}, {@code height}, {@code channels}, {@code test-path} and
     * {@code raw}.
     *
     * @param width    width to resize every image to (bilinear), or {@link #KEEP_SIZE} with height
     * @param height   height to resize every image to, or {@link #KEEP_SIZE} with width
     * @param channels 3 (grey images repeated into red, green and blue) or 1 (colour images become luma)
     * @param testPath a second folder in the same layout read as the test split, or {@code null} for none
     * @param raw      keep the stored 0..255 values instead of scaling them to [0, 1]
     */
    public record Options(int width, int height, int channels, Path testPath, boolean raw) {
        public Options {
            boolean keep = width == KEEP_SIZE && height == KEEP_SIZE;
            if (!keep && (width < 1 || height < 1)) {
                throw new IllegalArgumentException("width and height must both be >= 1 (to resize) or both "
                        + KEEP_SIZE + " (to keep each image's size), was " + width + " x " + height);
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
            }
        }

        /** Each image's own size, three channels, no test split, scaled to [0, 1]. */
        public static Options defaults() {
            return new Options(KEEP_SIZE, KEEP_SIZE, 3, null, false);
        }

        /** Whether every image is resized to {@code width x height}. */
        public boolean resizes() {
            return width != KEEP_SIZE;
        }

        public Options withSize(int newWidth, int newHeight) {
            return new Options(newWidth, newHeight, channels, testPath, raw);
        }

        public Options withChannels(int newChannels) {
            return new Options(width, height, newChannels, testPath, raw);
        }

        public Options withTestPath(Path newTestPath) {
            return new Options(width, height, channels, newTestPath, raw);
        }

        public Options withRaw(boolean newRaw) {
            return new Options(width, height, channels, testPath, newRaw);
        }
    }

    public ImageFolderLoader() {
    }

    @Override
    public DatasetSplits load(LoaderOptions options) throws IOException {
        Parameters p = options.params();
        boolean hasW = p.has("width");
        boolean hasH = p.has("height");
        if (hasW != hasH) {
            throw p.invalid(hasW ? "height" : "width", "give width and height together (to resize), or neither");
        }
        int width = hasW ? p.integer("width") : KEEP_SIZE;
        int height = hasH ? p.integer("height") : KEEP_SIZE;
        if (hasW && (width < 1 || height < 1)) {
            throw p.invalid(width < 1 ? "width" : "height", "expected a size >= 1, found " + (width < 1 ? width : height));
        }
        int channels = p.integer("channels", 3);
        if (channels != 1 && channels != 3) {
            throw p.invalid("channels", "expected 1 or 3, found " + channels);
        }
        String testPath = p.string("test-path", null);
        p.requireAllUsed();
        return load(options.path(),
                new Options(width, height, channels, testPath == null ? null : Path.of(testPath), options.raw()));
    }

    /**
     * Reads the folder {@code root} (one sub-folder of images per class) as the train split and, when
     * {@code options} names a test path, that folder as the test split with the training classes.
     *
     * @throws NoSuchFileException if a folder is missing or holds no classes or images, or a test class
     *         has no training folder
     * @throws DatasetFormatException if an image cannot be decoded or, without resizing, differs in size
     */
    public DatasetSplits load(Path root, Options options) throws IOException {
        String name = "image-folder";
        if (root == null) {
            throw new NoSuchFileException(null, null, "the image-folder loader needs a path: a folder with one "
                    + "sub-folder of PNG/JPEG images per class");
        }
        List<String> classes = classFolders(root);
        Dataset train = readSplit(name + "/train", root, classes, classes, options, null);
        Dataset test = null;
        if (options.testPath() != null) {
            Path testRoot = options.testPath();
            List<String> testClasses = classFolders(testRoot);
            for (String c : testClasses) {
                if (!classes.contains(c)) {
                    throw new NoSuchFileException(testRoot.resolve(c).toString(), null, "test class '" + c
                            + "' has no folder in the training data " + root + " (classes there: " + classes + ")");
                }
            }
            test = readSplit(name + "/test", testRoot, testClasses, classes, options,
                    options.resizes() ? null : train.shape());
        }
        return new DatasetSplits(train, test);
    }

    private static List<String> classFolders(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, (Files.exists(root) ? "not a folder" : "no such folder")
                    + "; expected a folder with one sub-folder of PNG/JPEG images per class");
        }
        List<String> classes = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isDirectory).map(e -> e.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().forEach(classes::add);
        }
        if (classes.isEmpty()) {
            throw new NoSuchFileException(root.toString(), null, "holds no class sub-folders; expected one sub-folder of "
                    + "PNG/JPEG images per class");
        }
        return classes;
    }

    private static List<Path> images(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return !n.startsWith(".") && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
            }).sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).forEach(files::add);
        }
        if (files.isEmpty()) {
            throw new NoSuchFileException(folder.toString(), null, "class folder holds no .png, .jpg or .jpeg files");
        }
        return files;
    }

    /**
     * Reads every image of the given classes. {@code labelNames} fixes the labels (the training classes);
     * {@code requiredShape}, when set, is the size every image must have.
     */
    private static Dataset readSplit(String name, Path root, List<String> classes, List<String> labelNames, Options s,
                                     ImageShape requiredShape) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String c : classes) {
            for (Path f : images(root.resolve(c))) {
                files.add(f);
                labels.add(labelNames.indexOf(c));
            }
        }
        int n = files.size();
        float[] x = null;
        ImageShape shape = null;
        Path first = null;
        List<SourceFile> sources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Path f = files.get(i);
            Bytes.FileBytes fb = Bytes.readFile(f);
            sources.add(fb.source());
            BufferedImage img = decode(fb.bytes(), f);
            int w = img.getWidth();
            int h = img.getHeight();
            if (shape == null) {
                first = f;
                shape = s.resizes() ? new ImageShape(s.channels(), s.height(), s.width())
                        : requiredShape != null ? requiredShape : new ImageShape(s.channels(), h, w);
                long total = (long) n * shape.size();
                if (total > Bytes.MAX_ARRAY) {
                    throw new IllegalArgumentException(name + ": " + n + " images of " + shape + " values do not fit one "
                            + "float array; resize them smaller (width, height)");
                }
                x = new float[(int) total];
            }
            if (!s.resizes() && (w != shape.width() || h != shape.height())) {
                String reference = requiredShape != null ? "the training images are" : first + " is";
                throw new DatasetFormatException(f.toString(), -1, "image is " + w + " x " + h + " (width x height) but "
                        + reference + " " + shape.width() + " x " + shape.height() + "; all images must have one size, "
                        + "or set width and height to resize them (bilinear)");
            }
            float[][] planes = planes(img, s.channels());
            int row = i * shape.size();
            int planeSize = shape.height() * shape.width();
            for (int c = 0; c < s.channels(); c++) {
                if (w == shape.width() && h == shape.height()) {
                    System.arraycopy(planes[c], 0, x, row + c * planeSize, planeSize);
                } else {
                    Bilinear.resize(planes[c], w, h, x, row + c * planeSize, shape.width(), shape.height());
                }
            }
        }
        if (!s.raw()) {
            for (int j = 0; j < x.length; j++) {
                x[j] /= 255f;
            }
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        return new Dataset(name, FloatMatrix.wrap(n, shape.size(), x), y, labelNames, shape, sources);
    }

    private static BufferedImage decode(byte[] bytes, Path f) throws DatasetFormatException {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new DatasetFormatException(f.toString(), 0, "not a PNG or JPEG image that ImageIO can decode");
            }
            return img;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetFormatException d) {
                throw d;
            }
            throw new DatasetFormatException(f.toString(), -1, "cannot decode the image: " + e.getMessage());
        }
    }

    /**
     * The image as {@code channels} row-major planes of values in 0..255. Grey images are read from the
     * raster directly: {@code getRGB} would pass them through a linear-to-sRGB conversion and change
     * the stored values.
     */
    static float[][] planes(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[][] out = new float[channels][w * h];
        boolean gray = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(img.getColorModel() instanceof IndexColorModel);
        if (gray) {
            Raster r = img.getRaster();
            int bits = img.getColorModel().getComponentSize(0);
            float scale = 255f / ((1 << bits) - 1);
            float[] g = out[0];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    g[y * w + x] = r.getSample(x, y, 0) * scale;
                }
            }
            for (int c = 1; c < channels; c++) {
                System.arraycopy(g, 0, out[c], 0, g.length);
            }
            return out;
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int red = (argb[i] >> 16) & 0xff;
            int green = (argb[i] >> 8) & 0xff;
            int blue = argb[i] & 0xff;
            if (channels == 3) {
                out[0][i] = red;
                out[1][i] = green;
                out[2][i] = blue;
            } else {
                out[0][i] = 0.299f * red + 0.587f * green + 0.114f * blue;
            }
        }
        return out;
    }
}
