package org.imageclustering.loader.datasets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes CIFAR files in the published byte layouts for tests: the binary records, the python
 * batches exactly as Python 2's cPickle (protocol 2) wrote them, and ustar archives.
 *
 * <p>The pixel values follow the same rule as the committed python fixtures
 * ({@code make_cifar_fixtures.py}): value (c, y, x) of image g is {@code (7g + 50c + 3y + 5x) mod 256}.
 */
final class CifarFiles {
    static final List<String> CIFAR10_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private CifarFiles() {
    }

    static int pixel(int g, int c, int y, int x) {
        return (7 * g + 50 * c + 3 * y + 5 * x) % 256;
    }

    /** 3072 bytes of image g: the red plane, then green, then blue, each 32 rows of 32. */
    static byte[] image(int g) {
        byte[] b = new byte[3072];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    b[c * 1024 + y * 32 + x] = (byte) pixel(g, c, y, x);
                }
            }
        }
        return b;
    }

    /** Binary batch: per image its label bytes then its pixels. */
    static byte[] binaryBatch(int[] images, int[]... labelBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < images.length; i++) {
            for (int[] l : labelBytes) {
                out.write(l[i]);
            }
            out.writeBytes(image(images[i]));
        }
        return out.toByteArray();
    }

    static byte[] pixelsOf(int[] images) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int g : images) {
            out.writeBytes(image(g));
        }
        return out.toByteArray();
    }

    /**
     * The opcodes Python 2's cPickle (protocol 2) emits for the CIFAR dicts: str as SHORT_BINSTRING or
     * BINSTRING; containers, dict keys and values, globals and REDUCE results memoised with BINPUT
     * (LONG_BINPUT from index 256), while the strings and tuples internal to numpy's reduction are not
     * (cPickle memoises only objects referenced from elsewhere); lists appended in MARK ... APPENDS
     * groups of at most 1000; the numpy array through {@code numpy.core.multiarray._reconstruct} with a
     * BUILD state whose data is one BINSTRING. Python 3's {@code pickle.loads(..., encoding='bytes')}
     * reads what this writes as the expected dicts and arrays.
     */
    static final class Py2Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int memo = 1; // cPickle numbers its memo from 1

        Py2Pickle() {
            out.write(0x80);
            out.write(2);
        }

        Py2Pickle op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Py2Pickle put() {
            int i = memo++;
            if (i < 256) {
                op('q', i);
            } else {
                op('r', i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, i >>> 24);
            }
            return this;
        }

        Py2Pickle str(byte[] s) {
            return unmemoisedStr(s).put();
        }

        /** A str that cPickle does not memoise (one only the pickler itself refers to). */
        Py2Pickle unmemoisedStr(byte[] s) {
            if (s.length < 256) {
                op('U', s.length);
            } else {
                op('T', s.length & 0xff, (s.length >> 8) & 0xff, (s.length >> 16) & 0xff, s.length >>> 24);
            }
            out.writeBytes(s);
            return this;
        }

        Py2Pickle unmemoisedStr(String s) {
            return unmemoisedStr(s.getBytes(StandardCharsets.US_ASCII));
        }

        Py2Pickle str(String s) {
            return str(s.getBytes(StandardCharsets.US_ASCII));
        }

        Py2Pickle integer(int v) {
            if (v >= 0 && v < 256) {
                return op('K', v);
            }
            if (v >= 0 && v < 65536) {
                return op('M', v & 0xff, v >> 8);
            }
            return op('J', v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24);
        }

        Py2Pickle global(String module, String name) {
            out.writeBytes(("c" + module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return put();
        }

        Py2Pickle intList(int[] values) {
            op(']').put();
            for (int from = 0; from < values.length; from += 1000) {
                op('(');
                for (int i = from; i < Math.min(values.length, from + 1000); i++) {
                    integer(values[i]);
                }
                op('e');
            }
            return this;
        }

        Py2Pickle strList(List<String> values) {
            op(']').put();
            for (int from = 0; from < values.size(); from += 1000) {
                op('(');
                for (int i = from; i < Math.min(values.size(), from + 1000); i++) {
                    str(values.get(i));
                }
                op('e');
            }
            return this;
        }

        /** A C-order uint8 array of shape (rows, cols), as numpy 1.x under Python 2 pickles it. */
        Py2Pickle uint8Array(int rows, int cols, byte[] data) {
            return uint8Array(rows, cols, data, false);
        }

        /** A uint8 array of shape (rows, cols); {@code data} in column-major order when {@code fortran}. */
        Py2Pickle uint8Array(int rows, int cols, byte[] data, boolean fortran) {
            global("numpy.core.multiarray", "_reconstruct");
            global("numpy", "ndarray");
            op('K', 0, 0x85);
            unmemoisedStr("b");
            op(0x87, 'R').put();
            op('(', 'K', 1);
            integer(rows).integer(cols).op(0x86);
            global("numpy", "dtype");
            unmemoisedStr("u1");
            op('K', 0, 'K', 1, 0x87, 'R').put();
            op('(', 'K', 3);
            unmemoisedStr("|");
            op('N', 'N', 'N', 'J', 0xff, 0xff, 0xff, 0xff, 'J', 0xff, 0xff, 0xff, 0xff, 'K', 0, 't', 'b');
            op(fortran ? 0x88 : 0x89);
            unmemoisedStr(data);
            return op('t', 'b');
        }

        Py2Pickle beginDict() {
            return op('}').put().op('(');
        }

        byte[] endDict() {
            op('u', '.');
            return out.toByteArray();
        }
    }

    /** A CIFAR-10 python batch as published: {'data': ..., 'labels': [...], 'batch_label': ..., 'filenames': [...]}. */
    static byte[] py2Batch(int[] images, int[] labels, String batchLabel) {
        Py2Pickle p = new Py2Pickle().beginDict();
        p.str("data").uint8Array(images.length, 3072, pixelsOf(images));
        p.str("labels").intList(labels);
        p.str("batch_label").str(batchLabel);
        p.str("filenames").strList(java.util.Arrays.stream(images).mapToObj(g -> "img_" + g + ".png").toList());
        return p.endDict();
    }

    static byte[] py2Meta(List<String> names) {
        Py2Pickle p = new Py2Pickle().beginDict();
        p.str("num_cases_per_batch").integer(10000);
        p.str("label_names").strList(names);
        p.str("num_vis").integer(3072);
        return p.endDict();
    }

    /** A ustar archive holding {@code files} (name, content) with the given names. */
    static byte[] tar(List<String> names, List<byte[]> contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int f = 0; f < names.size(); f++) {
            byte[] h = new byte[512];
            byte[] name = names.get(f).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, h, 0, name.length);
            octal(h, 100, 8, 0644);
            octal(h, 108, 8, 0);
            octal(h, 116, 8, 0);
            octal(h, 124, 12, contents.get(f).length);
            octal(h, 136, 12, 0);
            h[156] = '0';
            System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
            h[263] = '0';
            h[264] = '0';
            for (int i = 148; i < 156; i++) {
                h[i] = ' ';
            }
            int sum = 0;
            for (byte b : h) {
                sum += b & 0xff;
            }
            octal(h, 148, 7, sum);
            out.writeBytes(h);
            out.writeBytes(contents.get(f));
            out.writeBytes(new byte[(512 - contents.get(f).length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void octal(byte[] h, int at, int len, long v) {
        String s = String.format("%0" + (len - 1) + "o", v);
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, at, len - 1);
        h[at + len - 1] = 0;
    }

    /** Train batch b (1..5) holds images 2(b-1), 2(b-1)+1; the test batch 100, 101, 102. */
    static int[] trainImages(int b) {
        return new int[] {2 * (b - 1), 2 * (b - 1) + 1};
    }

    static int[] trainLabels(int b) {
        return new int[] {(2 * (b - 1)) % 10, (2 * (b - 1) + 1) % 10};
    }

    static final int[] TEST_IMAGES = {100, 101, 102};
    static final int[] TEST_LABELS = {1, 4, 7};

    /** The published binary folder (cifar-10-batches-bin) in {@code dir}. */
    static void writeBinary10(Path dir) {
        for (int b = 1; b <= 5; b++) {
            TestFiles.write(dir.resolve("data_batch_" + b + ".bin"), binaryBatch(trainImages(b), trainLabels(b)));
        }
        TestFiles.write(dir.resolve("test_batch.bin"), binaryBatch(TEST_IMAGES, TEST_LABELS));
        TestFiles.write(dir.resolve("batches.meta.txt"),
                (String.join("\n", CIFAR10_NAMES) + "\n\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The published python folder (cifar-10-batches-py) in {@code dir}, as Python 2 wrote it. */
    static void writePy2(Path dir) {
        for (int b = 1; b <= 5; b++) {
            TestFiles.write(dir.resolve("data_batch_" + b), py2Batch(trainImages(b), trainLabels(b),
                    "training batch " + b + " of 5"));
        }
        TestFiles.write(dir.resolve("test_batch"), py2Batch(TEST_IMAGES, TEST_LABELS, "testing batch 1 of 1"));
        TestFiles.write(dir.resolve("batches.meta"), py2Meta(CIFAR10_NAMES));
    }
}
