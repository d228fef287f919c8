package dev.runnel.streams.integration;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.streams.KafkaStreams;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.StreamsConfig;
import dev.runnel.streams.Topology;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.processor.api.ContextualProcessor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import dev.runnel.clients.admin.Admin;
import dev.runnel.clients.admin.ListOffsetsResult;
import dev.runnel.clients.admin.OffsetSpec;
import dev.runnel.clients.consumer.OffsetAndMetadata;
import dev.runnel.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.time.Duration;
import java.util.Properties;

/**
 * The forked application of {@code KafkaStreamsExactlyOnceKillIT}: a running count per key under exactly_once_v2,
 * slowed to about 1 ms per record so that kills land mid-transaction. Prints {@code RUNNING} once running. With a
 * third argument {@code finish} it closes cleanly and exits once its group has committed the end of the input (the
 * parent cannot read the log while this process owns it); otherwise it runs until killed.
 */
public final class EosCountingAppMain {
    public static final String INPUT = "events";
    public static final String OUTPUT = "running-counts";
    static final String STORE = "counts";

    private EosCountingAppMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-app");
        props.put(StreamsConfig.LOG_DIR_CONFIG, args[0]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[1]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        props.put(StreamsConfig.POLL_MS_CONFIG, 20);
        props.put(StreamsConfig.consumerPrefix("max.poll.records"), 50);
        KafkaStreams streams = new KafkaStreams(topology(), props);
        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING) {
                System.out.println("RUNNING");
                System.out.flush();
            }
        });
        streams.start();
        if (args.length > 2 && args[2].equals("finish")) {
            try (Admin admin = Admin.create(Map.of("log.dir", args[0]))) {
                while (!inputCommitted(admin)) {
                    Thread.sleep(20);
                }
            }
            streams.close(Duration.ofSeconds(10));
            System.out.println("FINISHED");
            System.out.flush();
        } else {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static boolean inputCommitted(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("eos-app")
            .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 2; p++) {
            latest.put(new TopicPartition(INPUT, p), OffsetSpec.latest());
        }
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end
            : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            if (offset == null || offset.offset() < end.getValue().offset()) {
                return false;
            }
        }
        return true;
    }

    static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(),
            Serdes.Long()));
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()))
            .process(SlowCounter::new, STORE)
            .to(OUTPUT, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    /** Counts per key, taking about a millisecond per record. */
    static final class SlowCounter extends ContextualProcessor<String, String, String, Long> {
        private KeyValueStore<String, Long> store;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            super.init(context);
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Long previous = store.get(record.key());
            long count = previous == null ? 1 : previous + 1;
            store.put(record.key(), count);
            context().forward(record.withValue(count));
        }
    }
}
