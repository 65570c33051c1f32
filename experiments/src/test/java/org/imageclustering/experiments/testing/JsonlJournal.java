package org.imageclustering.experiments.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.imageclustering.experiments.run.RunJournal;
import org.imageclustering.reporting.RunRecord;

/**
 * In-test journal: one JSON line per record, appended and forced to disk; a torn last line is
 * ignored on reading and cut off before the next append.
 */
public final class JsonlJournal implements RunJournal {
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public List<RunRecord> read(Path runsFile) throws IOException {
        List<RunRecord> out = new ArrayList<>();
        if (!Files.exists(runsFile)) {
            return out;
        }
        String text = Files.readString(runsFile, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return out;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readValue(line, RunRecord.class));
            }
        }
        return out;
    }

    @Override
    public void append(Path runsFile, RunRecord record) throws IOException {
        byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(runsFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            long size = ch.size();
            long keep = size;
            while (keep > 0) {
                ByteBuffer b = ByteBuffer.allocate(1);
                ch.read(b, keep - 1);
                if (b.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            ch.truncate(keep);
            ch.position(keep);
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}
