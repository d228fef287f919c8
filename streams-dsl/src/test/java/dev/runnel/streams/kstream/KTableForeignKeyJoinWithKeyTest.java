package dev.runnel.streams.kstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.utils.Bytes;
import dev.runnel.streams.StreamsBuilder;
import dev.runnel.streams.TestInputTopic;
import dev.runnel.streams.state.KeyValueStore;
import dev.runnel.streams.state.ValueAndTimestamp;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Foreign-key joins whose extractor sees the key as well as the value (KIP-1104): accounts keyed
 * {@code region/user} with a tier as value join the rate keyed {@code region-tier}, so two accounts with the same
 * value may have different foreign keys. Tier {@code none} has no foreign key.
 */
class KTableForeignKeyJoinWithKeyTest {
    private static final BiFunction<String, String, String> REGION_TIER =
        (account, tier) -> tier.equals("none") ? null : account.split("/")[0] + "-" + tier;
    private static final ValueJoiner<String, String, String> JOINER = (tier, rate) -> tier + "/" + rate;

    private static JoinFixture fixture(boolean leftJoin) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> accounts = builder.table("accounts");
        KTable<String, String> rates = builder.table("rates");
        (leftJoin ? accounts.leftJoin(rates, REGION_TIER, JOINER) : accounts.join(rates, REGION_TIER, JOINER))
            .toStream().to("out");
        return new JoinFixture(builder.build());
    }

    @Test
    void innerJoinTakesTheForeignKeyFromKeyAndValue() {
        try (JoinFixture f = fixture(false)) {
            TestInputTopic<String, String> accounts = f.input("accounts");
            TestInputTopic<String, String> rates = f.input("rates");
            rates.pipeInput("eu-gold", "10%", 1);
            accounts.pipeInput("eu/alice", "gold", 2);
            assertEquals(List.of("eu/alice:gold/10%@2"), f.read("out"));
            accounts.pipeInput("us/bob", "gold", 3); // same value, other region: us-gold, missing
            assertEquals(List.of(), f.read("out"));
            rates.pipeInput("us-gold", "5%", 4);
            assertEquals(List.of("us/bob:gold/5%@4"), f.read("out"));
            rates.pipeInput("eu-gold", "12%", 5); // only alice subscribes to eu-gold
            assertEquals(List.of("eu/alice:gold/12%@5"), f.read("out"));
            accounts.pipeInput("eu/alice", "basic", 6); // foreign key changes to the missing eu-basic
            assertEquals(List.of("eu/alice:null@6"), f.read("out"));
            rates.pipeInput("eu-basic", "1%", 7);
            assertEquals(List.of("eu/alice:basic/1%@7"), f.read("out"));
            rates.pipeInput("eu-gold", "15%", 8); // nobody subscribes to eu-gold any more
            assertEquals(List.of(), f.read("out"));
            rates.pipeInput("us-gold", null, 9); // right delete
            assertEquals(List.of("us/bob:null@9"), f.read("out"));
            accounts.pipeInput("eu/alice", null, 10); // left delete
            assertEquals(List.of("eu/alice:null@10"), f.read("out"));
            accounts.pipeInput("eu/carol", "none", 11); // no foreign key, no earlier result
            assertEquals(List.of(), f.read("out"));
        }
    }

    @Test
    void leftJoinKeepsAccountsWithoutRateOrForeignKey() {
        try (JoinFixture f = fixture(true)) {
            TestInputTopic<String, String> accounts = f.input("accounts");
            TestInputTopic<String, String> rates = f.input("rates");
            accounts.pipeInput("us/dan", "gold", 1);
            assertEquals(List.of("us/dan:gold/null@1"), f.read("out"));
            rates.pipeInput("us-gold", "5%", 2);
            assertEquals(List.of("us/dan:gold/5%@2"), f.read("out"));
            accounts.pipeInput("us/dan", "none", 3); // the foreign key goes away
            assertEquals(List.of("us/dan:none/null@3"), f.read("out"));
            rates.pipeInput("us-gold", "6%", 4); // dan unsubscribed
            assertEquals(List.of(), f.read("out"));
            accounts.pipeInput("us/dan", "gold", 5);
            assertEquals(List.of("us/dan:gold/6%@5"), f.read("out"));
            rates.pipeInput("us-gold", null, 6); // right delete: joined with null
            assertEquals(List.of("us/dan:gold/null@6"), f.read("out"));
            accounts.pipeInput("us/dan", null, 7);
            assertEquals(List.of("us/dan:null@7"), f.read("out"));
        }
    }

    @Test
    void namedAndMaterializedOverloadsUseTheKeyToo() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> accounts = builder.table("accounts");
        KTable<String, String> rates = builder.table("rates");
        accounts.leftJoin(rates, REGION_TIER, JOINER, TableJoined.as("acct"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("acct-rates"))
            .toStream().to("out");
        try (JoinFixture f = new JoinFixture(builder.build())) {
            f.input("rates").pipeInput("eu-gold", "10%", 1);
            f.input("accounts").pipeInput("eu/erin", "gold", 2);
            f.input("accounts").pipeInput("us/finn", "gold", 3);
            assertEquals(List.of("eu/erin:gold/10%@2", "us/finn:gold/null@3"), f.read("out"));
            KeyValueStore<String, ValueAndTimestamp<String>> store =
                f.driver.getTimestampedKeyValueStore("acct-rates");
            assertEquals(ValueAndTimestamp.make("gold/10%", 2), store.get("eu/erin"));
            assertEquals(ValueAndTimestamp.make("gold/null", 3), store.get("us/finn"));
            assertEquals(List.of("app-acct-subscription-registration-topic", "app-acct-subscription-response-topic"),
                f.driver.producedTopicNames().stream().filter(topic -> topic.endsWith("-topic")).sorted().toList());
        }
    }

    @Test
    void nullExtractorFailsAtOnce() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> accounts = builder.table("accounts");
        KTable<String, String> rates = builder.table("rates");
        NullPointerException e = assertThrows(NullPointerException.class,
            () -> accounts.join(rates, (BiFunction<String, String, String>) null, JOINER));
        assertEquals("foreignKeyExtractor can't be null", e.getMessage());
    }
}
