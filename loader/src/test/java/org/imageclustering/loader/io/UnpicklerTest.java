package org.imageclustering.loader.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.imageclustering.loader.DatasetFormatException;
import org.junit.jupiter.api.Test;

class UnpicklerTest {
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            } else if (p instanceof Integer i) {
                out.write(i);
            } else {
                out.writeBytes((byte[]) p);
            }
        }
        return out.toByteArray();
    }

    private static Object load(byte[] b) throws DatasetFormatException {
        return Unpickler.load(b, "x.pkl");
    }

    @Test
    void python3Protocol2BytesAreCodecsEncodeOfLatin1Text() throws Exception {
        // pickle.dumps({b'k': b'\xfa\x01'}, protocol=2), as CPython 3.11 writes it
        byte[] p = bytes(0x80, 2, "}q\u0000c_codecs\nencode\nq\u0001X\u0001\u0000\u0000\u0000kq\u0002X\u0006\u0000\u0000\u0000latin1q\u0003",
                0x86, "q\u0004Rq\u0005h\u0001X\u0003\u0000\u0000\u0000", 0xc3, 0xba, 0x01, "q\u0006h\u0003", 0x86, "q\u0007Rq\bs.");
        Map<?, ?> d = (Map<?, ?>) load(p);
        PyBytes v = (PyBytes) Unpickler.entry(d, "k");
        assertEquals(2, v.length());
        assertEquals(0xfa, v.get(0));
        assertEquals(1, v.get(1));
    }

    @Test
    void keysMayBeTextOrBytes() throws Exception {
        Map<?, ?> text = (Map<?, ?>) load(bytes(0x80, 2, "}(X\u0004\u0000\u0000\u0000dataK\u0007u."));
        Map<?, ?> raw = (Map<?, ?>) load(bytes(0x80, 3, "}(C\u0004dataK\u0007u."));
        assertEquals(7L, Unpickler.entry(text, "data"));
        assertEquals(7L, Unpickler.entry(raw, "data"));
        assertNull(Unpickler.entry(raw, "labels"));
    }

    @Test
    void numbersListsTuplesAndMemo() throws Exception {
        // [1, 300, -1, None, True, (1, 2), <memo 0 again>]
        byte[] p = bytes(0x80, 2, "]q\u0000(K\u0001M", 0x2c, 1, "J", 0xff, 0xff, 0xff, 0xff, "N", 0x88,
                "K\u0001K\u0002", 0x86, "h\u0000e.");
        List<?> l = (List<?>) load(p);
        assertEquals(1L, l.get(0));
        assertEquals(300L, l.get(1));
        assertEquals(-1L, l.get(2));
        assertNull(l.get(3));
        assertEquals(true, l.get(4));
        assertEquals(List.of(1L, 2L), l.get(5));
        assertTrue(l.get(6) == l, "memo refers back to the list itself");
    }

    @Test
    void int64ArrayFromProtocol5IsReadWithItsByteOrder() throws Exception {
        // numpy.array([3, -2], dtype='<i8') under protocol 5 (without FRAME and MEMOIZE): _frombuffer(bytearray, dtype('i8'), (2,), 'C')
        byte[] p = bytes(0x80, 5, 0x8c, 18, "numpy.core.numeric", 0x8c, 11, "_frombuffer", 0x93, "(", 0x96,
                16, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                0x8c, 5, "numpy", 0x8c, 5, "dtype", 0x93, 0x8c, 2, "i8", 0x89, 0x88, 0x87, "R(K\u0003", 0x8c, 1, "<",
                "NNNJ", 0xff, 0xff, 0xff, 0xff, "J", 0xff, 0xff, 0xff, 0xff, "K\u0000tbK\u0002", 0x85, 0x8c, 1, "CtR.");
        NdArray a = (NdArray) load(p);
        assertArrayEquals(new int[] {2}, a.shape());
        assertEquals("i8", a.dtype());
        assertEquals(3L, a.integerAt(0));
        assertEquals(-2L, a.integerAt(1));
    }

    @Test
    void globalsOutsideTheNumpyAndCodecListAreRefused() {
        byte[] p = bytes(0x80, 2, "cos\nsystem\nX\u0002\u0000\u0000\u0000ls", 0x85, "R.");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(p));
        assertEquals("x.pkl", e.file());
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("refusing to load global 'os.system'"), e.getMessage());
    }

    @Test
    void unsupportedOpcodeIsNamedWithItsOffset() {
        byte[] p = bytes(0x80, 2, "}(", 0x81, "u.");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(p));
        assertEquals("x.pkl", e.file());
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().startsWith("x.pkl at byte 4: unsupported pickle opcode NEWOBJ (0x81)"), e.getMessage());
    }

    @Test
    void forgedLengthFailsWithoutAllocating() {
        // BINSTRING claiming 2^31 - 1 bytes in a 12-byte file
        byte[] p = bytes(0x80, 2, "T", 0xff, 0xff, 0xff, 0x7f, "abc.");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(p));
        assertEquals(7, e.offset());
        assertTrue(e.getMessage().contains("needs 2147483647 bytes"), e.getMessage());
    }

    @Test
    void negativeBinstringLengthIsCorrupt() {
        byte[] p = bytes(0x80, 2, "T", 0xff, 0xff, 0xff, 0xff, ".");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(p));
        assertEquals(3, e.offset());
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void missingStopAndStackUnderflowAreReported() {
        DatasetFormatException noStop = assertThrows(DatasetFormatException.class, () -> load(bytes(0x80, 2, "K\u0001")));
        assertTrue(noStop.getMessage().contains("no STOP"), noStop.getMessage());
        DatasetFormatException empty = assertThrows(DatasetFormatException.class, () -> load(bytes(0x80, 2, "a.")));
        assertEquals(2, empty.offset());
        assertTrue(empty.getMessage().contains("APPEND (0x61) needs a value"), empty.getMessage());
    }

    @Test
    void arrayDataMustMatchItsShape() {
        // _reconstruct then BUILD with shape (2, 3) but 5 data bytes
        byte[] p = bytes(0x80, 2, "cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\u0000", 0x85, "U\u0001b", 0x87,
                "R(K\u0001K\u0002K\u0003", 0x86, "cnumpy\ndtype\nU\u0002u1K\u0000K\u0001", 0x87,
                "R(K\u0003U\u0001|NNNJ", 0xff, 0xff, 0xff, 0xff, "J", 0xff, 0xff, 0xff, 0xff, "K\u0000tb", 0x89,
                "U\u0005abcdetb.");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(p));
        assertTrue(e.getMessage().contains("needs 6 data bytes, found 5"), e.getMessage());
    }
}
