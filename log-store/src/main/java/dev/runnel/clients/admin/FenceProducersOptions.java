package dev.runnel.clients.admin;

/**
 * Options of {@code fenceProducers}: only the timeout, which, as in Kafka, is also the transaction timeout the
 * fenced transactional ids keep until their next producer initialises them.
 */
public class FenceProducersOptions extends AbstractOptions<FenceProducersOptions> {
}
