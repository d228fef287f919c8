/**
 * Building blocks shared by the processor API and the DSL: state stores and their context, punctuation, timestamp
 * extraction, dynamic topic naming, partitioning and task identity. Mirrors {@code org.apache.kafka.streams.processor}.
 */
package dev.runnel.streams.processor;
