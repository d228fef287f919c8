/**
 * The processor API: typed {@link dev.runnel.streams.processor.api.Processor}s that receive immutable
 * {@link dev.runnel.streams.processor.api.Record}s, forward records downstream, use state stores and schedule
 * punctuations. Mirrors {@code org.apache.kafka.streams.processor.api}.
 */
package dev.runnel.streams.processor.api;
