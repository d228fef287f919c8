package dev.runnel.streams;

import dev.runnel.common.Uuid;
import java.util.Map;

/** The client instance ids (KIP-714) of the clients a {@link KafkaStreams} application uses. */
public interface ClientInstanceIds {
    /** Returns the id of the admin client. */
    Uuid adminInstanceId();

    /** Returns the ids of the consumers, by client id. */
    Map<String, Uuid> consumerInstanceIds();

    /** Returns the ids of the producers, by client id. */
    Map<String, Uuid> producerInstanceIds();
}
