package dev.runnel.streams.kstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Where and how {@link KStream#print} prints records: to standard output or to a file, one line per record,
 * {@code [label]: key, value}. The label defaults to the processor's name; {@link #withKeyValueMapper} replaces
 * {@code key, value}. Immutable.
 *
 * <pre>{@code
 * stream.print(Printed.<String, Long>toSysOut().withLabel("counts"));
 * }</pre>
 */
public class Printed<K, V> implements NamedOperation<Printed<K, V>> {
    /** The file to print to, or {@code null} for standard output. */
    protected final String filePath;
    /** The label, or {@code null} for the processor's name. */
    protected final String label;
    protected final KeyValueMapper<? super K, ? super V, String> mapper;
    /** The processor's name, or {@code null} for a generated one. */
    protected final String processorName;

    private Printed(String filePath, String label, KeyValueMapper<? super K, ? super V, String> mapper,
        String processorName) {
        this.filePath = filePath;
        this.label = label;
        this.mapper = mapper;
        this.processorName = processorName;
    }

    /** Copies {@code printed}; for the DSL's implementation, which reads the fields. */
    protected Printed(Printed<K, V> printed) {
        this(printed.filePath, printed.label, printed.mapper, printed.processorName);
    }

    /** Prints to standard output. */
    public static <K, V> Printed<K, V> toSysOut() {
        return new Printed<>(null, null, (key, value) -> key + ", " + value, null);
    }

    /**
     * Prints to the file at {@code filePath}, which is created or truncated now, as Kafka Streams does, and again
     * when the processor starts.
     *
     * @throws dev.runnel.streams.errors.TopologyException if the path is empty or the file cannot be written
     */
    public static <K, V> Printed<K, V> toFile(String filePath) {
        Objects.requireNonNull(filePath, "filePath can't be null");
        if (filePath.isBlank()) {
            throw new dev.runnel.streams.errors.TopologyException("filePath can't be an empty string");
        }
        try {
            Files.newOutputStream(Paths.get(filePath)).close();
        } catch (IOException e) {
            throw new dev.runnel.streams.errors.TopologyException("Unable to write stream to file at [" + filePath
                + "] " + e.getMessage());
        }
        return new Printed<>(filePath, null, (key, value) -> key + ", " + value, null);
    }

    /** Returns a copy that labels each line with {@code label} instead of the processor's name. */
    public Printed<K, V> withLabel(String label) {
        return new Printed<>(filePath, Objects.requireNonNull(label, "label can't be null"), mapper, processorName);
    }

    /** Returns a copy that prints what {@code mapper} makes of each record instead of {@code key, value}. */
    public Printed<K, V> withKeyValueMapper(KeyValueMapper<? super K, ? super V, String> mapper) {
        return new Printed<>(filePath, label, Objects.requireNonNull(mapper, "mapper can't be null"), processorName);
    }

    @Override
    public Printed<K, V> withName(String processorName) {
        return new Printed<>(filePath, label, mapper, processorName);
    }
}
