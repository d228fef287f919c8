package dev.runnel.clients.consumer;

import static dev.runnel.clients.consumer.ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.CHECK_CRCS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.CLIENT_ID_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.CLIENT_RACK_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_ALLOW_AUTO_CREATE_TOPICS;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_AUTO_COMMIT_INTERVAL_MS;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_CLIENT_RACK;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_EXCLUDE_INTERNAL_TOPICS;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_FETCH_MAX_BYTES;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_FETCH_MAX_WAIT_MS;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_FETCH_MIN_BYTES;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_GROUP_PROTOCOL;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_GROUP_REMOTE_ASSIGNOR;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_HEARTBEAT_INTERVAL_MS;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_ISOLATION_LEVEL;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_MAX_PARTITION_FETCH_BYTES;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_MAX_POLL_INTERVAL_MS;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_MAX_POLL_RECORDS;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_SESSION_TIMEOUT_MS;
import static dev.runnel.clients.consumer.ConsumerConfig.DEFAULT_SHARE_ACQUIRE_MODE;
import static dev.runnel.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.FETCH_MAX_BYTES_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.FETCH_MIN_BYTES_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.GROUP_PROTOCOL_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG;
import static dev.runnel.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG;

import dev.runnel.clients.CommonClientConfigs;
import dev.runnel.clients.internals.ClientConfigDefinitions;
import dev.runnel.common.config.ConfigDef;
import dev.runnel.common.config.ConfigDef.CaseInsensitiveValidString;
import dev.runnel.common.config.ConfigDef.Importance;
import dev.runnel.common.config.ConfigDef.LambdaValidator;
import dev.runnel.common.config.ConfigDef.NonEmptyString;
import dev.runnel.common.config.ConfigDef.Range;
import dev.runnel.common.config.ConfigDef.Type;
import dev.runnel.common.config.ConfigDef.ValidList;
import dev.runnel.common.config.ConfigDef.ValidString;
import dev.runnel.common.config.ConfigException;
import java.util.List;
import java.util.Locale;

/** The definition of every {@link ConsumerConfig} key, Kafka's consumer's where Kafka has the key. */
final class ConsumerConfigDefinition {
    static final ConfigDef DEFINITION = define();

    private ConsumerConfigDefinition() {
    }

