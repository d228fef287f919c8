package dev.runnel.streams;

import static dev.runnel.streams.PortedApplicationsTest.driver;
import static dev.runnel.streams.PortedApplicationsTest.input;
import static dev.runnel.streams.PortedApplicationsTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.clients.consumer.ConsumerRecord;
import dev.runnel.common.header.internals.RecordHeaders;
import dev.runnel.common.serialization.Serdes;
import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.errors.StreamsException;
import dev.runnel.streams.kstream.Aggregator;
import dev.runnel.streams.kstream.Branched;
import dev.runnel.streams.kstream.CogroupedKStream;
import dev.runnel.streams.kstream.Consumed;
import dev.runnel.streams.kstream.EmitStrategy;
import dev.runnel.streams.kstream.GlobalKTable;
import dev.runnel.streams.kstream.Grouped;
import dev.runnel.streams.kstream.KStream;
import dev.runnel.streams.kstream.KTable;
import dev.runnel.streams.kstream.KeyValueMapper;
import dev.runnel.streams.kstream.Materialized;
import dev.runnel.streams.kstream.Named;
import dev.runnel.streams.kstream.Printed;
import dev.runnel.streams.kstream.SlidingWindows;
import dev.runnel.streams.kstream.Produced;
import dev.runnel.streams.kstream.Suppressed;
import dev.runnel.streams.kstream.TimeWindows;
import dev.runnel.streams.processor.LogAndSkipOnInvalidTimestamp;
import dev.runnel.streams.processor.FailOnInvalidTimestamp;
import dev.runnel.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import dev.runnel.streams.processor.api.Processor;
import dev.runnel.streams.processor.api.ProcessorContext;
import dev.runnel.streams.processor.api.Record;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.ValueAndTimestamp;
import dev.runnel.streams.state.WindowStore;
import dev.runnel.streams.test.TestRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second round of applications ported from Kafka Streams, each run through the test driver with outputs worked out
 * by hand from Kafka Streams' documented semantics, record by record: cogrouped aggregations, time-limited
 * suppression with bounded buffers, final results of windows closing together, emitStrategy(onWindowClose), split and
 * merge, timestamp extractors on invalid timestamps, sliding windows at the close-time boundary, a table joined with a
 * view of itself, and global tables and stores.
 */
class PortedApplications2Test {
    @TempDir
    Path tempDir;

