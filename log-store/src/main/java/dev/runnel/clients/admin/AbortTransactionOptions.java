package dev.runnel.clients.admin;

/** Options of {@code abortTransaction}: only the timeout. */
public class AbortTransactionOptions extends AbstractOptions<AbortTransactionOptions> {
}
