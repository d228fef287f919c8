package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnel.common.serialization.Deserializer;
import dev.runnel.common.header.Header;
import dev.runnel.common.header.Headers;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.JoinWindows;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.SessionWindows;
import dev.runnel.streams.kstream.StreamJoined;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.TableJoined;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.kstream.Windowed;
import dev.runnel.streams.kstream.WindowedSerdes;
import dev.runnel.streams.processor.PunctuationType;
import dev.runnel.streams.processor.api.ContextualFixedKeyProcessor;
import dev.runnel.streams.processor.api.FixedKeyRecord;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueIterator;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Small applications of the kind users port from Kafka Streams, each run through the test driver with outputs worked
 * out by hand from Kafka Streams' documented semantics, record by record. Each combines several features.
 */
class PortedApplicationsTest {
    /** Profile values are "region:name". */
    static String regionOf(String profile) {
        return profile.split(":")[0];
    }

    /**
     * Page views enriched with the viewer's region (a stream-table left join), views counted per region (a stream
     * re-keyed by region), and users counted per region (a table re-grouped by region, so a user who moves region
     * is subtracted from the old one and added to the new one).
     */
    static Topology pageViewsByRegion() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> profiles = builder.table("user-profiles",
            Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("profiles"));
        KStream<String, String> views = builder.stream("page-views", Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> enriched = views.leftJoin(profiles,
            (page, profile) -> page + "|" + (profile == null ? "?" : regionOf(profile)));
        enriched.to("enriched-views", Produced.with(Serdes.String(), Serdes.String()));
        enriched.groupBy((user, view) -> view.split("\\|")[1], Grouped.with("views-by-region", Serdes.String(),
                Serdes.String()))
            .count(Materialized.as("view-counts"))
            .toStream().to("views-per-region", Produced.with(Serdes.String(), Serdes.Long()));
        profiles.groupBy((user, profile) -> KeyValue.pair(regionOf(profile), user),
                Grouped.with("users-by-region", Serdes.String(), Serdes.String()))
            .count(Materialized.as("user-counts"))
            .toStream().to("users-per-region", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    @Test
    void pageViewsAreEnrichedAndCountedPerRegionAsUsersMove() {
        try (TopologyTestDriver driver = driver(pageViewsByRegion())) {
            TestInputTopic<String, String> profiles = input(driver, "user-profiles");
            TestInputTopic<String, String> views = input(driver, "page-views");
            profiles.pipeInput("u1", "EU:alice", 1);
            profiles.pipeInput("u2", "US:bob", 2);
            views.pipeInput("u1", "home", 3);
            views.pipeInput("u3", "pricing", 4); // no profile: the left join gives null
            profiles.pipeInput("u1", "US:alice", 5); // moves: EU loses her first, then US gains her
            views.pipeInput("u1", "cart", 6);
            profiles.pipeInput("u2", "US:robert", 7); // same region: one update (subtract then add), KIP-904
            profiles.pipeInput("u2", null, 8); // tombstone: only subtracted
            views.pipeInput("u2", "home", 9);
            profiles.pipeInput("u1", null, 10); // a count reaching 0 stays 0, it is not deleted
            // Out of order: an aggregate's timestamp is the larger of the record's and the aggregate's.
            profiles.pipeInput("u4", "EU:dora", 4);
            views.pipeInput("u4", "home", 2);

            assertEquals(List.of("u1=home|EU@3", "u3=pricing|?@4", "u1=cart|US@6", "u2=home|?@9", "u4=home|EU@2"),
                read(driver, "enriched-views", Serdes.String().deserializer()));
            assertEquals(List.of("EU=1@3", "?=1@4", "US=1@6", "?=2@9", "EU=2@3"),
                read(driver, "views-per-region", Serdes.Long().deserializer()));
            assertEquals(List.of("EU=1@1", "US=1@2", "EU=0@5", "US=2@5", "US=2@7", "US=1@8", "US=0@10", "EU=1@5"),
                read(driver, "users-per-region", Serdes.Long().deserializer()));
            assertEquals(1L, driver.<String, Long>getKeyValueStore("user-counts").get("EU"));
            assertEquals(0L, driver.<String, Long>getKeyValueStore("user-counts").get("US"));
        }
    }

    /**
     * Click sessions per user with a 10 ms inactivity gap and 5 ms grace: out-of-order clicks merge sessions, one
     * bridges two sessions, a click past the grace period is dropped, and only closed sessions are emitted.
     */
    static Topology clickSessions() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<Windowed<String>, Long> sessions = builder.stream("clicks",
                Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
            .count(Materialized.as("click-sessions"));
        sessions.toStream((session, count) -> sessionName(session))
            .to("session-updates", Produced.with(Serdes.String(), Serdes.Long()));
        sessions.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
            .toStream((session, count) -> sessionName(session))
            .to("closed-sessions", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    static String sessionName(Windowed<String> session) {
        return session.key() + "[" + session.window().start() + "," + session.window().end() + "]";
    }

    @Test
    void clickSessionsMergeOutOfOrderClicksAndAreEmittedOnceClosed() {
        try (TopologyTestDriver driver = driver(clickSessions())) {
            TestInputTopic<String, String> clicks = input(driver, "clicks");
            clicks.pipeInput("u", "a", 100);
            clicks.pipeInput("u", "b", 105); // merges with [100,100]
            clicks.pipeInput("v", "a", 103);
            clicks.pipeInput("u", "c", 118); // 13 after 105: a new session
            // Stream time 118: a session is closed once it ends before 118 - grace - gap = 103 (Kafka 3.3+), and
            // suppression, whose time is the largest session end it saw (118), emits sessions ending at or
            // before 103: v[103,103].
            assertEquals(List.of("v[103,103]=1@103"), read(driver, "closed-sessions", Serdes.Long().deserializer()));
            clicks.pipeInput("u", "d", 110); // bridges [100,105] and [118,118]
            clicks.pipeInput("w", "a", 106); // late, but its session ends at 106, not before 103
            clicks.pipeInput("w", "b", 101); // before 103, but it joins w's session, which ends at 106
            clicks.pipeInput("x", "a", 100); // a session of its own ending before 103: dropped
            clicks.pipeInput("u", "e", 140);

            assertEquals(List.of("u[100,100]=1@100", "u[100,100]=null@100", "u[100,105]=2@105", "v[103,103]=1@103",
                "u[118,118]=1@118", "u[100,105]=null@105", "u[118,118]=null@118", "u[100,118]=4@118",
                "w[106,106]=1@106", "w[106,106]=null@106", "w[101,106]=2@106", "u[140,140]=1@140"),
                read(driver, "session-updates", Serdes.Long().deserializer()));
            // Suppression time 140 closes sessions ending at or before 125; merged-away sessions are not emitted.
            assertEquals(List.of("w[101,106]=2@106", "u[100,118]=4@118"),
                read(driver, "closed-sessions", Serdes.Long().deserializer()));
        }
    }

    /**
     * Orders enriched with their product's name by a foreign-key inner join whose internal resources are named and
     * whose result is a materialized (so cached) table.
     */
    static Topology orderDetails() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> orders = builder.table("orders", Consumed.with(Serdes.String(), Serdes.String()));
        KTable<String, String> products = builder.table("products",
            Consumed.with(Serdes.String(), Serdes.String()));
        orders.join(products, order -> order.split(",")[0], (order, product) -> order + "/" + product,
                TableJoined.as("orders-products"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("order-details")
                    .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
            .toStream().to("order-details", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void orderDetailsFollowProductAndOrderChangesThroughAForeignKeyJoin() {
        try (TopologyTestDriver driver = driver(orderDetails())) {
            TestInputTopic<String, String> orders = input(driver, "orders");
            TestInputTopic<String, String> products = input(driver, "products");
            products.pipeInput("p1", "Apple", 10);
            orders.pipeInput("o1", "p1,2", 5); // a left-side result has the later of both timestamps
            orders.pipeInput("o2", "p2,1", 20); // no product p2 yet: nothing
            products.pipeInput("p2", "Banana", 25); // a right-side result has the right record's timestamp
            products.pipeInput("p1", "Apricot", 30);
            orders.pipeInput("o1", "p2,5", 35); // the foreign key changes
            orders.pipeInput("o3", "p3,1", 40);
            // Moves to another missing product: Kafka sends a tombstone, which the cached result table does not
            // forward, as o3 has no result to delete.
            orders.pipeInput("o3", "p4,1", 45);
            products.pipeInput("p1", null, 50); // nobody orders p1 any more
            products.pipeInput("p2", null, 55); // both results are deleted
            orders.pipeInput("o2", null, 60); // its result is already deleted: the tombstone is not forwarded
            products.pipeInput("p2", "Blueberry", 65); // o2 no longer subscribes
            orders.pipeInput("o1", "p2,6", 70); // same foreign key
            orders.pipeInput("o1", null, 75);

            assertEquals(List.of("o1=p1,2/Apple@10", "o2=p2,1/Banana@25", "o1=p1,2/Apricot@30",
                "o1=p2,5/Banana@35", "o1=null@55", "o2=null@55", "o1=p2,5/Blueberry@65", "o1=p2,6/Blueberry@70",
                "o1=null@75"), read(driver, "order-details", Serdes.String().deserializer()));
            assertEquals(null, driver.<String, String>getKeyValueStore("order-details").get("o1"));
            assertEquals(List.of("ported-order-details-changelog", "ported-orders-STATE-STORE-0000000000-changelog",
                "ported-orders-products-subscription-registration-topic",
                "ported-orders-products-subscription-response-topic",
                "ported-orders-products-subscription-store-changelog",
                "ported-products-STATE-STORE-0000000003-changelog"), driver.producedTopicNames().stream()
                .filter(topic -> topic.startsWith("ported-")).sorted().toList());
        }
    }

    /**
     * Ad impressions attributed to the clicks that follow them within 10 ms (a click may not come before its
     * impression), with 5 ms grace: a left join (impressions without click) and an outer join (clicks without
     * impression too), whose non-joined results wait until the window closes (Kafka 3.1+, no spurious results).
     */
    static Topology adAttribution() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> impressions = builder.stream("impressions",
            Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> clicks = builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()));
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(5))
            .before(Duration.ZERO);
        impressions.leftJoin(clicks, (impression, click) -> impression + "+" + click, windows,
                StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.String()).withName("attribution"))
            .to("attributed", Produced.with(Serdes.String(), Serdes.String()));
        impressions.outerJoin(clicks, (impression, click) -> impression + "+" + click, windows,
                StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.String()).withName("audit"))
            .to("audit", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void adImpressionsAreAttributedToLaterClicksAndUnmatchedOnesEmittedOnceTheWindowCloses() {
        try (TopologyTestDriver driver = driver(adAttribution())) {
            TestInputTopic<String, String> impressions = input(driver, "impressions");
            TestInputTopic<String, String> clicks = input(driver, "clicks");
            // Kafka throttles the emission of non-joined results to one pass per second of wall-clock time
            // (internal config, default 1 s); each step advances the clock past it.
            List<List<String>> attributed = new ArrayList<>();
            List<List<String>> audit = new ArrayList<>();
            Runnable collect = () -> {
                attributed.add(read(driver, "attributed", Serdes.String().deserializer()));
                audit.add(read(driver, "audit", Serdes.String().deserializer()));
                driver.advanceWallClockTime(Duration.ofSeconds(1));
            };
            impressions.pipeInput("a", "i1", 100);
            collect.run();
            impressions.pipeInput("b", "i2", 102);
            collect.run();
            clicks.pipeInput("a", "c1", 105); // joins i1 (100 <= 105 <= 110), at the later timestamp
            collect.run();
            clicks.pipeInput("c", "c2", 106); // no impression in [96,106]
            collect.run();
            impressions.pipeInput("a", "i3", 104); // out of order, joins c1
            collect.run();
            // Past its window end (100) by more than the grace: rejected, as JoinWindows documents (Kafka's join
            // processor still emits it joined with null, KAFKA-16123).
            impressions.pipeInput("d", "i4", 90);
            collect.run();
            clicks.pipeInput("e", "c4", 112); // c2's window closed: 106 + 0 + 5 < 112
            collect.run();
            // Stream time 118: i2's window closed (102 + 10 + 5 < 118), and so did c4's (112 + 0 + 5 < 118).
            clicks.pipeInput("f", "c3", 118);
            collect.run();
            impressions.pipeInput("a", "i6", 130); // closes c3's window
            collect.run();

            assertEquals(List.of(List.of(), List.of(), List.of("a=i1+c1@105"), List.of(), List.of("a=i3+c1@105"),
                List.of(), List.of(), List.of("b=i2+null@102"), List.of()), attributed);
            assertEquals(List.of(List.of(), List.of(), List.of("a=i1+c1@105"), List.of(), List.of("a=i3+c1@105"),
                List.of(), List.of("c=null+c2@106"), List.of("b=i2+null@102", "e=null+c4@112"),
                List.of("f=null+c3@118")), audit);
        }
    }

    /**
     * A device monitor written with the Processor API: a key-value store added to the builder remembers when each
     * device was last seen; readings pass through with their headers plus one of the monitor's; a stream-time
     * punctuator forwards how many readings came since its last run; a wall-clock punctuator reports (and forgets)
     * devices silent for 20 ms of stream time and forwards a heartbeat.
     */
    static Topology deviceMonitor() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("last-seen"), Serdes.String(),
            Serdes.Long()));
        builder.stream("readings", Consumed.with(Serdes.String(), Serdes.String()))
            .process(DeviceMonitor::new, "last-seen")
            .to("device-events", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static final class DeviceMonitor implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, Long> lastSeen;
        private int readings;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            lastSeen = context.getStateStore("last-seen");
            context.schedule(Duration.ofMillis(10), PunctuationType.STREAM_TIME, time -> {
                context.forward(new Record<>("summary", readings + " readings", time));
                readings = 0;
            });
            context.schedule(Duration.ofSeconds(10), PunctuationType.WALL_CLOCK_TIME, now -> {
                long streamTime = context.currentStreamTimeMs();
                List<KeyValue<String, Long>> silent = new ArrayList<>();
                try (KeyValueIterator<String, Long> all = lastSeen.all()) {
                    all.forEachRemaining(device -> {
                        if (device.value < streamTime - 20) {
                            silent.add(device);
                        }
                    });
                }
                for (KeyValue<String, Long> device : silent) {
                    lastSeen.delete(device.key);
                    context.forward(new Record<>(device.key, "silent since " + device.value, streamTime));
                }
                context.forward(new Record<>("heartbeat", "tick", now));
            });
        }

        @Override
        public void process(Record<String, String> reading) {
            Long previous = lastSeen.get(reading.key());
            lastSeen.put(reading.key(), previous == null ? reading.timestamp()
                : Math.max(previous, reading.timestamp()));
            readings++;
            Record<String, String> event = reading.withValue(reading.value() + (previous == null ? " (new)" : ""));
            event.headers().add("monitor", "v1".getBytes(StandardCharsets.UTF_8));
            context.forward(event);
        }
    }

    @Test
    void deviceMonitorPunctuatesOnStreamAndWallClockTimeAndKeepsHeaders() {
        try (TopologyTestDriver driver = driver(deviceMonitor())) {
            TestInputTopic<String, String> readings = input(driver, "readings");
            TestOutputTopic<String, String> events = driver.createOutputTopic("device-events",
                Serdes.String().deserializer(), Serdes.String().deserializer());
            List<List<String>> steps = new ArrayList<>();
            Runnable collect = () -> steps.add(events.readRecordsToList().stream()
                .map(PortedApplicationsTest::withHeaders).toList());
            Headers traced = new RecordHeaders().add("trace", "abc".getBytes(StandardCharsets.UTF_8));
            // Stream-time punctuation is aligned to 0: it runs after the first record, then at 10, 20, ...
            readings.pipeInput(new TestRecord<>("d1", "21.5", traced, 5L));
            collect.run();
            readings.pipeInput("d2", "19.0", 8);
            collect.run();
            readings.pipeInput("d1", "21.7", 12);
            collect.run();
            readings.pipeInput("d2", "19.1", 3); // out of order: stream time stays 12
            collect.run();
            readings.pipeInput("d1", "22.0", 35); // one punctuation for the missed 20 and 30; the next is at 40
            collect.run();
            driver.advanceWallClockTime(Duration.ofSeconds(10)); // d2 last seen at 8 < 35 - 20
            collect.run();
            readings.pipeInput("d2", "18.0", 40);
            collect.run();
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            collect.run();
            driver.advanceWallClockTime(Duration.ofSeconds(25)); // one punctuation at 40 s; the next is at 50 s
            collect.run();
            driver.advanceWallClockTime(Duration.ofSeconds(9));
            collect.run();
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            collect.run();

            assertEquals(List.of(
                List.of("d1=21.5 (new)@5[trace=abc,monitor=v1]", "summary=1 readings@5[]"),
                List.of("d2=19.0 (new)@8[monitor=v1]"),
                List.of("d1=21.7@12[monitor=v1]", "summary=2 readings@12[]"),
                List.of("d2=19.1@3[monitor=v1]"),
                List.of("d1=22.0@35[monitor=v1]", "summary=2 readings@35[]"),
                List.of("d2=silent since 8@35[]", "heartbeat=tick@10000[]"),
                List.of("d2=18.0 (new)@40[monitor=v1]", "summary=1 readings@40[]"),
                List.of(),
                List.of("heartbeat=tick@40000[]"),
                List.of(),
                List.of("heartbeat=tick@50000[]")), steps);
            assertEquals(40L, driver.<String, Long>getKeyValueStore("last-seen").get("d2"));
        }
    }

    private static String withHeaders(TestRecord<String, String> record) {
        StringBuilder headers = new StringBuilder();
        for (Header header : record.headers()) {
            headers.append(headers.length() == 0 ? "" : ",").append(header.key()).append('=')
                .append(new String(header.value(), StandardCharsets.UTF_8));
        }
        return record.key() + "=" + record.value() + "@" + record.timestamp() + "[" + headers + "]";
    }

    /**
     * Payments converted at the exchange rate valid at their own time (a stream-table join on a versioned table, whose
     * out-of-order updates go to its history) and counted per currency in hopping windows with a store retention,
     * refunds left out of the counts, the counts written with windowed keys.
     */
    static Topology payments() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> rates = builder.table("fx-rates", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.<String, String>as(Stores.persistentVersionedKeyValueStore("rates", Duration.ofSeconds(1)))
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        rates.toStream().to("rate-changes", Produced.with(Serdes.String(), Serdes.String()));
        KStream<String, String> payments = builder.stream("payments",
            Consumed.with(Serdes.String(), Serdes.String()));
        payments.join(rates, (amount, rate) -> String.valueOf(Long.parseLong(amount) * Long.parseLong(rate)))
            .to("converted", Produced.with(Serdes.String(), Serdes.String()));
        payments.filter((currency, amount) -> !amount.startsWith("-"))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(100), Duration.ofMillis(20))
                .advanceBy(Duration.ofMillis(50)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("payment-counts")
                .withRetention(Duration.ofMillis(500)))
            .toStream()
            .to("payment-counts", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 100),
                Serdes.Long()));
        return builder.build();
    }

    @Test
    void paymentsAreConvertedAtTheirTimesRateAndCountedInHoppingWindows() {
        try (TopologyTestDriver driver = driver(payments())) {
            TestInputTopic<String, String> rates = input(driver, "fx-rates");
            TestInputTopic<String, String> payments = input(driver, "payments");
            rates.pipeInput("EUR", "110", 100);
            rates.pipeInput("EUR", "120", 200);
            payments.pipeInput("EUR", "10", 150); // the rate valid at 150
            rates.pipeInput("EUR", "115", 180); // out of order: into the history, and forwarded as not the latest
            payments.pipeInput("EUR", "10", 190);
            payments.pipeInput("EUR", "10", 250);
            payments.pipeInput("GBP", "10", 260); // no rate: no result
            rates.pipeInput("EUR", null, 300);
            payments.pipeInput("EUR", "10", 310); // the rate is deleted
            // A refund: filtered out before the windowed count, so it does not advance the count's stream time.
            payments.pipeInput("EUR", "-10", 400);
            // The count's stream time is 310: [150,250) ended before 310 - 20 and is closed, [200,300) is open.
            payments.pipeInput("EUR", "10", 205);

            assertEquals(List.of("EUR=110@100", "EUR=120@200", "EUR=115@180", "EUR=null@300"),
                read(driver, "rate-changes", Serdes.String().deserializer()));
            assertEquals(List.of("EUR=1100@150", "EUR=1150@190", "EUR=1200@250", "EUR=1200@205"),
                read(driver, "converted", Serdes.String().deserializer()));
            List<String> counts = new ArrayList<>();
            for (TestRecord<Windowed<String>, Long> count : driver.createOutputTopic("payment-counts",
                WindowedSerdes.timeWindowedSerdeFrom(String.class, 100).deserializer(),
                Serdes.Long().deserializer()).readRecordsToList()) {
                counts.add(count.key().key() + "[" + count.key().window().start() + "," + count.key().window().end()
                    + ")=" + count.value() + "@" + count.timestamp());
            }
            assertEquals(List.of("EUR[100,200)=1@150", "EUR[150,250)=1@150", "EUR[100,200)=2@190",
                "EUR[150,250)=2@190", "EUR[200,300)=1@250", "EUR[250,350)=1@250", "GBP[200,300)=1@260",
                "GBP[250,350)=1@260", "EUR[250,350)=2@310", "EUR[300,400)=1@310", "EUR[200,300)=2@250"), counts);
            assertEquals(1, driver.droppedRecordsTotal(), "the late record's closed window [150,250)");
        }
    }

    /**
     * Kafka Streams 4 keeps the deprecated Transformer interfaces although no DSL operation takes them: an application
     * still holding one compiles, and Kafka's migration calls it from a fixed-key processor given to processValues.
     */
    @Test
    @SuppressWarnings("deprecation")
    void leftoverValueTransformerRunsFromAFixedKeyProcessor() {
        dev.runnel.streams.kstream.ValueTransformerSupplier<String, String> upperCase = () ->
            new dev.runnel.streams.kstream.ValueTransformer<>() {
                @Override
                public void init(dev.runnel.streams.processor.ProcessorContext context) {
                }

                @Override
                public String transform(String value) {
                    return value.toUpperCase(java.util.Locale.ROOT);
                }

                @Override
                public void close() {
                }
            };
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in").processValues(() -> new ContextualFixedKeyProcessor<String, String,
            String>() {
            private final dev.runnel.streams.kstream.ValueTransformer<String, String> transformer = upperCase.get();

            @Override
            public void process(FixedKeyRecord<String, String> record) {
                context().forward(record.withValue(transformer.transform(record.value())));
            }
        }).to("out");
        try (TopologyTestDriver driver = driver(builder.build())) {
            input(driver, "in").pipeInput("k", "quiet", 5L);
            assertEquals(List.of("k=QUIET@5"), read(driver, "out", Serdes.String().deserializer()));
        }
    }

    static TopologyTestDriver driver(Topology topology) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ported");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.String().getClass().getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.String().getClass().getName());
        return new TopologyTestDriver(topology, props, Instant.EPOCH);
    }

    static TestInputTopic<String, String> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
    }

    /** Returns and removes what {@code topic} received, as "key=value@timestamp". */
    static <V> List<String> read(TopologyTestDriver driver, String topic, Deserializer<V> valueDeserializer) {
        List<String> records = new ArrayList<>();
        for (TestRecord<String, V> record : driver.createOutputTopic(topic, Serdes.String().deserializer(),
            valueDeserializer).readRecordsToList()) {
            records.add(record.key() + "=" + record.value() + "@" + record.timestamp());
        }
        return records;
    }
}
