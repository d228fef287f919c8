package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.streams.KeyValue;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.errors.TopologyException;
import dev.runnel.streams.state.Stores;
import dev.runnel.streams.state.VersionedKeyValueStore;
import dev.runnel.streams.state.VersionedRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Source tables materialized in versioned stores, and stream-table joins against them (KIP-914). */
class VersionedKTableTest {
    private static final Duration HISTORY = Duration.ofSeconds(10);

    /** Orders joined with prices; {@code versioned} says how the price table is materialized. */
    private static JoinFixture orderPricing(boolean versioned) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> prices = builder.table("prices", versioned
            ? Materialized.as(Stores.persistentVersionedKeyValueStore("prices-store", HISTORY))
            : Materialized.as(Stores.persistentKeyValueStore("prices-store")));
        prices.toStream().to("price-updates");
        KStream<String, String> orders = builder.stream("orders");
        orders.join(prices, (order, price) -> order + "@" + price).to("priced");
        orders.leftJoin(prices.mapValues(price -> "$" + price), (order, price) -> order + "@" + price)
            .to("priced-left");
        return new JoinFixture(builder.build());
    }

    private static void pipePricesAndOrders(JoinFixture f) {
        TestInputTopic<String, String> prices = f.input("prices");
        TestInputTopic<String, String> orders = f.input("orders");
        prices.pipeInput("apple", "1.10", 1_000L);
        prices.pipeInput("apple", "1.50", 8_000L);
        prices.pipeInput("apple", "1.25", 5_000L); // late price: valid from 5000 until 8000
        orders.pipeInput("apple", "o1", 9_000L);
        orders.pipeInput("apple", "o2", 2_000L); // late order
        orders.pipeInput("apple", "o3", 6_000L); // late order, in the late price's time
        orders.pipeInput("apple", "o4", 500L); // before any price
    }

    @Test
    void streamRecordJoinsTheTableVersionValidAtItsTimestamp() {
        try (JoinFixture f = orderPricing(true)) {
            pipePricesAndOrders(f);

            assertEquals(List.of("apple:o1@1.50@9000", "apple:o2@1.10@2000", "apple:o3@1.25@6000"), f.read("priced"));
            assertEquals(List.of("apple:o1@$1.50@9000", "apple:o2@$1.10@2000", "apple:o3@$1.25@6000",
                "apple:o4@null@500"), f.read("priced-left"), "a derived table looks up versions through its parent");
        }
    }

    @Test
    void nonVersionedTableJoinsTheLatestValueWhateverTheStreamTimestamp() {
        try (JoinFixture f = orderPricing(false)) {
            pipePricesAndOrders(f);

            assertEquals(List.of("apple:o1@1.25@9000", "apple:o2@1.25@2000", "apple:o3@1.25@6000",
                "apple:o4@1.25@500"), f.read("priced"), "the late price overwrote the table, and every order sees it");
        }
    }

    /**
     * KIP-914: the late price 1.25 goes into the history and is still forwarded, as a change that is not the latest:
     * toStream and mapValues pass it on; a groupBy (here counting the keys per price) and a table-table join skip it,
     * since the current price, 1.50, did not change.
     */
    @Test
    void versionedTableSourceForwardsHistoryOnlyUpdatesWhichAggregationsAndTableJoinsSkip() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> prices = builder.table("prices",
            Materialized.as(Stores.persistentVersionedKeyValueStore("prices-store", HISTORY)));
        prices.toStream().to("price-updates");
        prices.mapValues(price -> "$" + price).toStream().to("mapped-updates");
        prices.groupBy((fruit, price) -> KeyValue.pair(price, fruit)).count().toStream()
            .mapValues(count -> Long.toString(count)).to("fruits-per-price");
        prices.join(builder.table("units"), (price, unit) -> price + "/" + unit).toStream().to("unit-prices");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("units").pipeInput("apple", "kg", 0L);
            TestInputTopic<String, String> priceInput = f.input("prices");
            priceInput.pipeInput("apple", "1.10", 1_000L);
            priceInput.pipeInput("apple", "1.50", 8_000L);
            priceInput.pipeInput("apple", "1.25", 5_000L);

            assertEquals(List.of("apple:1.10@1000", "apple:1.50@8000", "apple:1.25@5000"), f.read("price-updates"));
            assertEquals(List.of("apple:$1.10@1000", "apple:$1.50@8000", "apple:$1.25@5000"),
                f.read("mapped-updates"));
            assertEquals(List.of("1.10:1@1000", "1.10:0@8000", "1.50:1@8000"), f.read("fruits-per-price"),
                "1.25 never became the current price");
            assertEquals(List.of("apple:1.10/kg@1000", "apple:1.50/kg@8000"), f.read("unit-prices"));
            VersionedKeyValueStore<String, String> store = store(f);
            assertEquals(new VersionedRecord<>("1.50", 8_000L), store.get("apple"));
            // As Kafka Streams' store returns them to processors and tests: a past version without its validTo
            // (8000, when 1.50 replaced it), which only queries and version scans report.
            assertEquals(new VersionedRecord<>("1.25", 5_000L), store.get("apple", 7_999L));
            assertEquals(new VersionedRecord<>("1.25", 5_000L), store.delete("apple", 6_000L),
                "the version the deletion at 6000 cut short, also without its validTo");
            assertNull(store.get("apple", 6_500L));
        }
    }

    @Test
    void versionedTableDropsRecordsOlderThanHistoryRetention() {
        try (JoinFixture f = orderPricing(true)) {
            TestInputTopic<String, String> prices = f.input("prices");
            prices.pipeInput("apple", "1.10", 1_000L);
            prices.pipeInput("pear", "0.80", 20_000L);
            prices.pipeInput("apple", "0.01", 9_999L); // older than 20000 - 10000: refused
            prices.pipeInput("apple", "1.20", 10_000L); // at the edge of the history: accepted

            assertEquals(List.of("apple:1.10@1000", "pear:0.80@20000", "apple:1.20@10000"), f.read("price-updates"));
            assertEquals(1L, f.driver.droppedRecordsTotal());
            assertNull(store(f).get("apple", 9_999L), "older than the history retention");
            assertEquals(List.of("apple:1.10@1000", "pear:0.80@20000", "apple:1.20@10000"),
                f.read("app-prices-store-changelog"), "the changelog holds each accepted version at its timestamp");
        }
    }

    @Test
    void versionedTableDeletesEndTheJoinedValue() {
        try (JoinFixture f = orderPricing(true)) {
            TestInputTopic<String, String> prices = f.input("prices");
            TestInputTopic<String, String> orders = f.input("orders");
            prices.pipeInput("apple", "1.10", 1_000L);
            prices.pipeInput("apple", null, 3_000L);
            prices.pipeInput("apple", "1.30", 6_000L);
            orders.pipeInput("apple", "o1", 2_000L);
            orders.pipeInput("apple", "o2", 4_000L); // the apple was not for sale then
            orders.pipeInput("apple", "o3", 7_000L);

            assertEquals(List.of("apple:o1@1.10@2000", "apple:o3@1.30@7000"), f.read("priced"));
            assertEquals(List.of("apple:1.10@1000", "apple:null@3000", "apple:1.30@6000"), f.read("price-updates"));
        }
    }

    @Test
    void shouldRejectVersionedStoreForDerivedTable() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> prices = builder.table("prices");
        TopologyException e = assertThrows(TopologyException.class, () -> prices.mapValues(v -> v,
            Materialized.as(Stores.persistentVersionedKeyValueStore("mapped", HISTORY))));
        assertTrue(e.getMessage().startsWith("Invalid topology: store mapped is versioned"), e.getMessage());
    }

    @Test
    void shouldReturnOnlyVersionedStoresFromGetVersionedKeyValueStore() {
        try (JoinFixture f = orderPricing(false)) {
            assertNull(f.driver.getVersionedKeyValueStore("prices-store"));
            assertNull(f.driver.getVersionedKeyValueStore("no-such-store"));
        }
    }

    private static VersionedKeyValueStore<String, String> store(JoinFixture f) {
        return f.driver.getVersionedKeyValueStore("prices-store");
    }
}
