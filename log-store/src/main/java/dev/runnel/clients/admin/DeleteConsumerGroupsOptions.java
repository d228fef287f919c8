package dev.runnel.clients.admin;

/** Options of {@code deleteConsumerGroups}: only the timeout. */
public class DeleteConsumerGroupsOptions extends AbstractOptions<DeleteConsumerGroupsOptions> {
}
