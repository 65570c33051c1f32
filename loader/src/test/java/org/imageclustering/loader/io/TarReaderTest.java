package org.imageclustering.loader.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.imageclustering.loader.DatasetFormatException;
import org.junit.jupiter.api.Test;

class TarReaderTest {
    /** One 512-byte header: name, size (octal, or GNU base-256 when {@code base256}), type, ustar prefix. */
    private static byte[] header(String name, long size, char type, String prefix, boolean base256) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        ascii(h, 100, "0000644");
        if (base256) {
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        } else {
            ascii(h, 124, String.format("%011o", size));
        }
        h[156] = (byte) type;
        ascii(h, 257, "ustar");
        h[263] = '0';
        h[264] = '0';
        if (prefix != null) {
            ascii(h, 345, prefix);
        }
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        ascii(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void ascii(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static void entry(ByteArrayOutputStream out, byte[] header, byte[] content) {
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    @Test
    void readsUstarPrefixGnuLongNamesPaxPathsAndBase256Sizes() throws Exception {
        String longName = "a/" + "x".repeat(150) + "/data_batch_1";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, header("meta.txt", 3, '0', "cifar-10-batches-bin", false), "abc".getBytes());
        byte[] ln = (longName + "\0").getBytes(StandardCharsets.US_ASCII);
        entry(out, header("././@LongLink", ln.length, 'L', null, false), ln);
        entry(out, header("truncated-name", 600, '0', null, true), new byte[600]);
        String rec = "path=pax/test_batch\n";
        String pax = (rec.length() + 3) + " " + rec; // "23 path=...\n": the record length counts its own two digits and space
        entry(out, header("PaxHeaders/x", pax.length(), 'x', null, false), pax.getBytes(StandardCharsets.US_ASCII));
        entry(out, header("short", 2, '0', null, false), new byte[] {7, 8});
        out.writeBytes(new byte[1024]);

        TarReader r = new TarReader(new ByteArrayInputStream(out.toByteArray()), "t.tar");
        TarReader.Entry meta = r.next();
        assertEquals("cifar-10-batches-bin/meta.txt", meta.name());
        assertEquals("meta.txt", meta.fileName());
        assertArrayEquals("abc".getBytes(), r.readEntry(meta));
        TarReader.Entry big = r.next();
        assertEquals(longName, big.name());
        assertEquals("data_batch_1", big.fileName());
        assertEquals(600, big.size());
        TarReader.Entry paxed = r.next(); // the 600 bytes were skipped unread
        assertEquals("pax/test_batch", paxed.name());
        assertArrayEquals(new byte[] {7, 8}, r.readEntry(paxed));
        assertNull(r.next());
    }

    @Test
    void entryCutShortNamesWhereTheArchiveEnds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header("cifar-10-batches-bin/data_batch_1.bin", 30730000, '0', null, false));
        out.writeBytes(new byte[1000]);
        TarReader r = new TarReader(new ByteArrayInputStream(out.toByteArray()), "t.tar");
        TarReader.Entry e = r.next();
        DatasetFormatException ex = assertThrows(DatasetFormatException.class, () -> r.readEntry(e));
        assertEquals("t.tar", ex.file());
        assertEquals(1512, ex.offset());
        assertTrue(ex.getMessage().contains("entry 'cifar-10-batches-bin/data_batch_1.bin'"), ex.getMessage());
    }

    @Test
    void nonTarDataFailsTheHeaderChecksum() {
        byte[] notTar = new byte[1024];
        ascii(notTar, 0, "<html>this is an error page, not an archive</html>");
        DatasetFormatException ex = assertThrows(DatasetFormatException.class,
                () -> new TarReader(new ByteArrayInputStream(notTar), "t.tar").next());
        assertEquals(0, ex.offset());
        assertTrue(ex.getMessage().contains("not a valid tar header"), ex.getMessage());
    }
}
