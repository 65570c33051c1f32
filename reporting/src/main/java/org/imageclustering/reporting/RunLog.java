package org.imageclustering.reporting;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.imageclustering.core.IterationTrace;

/**
 * The experiment's {@code runs.jsonl}: one {@link RunRecord} per line, appended the moment a run
 * finishes. Each line is written whole and forced to disk before {@link #append} returns, so a
 * killed process leaves at most one torn final line, which {@link #readAll} skips with a warning
 * and the next append cuts off. Appends from several threads of one process are serialised per
 * file; two processes must not append to one log at once (the experiment runner's folder lock sees
 * to that), and a line garbled by one that did is skipped with a warning, not fatal.
 *
 * <p>A line holds the record's fields flat, in the order of {@link Line}; that order is the file
 * format (readers of older files and other tools rely on it).
 */
public final class RunLog {
    /** The file name inside an experiment's results folder. */
    public static final String FILE_NAME = "runs.jsonl";

    private static final Logger LOG = LogManager.getLogger(RunLog.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer writers may add fields
            .addModule(new SimpleModule().addDeserializer(RunRecord.class, new LineReader()))
            .build();

    /** One lock per file, so that several RunLog objects for the same file never interleave lines. */
    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;

    /** The log at {@code file} (created on the first append). */
    public RunLog(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The log of the experiment whose results folder is {@code resultsDir}. */
    public static RunLog in(Path resultsDir) {
        return new RunLog(resultsDir.resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    /** {@code record} as one line of JSON, without the newline. */
    public static String toJson(RunRecord record) {
        try {
            return MAPPER.writeValueAsString(Line.of(record));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("run " + record.runId() + " cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Parses one line written by {@link #toJson}. */
    public static RunRecord fromJson(String line) throws JsonProcessingException {
        return MAPPER.readValue(line, RunRecord.class);
    }

    /** One line of the file: a record's fields, flat, in the order they are written. */
    private record Line(String runId, String experiment, String dataset, String transforms, String algorithm,
                        Map<String, Object> parameters, int k, long seed, int seedIndex, String status, String error,
                        Map<String, Map<String, Double>> metrics, int iterations, String stopReason,
                        List<IterationTrace> trace, Map<String, Object> diagnostics, long fitMillis,
                        Map<String, String> artifacts) {
        static Line of(RunRecord r) {
            return new Line(r.runId(), r.experiment(), r.dataset(), r.transforms(), r.algorithm(), r.parameters(), r.k(),
                    r.seed(), r.seedIndex(), r.status(), r.error(), r.metrics(), r.iterations(), r.stopReason(), r.trace(),
                    r.diagnostics(), r.fitMillis(), r.artifacts());
        }

        RunRecord toRecord() {
            RunRecord.Configuration configuration = new RunRecord.Configuration(dataset, transforms, algorithm, parameters, k);
            return new RunRecord(new RunRecord.Setup(runId, experiment, configuration, seed, seedIndex), status, error,
                    metrics, new RunRecord.Fit(iterations, stopReason, trace, diagnostics, fitMillis), artifacts);
        }
    }

    /**
     * Reads a {@link Line} into a record; a line that is no record is reported as one that is no
     * {@code RunRecord} (the skip messages name that type).
     */
    private static final class LineReader extends StdDeserializer<RunRecord> {
        private static final long serialVersionUID = 1L;

        LineReader() {
            super(RunRecord.class);
        }

        @Override
        public RunRecord deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartObjectToken()) {
                return (RunRecord) ctxt.handleUnexpectedToken(RunRecord.class, p);
            }
            Line line = ctxt.readValue(p, Line.class);
            try {
                return line.toRecord();
            } catch (RuntimeException e) {
                return (RunRecord) ctxt.handleInstantiationProblem(RunRecord.class, line, e);
            }
        }
    }

    /** Appends {@code record} as one line and forces it to disk. */
    public void append(RunRecord record) {
        byte[] line = (toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object())) {
            write(record, line);
        }
    }

    private void write(RunRecord record, byte[] line) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                long end = ch.size();
                long keep = completeLength(ch, end);
                if (keep < end) {
                    LOG.warn("{}: cutting off a torn last line of {} bytes left by an interrupted write", file, end - keep);
                    ch.truncate(keep);
                }
                ByteBuffer buf = ByteBuffer.wrap(line);
                long pos = keep;
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append run " + record.runId() + " to " + file, e);
        }
    }

    /** Length of the prefix that ends with a newline (0 when there is none). */
    private static long completeLength(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(4096);
        long pos = size;
        while (pos > 0) {
            int len = (int) Math.min(one.capacity(), pos);
            one.clear().limit(len);
            ch.read(one, pos - len);
            for (int i = len - 1; i >= 0; i--) {
                if (one.get(i) == '\n') {
                    return pos - len + i + 1;
                }
            }
            pos -= len;
        }
        return 0;
    }

    /**
     * What {@link #read} found.
     *
     * @param records  every valid record, in file order
     * @param skipped  one message per line that was skipped, naming the file and line number
     */
    public record Contents(List<RunRecord> records, List<String> skipped) {
        public Contents {
            records = List.copyOf(records);
            skipped = List.copyOf(skipped);
        }

        /** The latest record of each run id (see {@link RunLog#latestPerRun}). */
        public List<RunRecord> latest() {
            return latestPerRun(records);
        }

        /** The ids of runs whose latest record is ok: the runs a rerun skips. */
        public Set<String> finished() {
            return latest().stream().filter(RunRecord::ok).map(RunRecord::runId).collect(Collectors.toSet());
        }
    }

    /**
     * Every valid record, in file order; an empty list when the file does not exist. A line that is
     * not a record (a final line without its newline left by an interrupted append, or a line
     * garbled by a writer that ignored the results folder's lock) is skipped with a warning naming
     * the file and line; the rest is used.
     */
    public List<RunRecord> readAll() {
        Contents contents = read();
        contents.skipped().forEach(LOG::warn);
        return contents.records();
    }

    /** {@link #readAll()} with the messages of the lines it skipped, logging nothing (the caller decides). */
    public Contents read() {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<RunRecord> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        while (start < text.length()) {
            lineNo++;
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                skipped.add(file + " line " + lineNo + ": skipped a torn last line (" + (text.length() - start)
                        + " characters without a newline), left by an interrupted run; that run counts as not run");
                break;
            }
            String line = text.substring(start, nl).strip();
            start = nl + 1;
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(fromJson(line));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                skipped.add(file + " line " + lineNo + ": skipped, not a run record (" + firstLine(why)
                        + "); that run counts as not run");
            }
        }
        return new Contents(out, skipped);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * The last record of each run id, in the order of their last appearance: a run that was
     * retried (failed, then succeeded on a rerun) counts once, as its latest outcome.
     */
    public static List<RunRecord> latestPerRun(List<RunRecord> records) {
        Map<String, RunRecord> byId = new LinkedHashMap<>();
        for (RunRecord r : records) {
            byId.remove(r.runId());
            byId.put(r.runId(), r);
        }
        return List.copyOf(byId.values());
    }

    /** {@link #readAll()} reduced to the latest record of each run id. */
    public List<RunRecord> readLatest() {
        return latestPerRun(readAll());
    }

    /**
     * Rewrites the log, when it holds anything else, with only the latest ok record of each run
     * (read as {@code contents}): failed and superseded records go (their runs run again), and so
     * do lines that are not records (so they are not warned about again). The new file is written
     * aside and renamed over the old one, so a kill leaves one or the other.
     *
     * @return how many records were taken out
     * @throws UncheckedIOException naming the file if it cannot be rewritten
     */
    public int keepFinished(Contents contents) {
        List<RunRecord> kept = contents.latest().stream().filter(RunRecord::ok).toList();
        if (kept.size() == contents.records().size() && contents.skipped().isEmpty()) {
            return 0;
        }
        Path tmp = null;
        try {
            tmp = AtomicFiles.createTemporary(file);
            RunLog rewritten = new RunLog(tmp);
            kept.forEach(rewritten::append);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        } finally {
            deleteQuietly(tmp);
        }
        return contents.records().size() - kept.size();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file; the next invocation removes it
            }
        }
    }
}