    private static ConfigDef define() {
        ConfigDef def = new ConfigDef()
            .define(GROUP_ID_CONFIG, Type.STRING, null, Importance.HIGH,
                "The consumer group the consumer joins when it subscribes, and commits offsets for. Without one the"
                    + " consumer assigns itself partitions and commits nothing.")
            .define(GROUP_INSTANCE_ID_CONFIG, Type.STRING, null, new NonEmptyString(), Importance.MEDIUM,
                "Makes the consumer a static member of its group under this id: closing it leaves its partitions"
                    + " with it until session.timeout.ms passes.")
            .define(SESSION_TIMEOUT_MS_CONFIG, Type.INT, DEFAULT_SESSION_TIMEOUT_MS, Importance.HIGH,
                "How long a member may go unheard before the group drops it; in process, how long a closed static"
                    + " member keeps its partitions.")
            .define(HEARTBEAT_INTERVAL_MS_CONFIG, Type.INT, DEFAULT_HEARTBEAT_INTERVAL_MS, Importance.HIGH,
                "How often a member checks in with its group; below session.timeout.ms.")
            .define(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, Type.LIST,
                List.of(RangeAssignor.class, CooperativeStickyAssignor.class),
                ValidList.anyNonDuplicateValues(true, false), Importance.MEDIUM,
                "ConsumerPartitionAssignor classes, in order of preference; the group uses the first all its members"
                    + " support. Runnel also takes the built-in assignors' names (range, cooperative-sticky, ...).")
            .define(ENABLE_AUTO_COMMIT_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                "Whether positions are committed every auto.commit.interval.ms as poll is called. Needs a group.id.")
            .define(AUTO_COMMIT_INTERVAL_MS_CONFIG, Type.INT, DEFAULT_AUTO_COMMIT_INTERVAL_MS, Range.atLeast(0),
                Importance.LOW, "How often positions are committed when enable.auto.commit is on.")
            .define(CLIENT_ID_CONFIG, Type.STRING, "", Importance.LOW, CommonClientConfigs.CLIENT_ID_DOC)
            .define(CLIENT_RACK_CONFIG, Type.STRING, DEFAULT_CLIENT_RACK, Importance.LOW,
                CommonClientConfigs.CLIENT_RACK_DOC)
            .define(MAX_PARTITION_FETCH_BYTES_CONFIG, Type.INT, DEFAULT_MAX_PARTITION_FETCH_BYTES, Range.atLeast(0),
                Importance.HIGH, "The most bytes one fetch reads from a partition; a larger batch is read whole.")
            .define(FETCH_MIN_BYTES_CONFIG, Type.INT, DEFAULT_FETCH_MIN_BYTES, Range.atLeast(0), Importance.HIGH,
                "The least data a fetch waits for; unused, the embedded log returns what it has.")
            .define(FETCH_MAX_BYTES_CONFIG, Type.INT, DEFAULT_FETCH_MAX_BYTES, Range.atLeast(0), Importance.MEDIUM,
                "The most bytes one fetch reads across partitions; a larger batch is read whole.")
            .define(FETCH_MAX_WAIT_MS_CONFIG, Type.INT, DEFAULT_FETCH_MAX_WAIT_MS, Range.atLeast(0), Importance.LOW,
                "How long a fetch waits for fetch.min.bytes; unused.")
            .define(AUTO_OFFSET_RESET_CONFIG, Type.STRING, "latest", autoOffsetReset(), Importance.MEDIUM,
                "Where a partition without a position, or with one out of range, starts: earliest, latest, none"
                    + " (poll throws), or by_duration:<ISO-8601 duration> (the first record that recent, else the"
                    + " end).")
            .define(CHECK_CRCS_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                "Whether each batch's checksum is verified before its records are returned.")
            .define(KEY_DESERIALIZER_CLASS_CONFIG, Type.CLASS, Importance.HIGH,
                "The Deserializer class of keys, unless the consumer is given a deserializer.")
            .define(VALUE_DESERIALIZER_CLASS_CONFIG, Type.CLASS, Importance.HIGH,
                "The Deserializer class of values, unless the consumer is given a deserializer.")
            .define(DEFAULT_API_TIMEOUT_MS_CONFIG, Type.INT, 60_000, Range.atLeast(0), Importance.MEDIUM,
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_DOC)
            .define(INTERCEPTOR_CLASSES_CONFIG, Type.LIST, List.of(), ValidList.anyNonDuplicateValues(true, false),
                Importance.LOW, "ConsumerInterceptor classes that see each poll's records before the application"
                    + " and each commit, in order.")
            .define(MAX_POLL_RECORDS_CONFIG, Type.INT, DEFAULT_MAX_POLL_RECORDS, Range.atLeast(1), Importance.MEDIUM,
                "The most records one poll returns.")
            .define(MAX_POLL_INTERVAL_MS_CONFIG, Type.INT, DEFAULT_MAX_POLL_INTERVAL_MS, Range.atLeast(1),
                Importance.MEDIUM, "The longest gap between polls before a member leaves its group.")
            .define(EXCLUDE_INTERNAL_TOPICS_CONFIG, Type.BOOLEAN, DEFAULT_EXCLUDE_INTERNAL_TOPICS, Importance.MEDIUM,
                "Whether a pattern subscription leaves out internal topics such as __consumer_offsets.")
            .defineInternal("internal.throw.on.fetch.stable.offset.unsupported", Type.BOOLEAN, false,
                Importance.LOW)
            .define(ISOLATION_LEVEL_CONFIG, Type.STRING, DEFAULT_ISOLATION_LEVEL,
                ValidString.in("read_committed", "read_uncommitted"), Importance.MEDIUM,
                "read_uncommitted returns every record; read_committed only those of committed transactions, up to"
                    + " the last stable offset.")
            .define(ALLOW_AUTO_CREATE_TOPICS_CONFIG, Type.BOOLEAN, DEFAULT_ALLOW_AUTO_CREATE_TOPICS,
                Importance.MEDIUM, "Whether subscribing to a missing topic may create it, where the log allows that;"
                    + " the embedded log decides by its auto.create.topics.enable.")
            .define(GROUP_PROTOCOL_CONFIG, Type.STRING, DEFAULT_GROUP_PROTOCOL,
                CaseInsensitiveValidString.in("CONSUMER", "CLASSIC"), Importance.HIGH,
                "classic or consumer (KIP-848); the embedded group serves both the same way.")
            .define(GROUP_REMOTE_ASSIGNOR_CONFIG, Type.STRING, DEFAULT_GROUP_REMOTE_ASSIGNOR, Importance.MEDIUM,
                "The assignor the coordinator runs under the consumer protocol; accepted, unused.")
            .define(SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, Type.STRING, "implicit",
                eitherOf("implicit", "explicit"), Importance.MEDIUM,
                "How a share consumer acknowledges records; Runnel has no share groups.")
            .define(SHARE_ACQUIRE_MODE_CONFIG, Type.STRING, DEFAULT_SHARE_ACQUIRE_MODE,
                eitherOf("batch_optimized", "record_limit"), Importance.MEDIUM,
                "How a share consumer acquires records; Runnel has no share groups.");
        return ClientConfigDefinitions.defineCommon(def, 64 * 1024, 9 * 60_000L, true);
    }

    /** earliest, latest, none or by_duration: with an ISO-8601 duration that is not negative. */
    private static LambdaValidator autoOffsetReset() {
        return LambdaValidator.with((name, value) -> {
            if (AutoOffsetReset.parse((String) value) == null) {
                throw new ConfigException(name, value, "Invalid value `" + value
                    + "` for configuration " + name + ". The value must be either 'earliest', 'latest', 'none' or"
                    + " of the format 'by_duration:<PnDTnHnMn.nS.>'.");
            }
        }, () -> "[latest, earliest, none, by_duration:PnDTnHnMn.nS]");
    }

    /** {@code first} or {@code second}, in any case. */
    private static LambdaValidator eitherOf(String first, String second) {
        return LambdaValidator.with((name, value) -> {
            String given = ((String) value).toLowerCase(Locale.ROOT);
            if (!given.equals(first) && !given.equals(second)) {
                throw new ConfigException(name, value, "Invalid value `" + value + "` for configuration " + name
                    + ". The value must either be '" + first + "' or '" + second + "'.");
            }
        }, () -> List.of(first, second).toString());
    }
}
