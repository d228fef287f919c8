package dev.runnel.streams.internal.dsl;

import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Printed;
import dev.runnel.streams.processor.api.ContextualFixedKeyProcessor;
import dev.runnel.streams.processor.api.FixedKeyProcessor;
import dev.runnel.streams.processor.api.FixedKeyProcessorContext;
import dev.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.FixedKeyRecord;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code KStream#print}: writes {@code [label]: key, value} (or the {@link Printed}'s own text) for each record, a
 * line at a time, flushed, so that what is printed survives a crash. The tasks of the node share one writer: a file is
 * created (truncated) when the first task starts printing and closed when the last one closes; standard output stays
 * open.
 */
final class KStreamPrint<K, V> extends Printed<K, V> implements FixedKeyProcessorSupplier<K, V, Void> {
    private final String nodeName;
    private PrintWriter out;
    private int openTasks;
    private boolean truncated;

    /** Prints as {@code printed} says, from the node {@code nodeName} (null until the name is known). */
    KStreamPrint(Printed<K, V> printed, String nodeName) {
        super(printed);
        this.nodeName = nodeName;
    }

    /** The processor name the user gave, or null. */
    Named named() {
        return processorName == null ? null : Named.as(processorName);
    }

    @Override
    public FixedKeyProcessor<K, V, Void> get() {
        return new ContextualFixedKeyProcessor<>() {
            @Override
            public void init(FixedKeyProcessorContext<K, Void> context) {
                super.init(context);
                acquire();
            }

            @Override
            public void process(FixedKeyRecord<K, V> record) {
                print("[" + (label != null ? label : nodeName) + "]: " + mapper.apply(record.key(), record.value()));
            }

            @Override
            public void close() {
                release();
            }
        };
    }

    private synchronized void acquire() {
        if (openTasks++ == 0) {
            out = new PrintWriter(new OutputStreamWriter(open(), StandardCharsets.UTF_8));
        }
    }

    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }

    private synchronized void release() {
        if (--openTasks == 0) {
            out.close();
            out = null;
        }
    }

    private OutputStream open() {
        if (filePath == null) {
            // Closing the processor must not close standard output.
            return new FilterOutputStream(System.out) {
                @Override
                public void close() {
                    System.out.flush();
                }
            };
        }
        try {
            // Truncated once; a task started after all had closed appends to what they printed.
            OutputStream file = new FileOutputStream(filePath, truncated);
            truncated = true;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open " + filePath + " to print records to", e);
        }
    }
}