    /**
     * A customer-activity summary: logins, purchases and refunds cogrouped into one string per customer, both for all
     * time (named and materialized) and per 100 ms tumbling window with 10 ms grace.
     */
    static Topology customerActivity() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> logins = builder.stream("logins", Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> purchases = builder.stream("purchases",
            Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> refunds = builder.stream("refunds", Consumed.with(Serdes.String(), Serdes.String()));
        activity(logins, purchases, refunds)
            .aggregate(() -> "", Named.as("activity"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("activity-store"))
            .toStream()
            .to("activity", Produced.with(Serdes.String(), Serdes.String()));
        activity(logins, purchases, refunds)
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(100), Duration.ofMillis(10)))
            .aggregate(() -> "", Materialized.<String, String, WindowStore<Bytes, byte[]>>as("activity-windows"))
            .toStream((window, summary) -> window.key() + "@" + window.window().start())
            .to("activity-windows", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static CogroupedKStream<String, String> activity(KStream<String, String> logins,
        KStream<String, String> purchases, KStream<String, String> refunds) {
        Aggregator<String, String, String> login = (user, device, summary) -> summary + "L";
        return logins.groupByKey().cogroup(login)
            .cogroup(purchases.groupByKey(), (user, amount, summary) -> summary + "+" + amount)
            .cogroup(refunds.groupByKey(), (user, amount, summary) -> summary + "-" + amount);
    }

    @Test
    void customerActivityIsCogroupedFromThreeStreamsEachClosingWindowsByItsOwnStreamTime() {
        Topology topology = customerActivity();
        Set<String> processors = new HashSet<>();
        topology.describe().subtopologies().forEach(sub -> sub.nodes().forEach(node -> processors.add(node.name())));
        assertTrue(processors.containsAll(List.of("activity-cogroup-agg-0", "activity-cogroup-agg-1",
            "activity-cogroup-agg-2", "activity-cogroup-merge")), processors.toString());
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> logins = input(driver, "logins");
            TestInputTopic<String, String> purchases = input(driver, "purchases");
            TestInputTopic<String, String> refunds = input(driver, "refunds");
            logins.pipeInput("u1", "web", 10);
            purchases.pipeInput("u1", "5", 20);
            refunds.pipeInput("u1", "5", 15); // out of order: the aggregate keeps the larger timestamp
            purchases.pipeInput("u2", "7", 30);
            logins.pipeInput("u1", "app", 120); // the logins' stream time closes [0,100) for logins only
            purchases.pipeInput("u1", "3", 95); // the purchases' stream time is 95: [0,100) is open for them
            logins.pipeInput("u2", "web", 60); // too late for the logins' [0,100): dropped from the windows only
            refunds.pipeInput("u2", "2", 50);

            assertEquals(List.of("u1=L@10", "u1=L+5@20", "u1=L+5-5@20", "u2=+7@30", "u1=L+5-5L@120",
                "u1=L+5-5L+3@120", "u2=+7L@60", "u2=+7L-2@60"),
                read(driver, "activity", Serdes.String().deserializer()));
            assertEquals(List.of("u1@0=L@10", "u1@0=L+5@20", "u1@0=L+5-5@20", "u2@0=+7@30", "u1@100=L@120",
                "u1@0=L+5-5+3@95", "u2@0=+7-2@50"),
                read(driver, "activity-windows", Serdes.String().deserializer()));
            assertEquals(1, driver.droppedRecordsTotal(), "u2's login at 60, for the logins' closed window");
            KeyValueStore<String, String> store = driver.getKeyValueStore("activity-store");
            assertEquals("L+5-5L+3", store.get("u1"));
            assertEquals("+7L-2", store.get("u2"));
        }
    }

    /** Readings are "zone:level"; the highest reading per zone, held back until 10 ms of stream time have passed. */
    static Topology zoneMaxima(Suppressed.BufferConfig<?> buffer) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("readings", Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((sensor, reading) -> reading.split(":")[0], Grouped.as("by-zone"))
            .reduce((highest, reading) -> level(reading) > level(highest) ? reading : highest,
                Materialized.as("zone-max"))
            .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(10), buffer).withName("zone-alerts"))
            .toStream()
            .to("zone-alerts", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    static long level(String reading) {
        return Long.parseLong(reading.split(":")[1]);
    }

    @Test
    void zoneMaximaAreSuppressedForATimeLimitAndEmittedEarlyWhenTheBufferIsFull() {
        try (TopologyTestDriver driver = driver(zoneMaxima(Suppressed.BufferConfig.maxRecords(2)
            .emitEarlyWhenFull()))) {
            TestInputTopic<String, String> readings = input(driver, "readings");
            readings.pipeInput("s1", "A:5", 0);
            readings.pipeInput("s2", "B:3", 2);
            readings.pipeInput("s3", "A:7", 4); // replaces A's buffered update, which keeps its place (time 0)
            readings.pipeInput("s4", "C:1", 5); // three keys buffered: the oldest, A, is emitted early
            assertEquals(List.of("A=A:7@4"), read(driver, "zone-alerts", Serdes.String().deserializer()));
            readings.pipeInput("s5", "B:4", 13); // B, buffered at 2, is 10 ms old
            readings.pipeInput("s6", "D:9", 15); // C, buffered at 5, is 10 ms old
            // Out of order: A's maximum is unchanged but re-emitted at the aggregate's time, 4, which is already
            // older than the time limit.
            readings.pipeInput("s7", "A:2", 1);
            readings.pipeInput("s8", "E:1", 16);
            readings.pipeInput("s9", "F:1", 17); // D, E and F buffered: D is emitted early

            assertEquals(List.of("B=B:4@13", "C=C:1@5", "A=A:7@4", "D=D:9@15"),
                read(driver, "zone-alerts", Serdes.String().deserializer()));
        }
    }

    @Test
    void zoneMaximaSuppressionFailsWhenItsBufferIsFullAndSetToShutDown() {
        try (TopologyTestDriver driver = driver(zoneMaxima(Suppressed.BufferConfig.maxRecords(1)
            .shutDownWhenFull()))) {
            TestInputTopic<String, String> readings = input(driver, "readings");
            readings.pipeInput("s1", "A:5", 0);
            readings.pipeInput("s2", "A:7", 4); // the same key: still one record buffered
            StreamsException error = assertThrows(StreamsException.class, () -> readings.pipeInput("s3", "B:3", 2));
            assertTrue(messages(error).contains("[2/1] records"), messages(error));
            assertEquals(List.of(), read(driver, "zone-alerts", Serdes.String().deserializer()));
        }
    }

    /**
     * Final page-view counts per 100 ms tumbling window, no grace, suppressed until the window closes: the windows
     * of all pages close at the same time.
     */
    static Topology finalPageCounts() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("views", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(100)))
            .count()
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
            .toStream((window, count) -> window.key() + "@" + window.window().start())
            .to("final-counts", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    @Test
    void finalPageCountsOfWindowsClosingTogetherAreEmittedInSerializedKeyOrder() {
        try (TopologyTestDriver driver = driver(finalPageCounts())) {
            TestInputTopic<String, String> views = input(driver, "views");
            views.pipeInput("pricing", "u1", 10);
            views.pipeInput("home", "u2", 20);
            views.pipeInput("about", "u3", 30);
            views.pipeInput("home", "u4", 40);
            views.pipeInput("pricing", "u5", 100); // closes [0,100) of every page
            // Kafka's suppression buffer orders entries due at the same time by their serialized keys, not by
            // arrival.
            assertEquals(List.of("about@0=1@30", "home@0=2@40", "pricing@0=1@10"),
                read(driver, "final-counts", Serdes.Long().deserializer()));
        }
    }

    /**
     * Final click counts per 100 ms tumbling window and page, 10 ms grace, emitted once the window closes
     * ({@code emitStrategy(onWindowClose)}, KIP-825); clicks carry a "trace" header.
     */
    static Topology finalClickCounts() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(100), Duration.ofMillis(10)))
            .emitStrategy(EmitStrategy.onWindowClose())
            .count()
            .toStream((window, count) -> window.key() + "@" + window.window().start())
            .to("final-clicks", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    @Test
    void finalClickCountsAreEmittedOnWindowCloseWithTheClosingClicksHeaders() {
        try (TopologyTestDriver driver = driver(finalClickCounts())) {
            TestInputTopic<String, String> clicks = input(driver, "clicks");
            // Kafka checks for closed windows at most once per second of wall-clock time: each click comes a
            // second after the previous one.
            clicks.pipeInput(click("home", "t1", 10));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            clicks.pipeInput(click("about", "t2", 20));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            clicks.pipeInput(click("home", "t3", 105)); // [0,100) stays open until 110
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            clicks.pipeInput(click("home", "t4", 90)); // in grace
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            clicks.pipeInput(click("pricing", "t5", 110)); // closes [0,100)
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            clicks.pipeInput(click("home", "t6", 95)); // too late

            List<String> emitted = new ArrayList<>();
            for (TestRecord<String, Long> result : driver.createOutputTopic("final-clicks",
                Serdes.String().deserializer(), Serdes.Long().deserializer()).readRecordsToList()) {
                emitted.add(result.key() + "=" + result.value() + "@" + result.timestamp() + " trace="
                    + new String(result.headers().lastHeader("trace").value(), StandardCharsets.UTF_8));
            }
            // The windows closed by a record are emitted with that record's headers, in key order.
            assertEquals(List.of("about@0=1@20 trace=t5", "home@0=2@90 trace=t5"), emitted);
            assertEquals(1, driver.droppedRecordsTotal(), "the click at 95");
        }
    }

    private static TestRecord<String, String> click(String page, String trace, long timestamp) {
        return new TestRecord<>(page, "user", new RecordHeaders().add("trace",
            trace.getBytes(StandardCharsets.UTF_8)), timestamp);
    }

    /** Failed logins per user in sliding windows of 10 ms with 5 ms grace: a brute-force detector's counts. */
    static Topology failedLoginBursts() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("failed-logins", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
            .count()
            .toStream((window, count) -> window.key() + "[" + window.window().start() + "," + window.window().end()
                + "]")
            .to("login-bursts", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    @Test
    void failedLoginBurstsAreCountedInSlidingWindowsOpenUntilTheirEndPassesTheCloseTime() {
        try (TopologyTestDriver driver = driver(failedLoginBursts())) {
            TestInputTopic<String, String> failures = input(driver, "failed-logins");
            failures.pipeInput("u", "a", 100);
            failures.pipeInput("u", "b", 120); // 100's right window [101,111] would not hold 120: not created
            // Stream time 120, close time 115. Out of order: 115 joins [110,120], gets its left window [105,115]
            // (a window ending at the close time is still open) and its right window [116,126] holding 120.
            failures.pipeInput("u", "c", 115);
            // Also out of order: 110 joins [110,120] and [105,115], and gets its right window [111,121] holding
            // 115 and 120; its left window [100,110] ends before the close time: dropped. So does 100's right window
            // [101,111], which 110 would fall in: 100's only window, [90,100], has left the store, which keeps
            // windows for 2 * 10 + 5 = 25 ms from the latest window start written (116), but the record cache still
            // holds it, as Kafka's does (with the cache off, 100's right window is not looked at).
            failures.pipeInput("u", "d", 110);
            // 104's right window would end at the close time, 115: Kafka drops such a record before looking at
            // any window (though [105,115], which would hold it, is open).
            failures.pipeInput("u", "e", 104);
            failures.pipeInput("v", "a", 200);
            // In order: the previous record's right window [201,211] is created before 205's left window [195,205].
            failures.pipeInput("v", "b", 205);

            assertEquals(List.of("u[90,100]=1@100", "u[110,120]=1@120", "u[110,120]=2@120", "u[105,115]=1@115",
                "u[116,126]=1@120", "u[110,120]=3@120", "u[105,115]=2@115", "u[111,121]=2@120", "v[190,200]=1@200",
                "v[201,211]=1@205", "v[195,205]=2@205"),
                read(driver, "login-bursts", Serdes.Long().deserializer()));
            assertEquals(3, driver.droppedRecordsTotal(), "110's left window, 100's right window and the record 104");
        }
    }

    @Test
    void failedLoginBurstsInSlidingWindowsAreEmittedOnceTheirEndIsBeforeTheCloseTime() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("failed-logins", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
            .emitStrategy(EmitStrategy.onWindowClose())
            .count()
            .toStream((window, count) -> window.key() + "[" + window.window().start() + "," + window.window().end()
                + "]")
            .to("login-bursts", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = driver(builder.build())) {
            TestInputTopic<String, String> failures = input(driver, "failed-logins");
            // Each failure a second of wall-clock time after the previous one, so Kafka checks for closed windows.
            failures.pipeInput(click("u", "t1", 100));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            // Close time 100: [90,100] ends at it, so it is still open, and not emitted.
            failures.pipeInput(click("u", "t2", 105));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            failures.pipeInput(click("u", "t3", 98)); // updates [90,100]; its left window [88,98] is closed
            assertEquals(List.of(), read(driver, "login-bursts", Serdes.Long().deserializer()));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            failures.pipeInput(click("u", "t4", 200));

            List<String> emitted = new ArrayList<>();
            for (TestRecord<String, Long> result : driver.createOutputTopic("login-bursts",
                Serdes.String().deserializer(), Serdes.Long().deserializer()).readRecordsToList()) {
                emitted.add(result.key() + "=" + result.value() + "@" + result.timestamp() + " trace="
                    + new String(result.headers().lastHeader("trace").value(), StandardCharsets.UTF_8));
            }
            assertEquals(List.of("u[90,100]=2@100 trace=t4", "u[95,105]=3@105 trace=t4", "u[99,109]=2@105 trace=t4",
                "u[101,111]=1@105 trace=t4"), emitted);
            assertEquals(1, driver.droppedRecordsTotal(), "98's closed left window");
        }
    }

    /**
     * Account tiers: each account's balance joined with its tier, a view of the same table, into a materialized
     * result; an account update reaches both sides of the join.
     */
    static Topology accountTiers() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> accounts = builder.table("accounts", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as("accounts"));
        KTable<String, String> tiers = accounts.mapValues(balance -> Long.parseLong(balance) >= 1000 ? "vip"
            : "standard");
        accounts.join(tiers, (balance, tier) -> tier + ":" + balance,
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("account-tiers"))
            .toStream()
            .to("account-tiers", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void accountTiersJoinedWithTheirOwnViewAreForwardedOncePerUpdateThroughTheResultStoresCache() {
        try (TopologyTestDriver driver = driver(accountTiers())) {
            TestInputTopic<String, String> accounts = input(driver, "accounts");
            accounts.pipeInput("a1", "500", 1);
            accounts.pipeInput("a1", "1500", 2);
            accounts.pipeInput("a2", "2000", 3);
            accounts.pipeInput("a1", "700", 4);

            // Both sides of the join update a1's result; the result store's cache, written down once per input
            // record by the driver, forwards one of the two identical results.
            assertEquals(List.of("a1=standard:500@1", "a1=vip:1500@2", "a2=vip:2000@3", "a1=standard:700@4"),
                read(driver, "account-tiers", Serdes.String().deserializer()));
            assertEquals("standard:700", driver.<String, String>getKeyValueStore("account-tiers").get("a1"));
        }
    }

    /**
     * Checkout: orders ("product,quantity,currency", product "-" when unknown) joined with a global product table
     * ("name:price") through a key selector, and priced with exchange rates from a global store that a custom
     * processor fills (currency codes upper-cased, rates as numbers).
     */
    static Topology checkout() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> products = builder.globalTable("products",
            Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("products"));
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("fx-rates"),
                Serdes.String(), Serdes.Long()).withLoggingDisabled(), "fx",
            Consumed.with(Serdes.String(), Serdes.String()), () -> new Processor<String, String, Void, Void>() {
                private KeyValueStore<String, Long> rates;

                @Override
                public void init(ProcessorContext<Void, Void> context) {
                    rates = context.getStateStore("fx-rates");
                }

                @Override
                public void process(Record<String, String> rate) {
                    String currency = rate.key().toUpperCase(Locale.ROOT);
                    if (rate.value() == null) {
                        rates.delete(currency);
                    } else {
                        rates.put(currency, Long.parseLong(rate.value()));
                    }
                }
            });
        KStream<String, String> orders = builder.stream("orders", Consumed.with(Serdes.String(), Serdes.String()));
        // Called before a record with a null value is dropped, as in Kafka.
        KeyValueMapper<String, String, String> productOf = (id, order) -> {
            String product = order == null ? "-" : order.split(",")[0];
            return product.equals("-") ? null : product;
        };
        orders.join(products, productOf, (order, product) -> product.split(":")[0] + " x" + order.split(",")[1])
            .to("order-lines", Produced.with(Serdes.String(), Serdes.String()));
        orders.leftJoin(products, productOf, (id, order, product) -> product == null ? null : order + "," + product)
            .process(() -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;
                private KeyValueStore<String, Long> rates;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                    rates = context.getStateStore("fx-rates");
                }

                @Override
                public void process(Record<String, String> order) {
                    if (order.value() == null) {
                        context.forward(order.withValue("unknown product"));
                        return;
                    }
                    // product,quantity,currency,name:price
                    String[] fields = order.value().split("[,:]");
                    Long rate = rates.get(fields[2]);
                    context.forward(order.withValue(fields[3] + " " + (rate == null ? "unpriced"
                        : String.valueOf(Long.parseLong(fields[1]) * Long.parseLong(fields[4]) * rate))));
                }
            })
            .to("priced-orders", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void checkoutJoinsOrdersWithGlobalProductsAndPricesThemFromAGlobalStore() {
        try (TopologyTestDriver driver = driver(checkout())) {
            TestInputTopic<String, String> fx = input(driver, "fx");
            TestInputTopic<String, String> products = input(driver, "products");
            TestInputTopic<String, String> orders = input(driver, "orders");
            fx.pipeInput("eur", "110", 0);
            products.pipeInput("p1", "Apple:3", 0);
            products.pipeInput("p2", "Pear:5", 0);
            orders.pipeInput("o1", "p1,2,EUR", 10);
            orders.pipeInput("o2", "p9,1,EUR", 11); // no such product
            orders.pipeInput("o3", "-,1,EUR", 12); // no product key: the inner join drops it, the left join keeps it
            // A global table has no time semantics: an update is seen by every later-processed order, whatever
            // its timestamp.
            products.pipeInput("p9", "Kiwi:7", 100);
            orders.pipeInput("o4", "p9,1,USD", 13); // no USD rate yet
            fx.pipeInput("usd", "90", 14);
            products.pipeInput("p1", null, 15);
            orders.pipeInput("o5", "p1,1,USD", 16); // deleted product
            orders.pipeInput("o6", "p2,4,USD", 17);
            orders.pipeInput("o7", (String) null, 18); // dropped by both joins

            assertEquals(List.of("o1=Apple x2@10", "o4=Kiwi x1@13", "o6=Pear x4@17"),
                read(driver, "order-lines", Serdes.String().deserializer()));
            assertEquals(List.of("o1=Apple 660@10", "o2=unknown product@11", "o3=unknown product@12",
                "o4=Kiwi unpriced@13", "o5=unknown product@16", "o6=Pear 1800@17"),
                read(driver, "priced-orders", Serdes.String().deserializer()));
            assertEquals(3, driver.droppedRecordsTotal(), "o3 by the inner join, o7 by both joins");
            assertNull(driver.<String, String>getKeyValueStore("products").get("p1"));
            assertEquals(90L, driver.<String, Long>getKeyValueStore("fx-rates").get("USD"));
        }
    }

    /** Returns the messages of {@code error} and its causes, one a line. */
    private static String messages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    /**
     * Orders ("region:amount") routed by split(): big orders and wrapped gifts merged into a priority stream, small
     * orders written by a consumer branch, free orders dropped by a function branch returning null, the rest to
     * review.
     */
    static Map<String, KStream<String, String>> routeOrders(StreamsBuilder builder) {
        Map<String, KStream<String, String>> branches = builder.stream("orders",
                Consumed.with(Serdes.String(), Serdes.String()))
            .split(Named.as("orders-"))
            .branch((id, order) -> level(order) >= 100, Branched.as("big"))
            .branch((id, order) -> level(order) > 0 && level(order) < 10,
                Branched.withConsumer(small -> small.to("small-orders"), "small"))
            .branch((id, order) -> level(order) == 0, Branched.withFunction(free -> null))
            .branch((id, order) -> order.startsWith("gift:"),
                Branched.withFunction(gifts -> gifts.mapValues(order -> order + ":wrapped")))
            .defaultBranch();
        branches.get("orders-big").merge(branches.get("orders-4"), Named.as("priority"))
            .to("priority-orders", Produced.with(Serdes.String(), Serdes.String()));
        branches.get("orders-0").to("review-orders", Produced.with(Serdes.String(), Serdes.String()));
        return branches;
    }

    @Test
    void ordersAreSplitIntoNamedBranchesAndMerged() {
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, KStream<String, String>> branches = routeOrders(builder);
        // Consumer branches and function branches returning null are not in the map; unnamed branches are the
        // prefix and their 1-based position, the unnamed default branch the prefix and 0.
        assertEquals(Set.of("orders-big", "orders-4", "orders-0"), branches.keySet());
        // Without a name, the prefix is the split processor's generated name.
        StreamsBuilder unnamed = new StreamsBuilder();
        assertEquals(Set.of("KSTREAM-BRANCH-00000000011", "KSTREAM-BRANCH-00000000010"), unnamed.<String, String>stream(
            "returns").split().branch((id, order) -> level(order) >= 100).defaultBranch().keySet());
        Topology topology = builder.build();
        Set<String> processors = new HashSet<>();
        topology.describe().subtopologies().forEach(sub -> sub.nodes().forEach(node -> processors.add(node.name())));
        assertTrue(processors.containsAll(List.of("orders-", "orders-big", "orders-small", "orders-3", "orders-4",
            "orders-0", "priority")), processors.toString());
        try (TopologyTestDriver driver = driver(topology)) {
            TestInputTopic<String, String> orders = input(driver, "orders");
            orders.pipeInput("o1", "EU:150", 1);
            orders.pipeInput("o2", "US:5", 2);
            orders.pipeInput("o3", "EU:0", 3);
            orders.pipeInput("o4", "gift:50", 4);
            orders.pipeInput("o5", "US:50", 5);
            orders.pipeInput("o6", "gift:200", 6); // the first matching branch wins: big
            orders.pipeInput("o7", "gift:0", 7); // free

            assertEquals(List.of("o1=EU:150@1", "o4=gift:50:wrapped@4", "o6=gift:200@6"),
                read(driver, "priority-orders", Serdes.String().deserializer()));
            assertEquals(List.of("o2=US:5@2"), read(driver, "small-orders", Serdes.String().deserializer()));
            assertEquals(List.of("o5=US:50@5"), read(driver, "review-orders", Serdes.String().deserializer()));
        }
    }

    /** Returns the event time of a "payload|time" value, negative when the sending device had no clock. */
    static long eventTime(Object value) {
        return value == null ? -1 : Long.parseLong(((String) value).split("\\|")[1]);
    }

    /** Event time from the value, the partition time when it is invalid. */
    static final class ReadingTime extends UsePartitionTimeOnInvalidTimestamp {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            long time = eventTime(record.value());
            return time < 0 ? onInvalidTimestamp(record, time, partitionTime) : time;
        }
    }

    /** Event time from the value; the record is skipped when it is invalid. */
    static final class AuditTime extends LogAndSkipOnInvalidTimestamp {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            long time = eventTime(record.value());
            return time < 0 ? onInvalidTimestamp(record, time, partitionTime) : time;
        }
    }

    /** Event time from the value; the application fails when it is invalid. */
    static final class PaymentTime extends FailOnInvalidTimestamp {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            long time = eventTime(record.value());
            return time < 0 ? onInvalidTimestamp(record, time, partitionTime) : time;
        }
    }

    /**
     * Sensor readings with per-source timestamp extractors reading event times from the values: the latest reading
     * per sensor (a stream turned into a table, re-keyed on the way out) with the partition time for invalid times,
     * audit events skipping them and printed to a file, payments failing on them.
     */
    static Topology sensorIngest(String printFile) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("sensor-readings", Consumed.with(Serdes.String(), Serdes.String())
                .withTimestampExtractor(new ReadingTime()))
            .toTable(Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("latest-readings"))
            .toStream((sensor, reading) -> "sensor-" + sensor)
            .to("latest-readings", Produced.with(Serdes.String(), Serdes.String()));
        KStream<String, String> audits = builder.stream("audits", Consumed.with(Serdes.String(), Serdes.String())
            .withTimestampExtractor(new AuditTime()));
        audits.to("audits-out", Produced.with(Serdes.String(), Serdes.String()));
        audits.print(Printed.<String, String>toFile(printFile).withLabel("audits"));
        builder.stream("payments", Consumed.with(Serdes.String(), Serdes.String())
                .withTimestampExtractor(new PaymentTime()))
            .to("payments-out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void sensorIngestHandlesInvalidTimestampsPerSourceExtractor() throws IOException {
        Path printFile = tempDir.resolve("audits.txt");
        try (TopologyTestDriver driver = driver(sensorIngest(printFile.toString()))) {
            TestInputTopic<String, String> readings = input(driver, "sensor-readings");
            TestInputTopic<String, String> audits = input(driver, "audits");
            readings.pipeInput("s1", "10|100");
            readings.pipeInput("s1", "11|-1"); // the partition time, 100
            readings.pipeInput("s2", "5|50");
            readings.pipeInput("s2", (String) null); // a tombstone, without event time: the partition time
            readings.pipeInput(null, "7|120"); // dropped by the table, but it advanced the partition time
            readings.pipeInput("s3", "1|-1");
            audits.pipeInput("a1", "x|10");
            audits.pipeInput("a2", "y|-1"); // skipped
            audits.pipeInput("a3", "z|5");

            assertEquals(List.of("sensor-s1=10|100@100", "sensor-s1=11|-1@100", "sensor-s2=5|50@50",
                "sensor-s2=null@100", "sensor-s3=1|-1@120"),
                read(driver, "latest-readings", Serdes.String().deserializer()));
            assertEquals(List.of("a1=x|10@10", "a3=z|5@5"), read(driver, "audits-out",
                Serdes.String().deserializer()));
            KeyValueStore<String, ValueAndTimestamp<String>> latest =
                driver.getTimestampedKeyValueStore("latest-readings");
            assertEquals(ValueAndTimestamp.make("11|-1", 100), latest.get("s1"));
            assertNull(latest.get("s2"));
            assertEquals(ValueAndTimestamp.make("1|-1", 120), latest.get("s3"));
            assertEquals(2, driver.droppedRecordsTotal(), "the audit with a negative timestamp and the null key");

            TestInputTopic<String, String> payments = input(driver, "payments");
            assertThrows(StreamsException.class, () -> payments.pipeInput("p1", "1|-1"));
            assertEquals(List.of(), read(driver, "payments-out", Serdes.String().deserializer()));
        }
        assertEquals(List.of("[audits]: a1, x|10", "[audits]: a3, z|5"),
            Files.readAllLines(printFile, StandardCharsets.UTF_8));
    }

    @Test
    void partitionTimeExtractorFailsOnAnInvalidTimestampBeforeAnyValidOne() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("gauges", Consumed.with(Serdes.String(), Serdes.String())
                .withTimestampExtractor(new ReadingTime()))
            .to("gauges-out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = driver(builder.build())) {
            TestInputTopic<String, String> gauges = input(driver, "gauges");
            assertThrows(StreamsException.class, () -> gauges.pipeInput("g1", "1|-1"));
            assertEquals(List.of(), read(driver, "gauges-out", Serdes.String().deserializer()));
        }
    }
}
