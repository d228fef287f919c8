package dev.runnel.common.errors;

import dev.runnel.common.KafkaException;

/** Thrown by a blocking consumer call that {@code wakeup()} interrupted. */
public class WakeupException extends KafkaException {
    public WakeupException() {
        super("The consumer was woken up");
    }
}
