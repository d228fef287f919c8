package dev.runnel.streams.errors;

import dev.runnel.streams.StreamsConfig;
import java.util.Map;

/** Reads {@code errors.dead.letter.queue.topic.name} for the built-in handlers. */
final class DeadLetterQueueTopic {
    private DeadLetterQueueTopic() {
    }

    /** Returns the configured topic, or {@code null} if there is none. */
    static String from(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return topic == null ? null : topic.toString();
    }
}
