package dev.runnel.clients.admin;

/** Options of {@code alterConsumerGroupOffsets}: only the timeout. */
public class AlterConsumerGroupOffsetsOptions extends AbstractOptions<AlterConsumerGroupOffsetsOptions> {
}
