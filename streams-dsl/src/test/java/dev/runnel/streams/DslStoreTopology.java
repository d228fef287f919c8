package dev.runnel.streams;

import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.SessionStore;
import dev.runnel.streams.state.WindowStore;
import java.time.Duration;
import java.util.List;

/**
 * A topology with one DSL store of each kind: a count ("counts"), a windowed count ("windowed"), a session count
 * ("sessions"), a source table ("table") and a stream-stream join ("join-this-join-store",
 * "join-other-join-store"). Reads "in", "other" and "tbl"; writes "counts-out" and "join-out".
 */
final class DslStoreTopology {
    static final List<String> STORES = List.of("counts", "join-other-join-store", "join-this-join-store", "sessions",
        "table", "windowed");

    private DslStoreTopology() {
    }

    static void build(StreamsBuilder builder) {
        KStream<String, String> in = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        in.groupByKey().count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
                .withCachingDisabled())
            .toStream().to("counts-out", Produced.with(Serdes.String(), Serdes.Long()));
        in.groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(1)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("windowed"));
        in.groupByKey().windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofSeconds(5), Duration.ofSeconds(2)))
            .count(Materialized.<String, Long, SessionStore<Bytes, byte[]>>as("sessions"));
        builder.table("tbl", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("table"));
        KStream<String, String> other = builder.stream("other", Consumed.with(Serdes.String(), Serdes.String()));
        in.join(other, (a, b) -> a + "+" + b, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(3)),
            StreamJoined.<String, String, String>as("join")
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()).withOtherValueSerde(Serdes.String()))
            .to("join-out", Produced.with(Serdes.String(), Serdes.String()));
    }
}
