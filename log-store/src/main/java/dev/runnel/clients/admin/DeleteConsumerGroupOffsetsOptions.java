package dev.runnel.clients.admin;

/** Options of {@code deleteConsumerGroupOffsets}: only the timeout. */
public class DeleteConsumerGroupOffsetsOptions extends AbstractOptions<DeleteConsumerGroupOffsetsOptions> {
}
