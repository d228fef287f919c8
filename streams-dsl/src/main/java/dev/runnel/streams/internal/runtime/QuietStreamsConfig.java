package dev.runnel.streams.internal.runtime;

import dev.runnel.streams.StreamsConfig;
import java.util.Map;

/** A {@link StreamsConfig} that does not log its values when made, for the mock contexts, as Kafka's are quiet. */
final class QuietStreamsConfig extends StreamsConfig {
    QuietStreamsConfig(Map<?, ?> props) {
        super(props, false);
    }
}
