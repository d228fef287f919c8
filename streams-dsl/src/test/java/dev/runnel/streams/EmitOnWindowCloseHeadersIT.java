package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.clients.producer.ProducerRecord;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.internals.RecordHeader;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.integration.EmbeddedLogFixture;
import dev.runnel.streams.integration.WindowCloseCountTopology;
import dev.runnel.streams.processor.api.FixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.ProcessorSupplier;
import dev.runnel.streams.processor.api.ProcessorWrapper;
import dev.runnel.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import dev.runnel.streams.processor.api.WrappedProcessorSupplier;
import dev.runnel.streams.state.StoreBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * emitStrategy(onWindowClose) with the default record cache on a real log: Kafka's aggregation emits a closed window
 * while it processes the record that closes it, with that record's headers, whatever its store caches and whatever
 * wraps its processors.
 */
class EmitOnWindowCloseHeadersIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    void aClosedWindowCarriesTheHeadersOfTheRecordThatClosedItWithTheRecordCacheOn() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        Properties props = log.streamsProps("clicks-app");
        assertEquals(List.of("a@0=1 trace=t2"), finalCounts(log, props));
    }

    /** A processor wrapper around every processor (as a tracing one) does not change what the aggregation emits. */
    @Test
    void aClosedWindowCarriesTheHeadersOfTheRecordThatClosedItWhenProcessorsAreWrapped() {
        EmbeddedLogFixture log = new EmbeddedLogFixture(root);
        Properties props = log.streamsProps("clicks-app");
        props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, DelegatingWrapper.class);
        assertEquals(List.of("a@0=1 trace=t2"), finalCounts(log, props));
    }

    /**
     * Counts clicks per 10 ms window, emitted on window close, with {@code props}; a@5, b@12 and b@13 are processed
     * together, between two commits (b@12 closes a's window [0,10), b@13 updates b's [10,20)). Returns the final
     * counts with their trace headers.
     */
    private static List<String> finalCounts(EmbeddedLogFixture log, Properties props) {
        // Every record may emit, as in the test driver: by default a second of wall-clock time passes between two.
        props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, 0L);
        log.createTopic("clicks", 1);
        log.createTopic("final-counts", 1);
        Topology topology = WindowCloseCountTopology.build(
            new StreamsBuilder(new TopologyConfig(new StreamsConfig(props))), Duration.ZERO);
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            EmbeddedLogFixture.awaitRunning(streams);
            streams.pause();
            EmbeddedLogFixture.awaitPolls(streams, 2, TIMEOUT, "the pause");
            log.produce(List.of(click("a", 5, "t1"), click("b", 12, "t2"), click("b", 13, "t3")),
                Serdes.String().serializer(), Serdes.String().serializer());
            streams.resume();
            log.awaitProcessed("clicks-app", List.of("clicks"), TIMEOUT);
        }
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<String, Long> record : log.readAll("final-counts", Serdes.String().deserializer(),
            Serdes.Long().deserializer(), false)) {
            Header trace = record.headers().lastHeader("trace");
            out.add(record.key() + "=" + record.value() + " trace="
                + (trace == null ? null : new String(trace.value(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Wraps every processor in a plain delegating one, as a tracing or metrics wrapper does. */
    public static final class DelegatingWrapper implements ProcessorWrapper {
        @Override
        public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
            String processorName, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
            return ProcessorWrapper.asWrapped(new ProcessorSupplier<KIn, VIn, KOut, VOut>() {
                @Override
                public Set<StoreBuilder<?>> stores() {
                    return supplier.stores();
                }

                @Override
                public Processor<KIn, VIn, KOut, VOut> get() {
                    Processor<KIn, VIn, KOut, VOut> delegate = supplier.get();
                    return new Processor<>() {
                        @Override
                        public void init(ProcessorContext<KOut, VOut> context) {
                            delegate.init(context);
                        }

                        @Override
                        public void process(dev.runnel.streams.processor.api.Record<KIn, VIn> record) {
                            delegate.process(record);
                        }

                        @Override
                        public void close() {
                            delegate.close();
                        }
                    };
                }
            });
        }

        @Override
        public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
            String processorName, FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
            return ProcessorWrapper.asWrappedFixedKey(supplier);
        }
    }

    private static ProducerRecord<String, String> click(String key, long timestamp, String trace) {
        return new ProducerRecord<>("clicks", null, timestamp, key, "click",
            List.of(new RecordHeader("trace", trace.getBytes(StandardCharsets.UTF_8))));
    }
}
