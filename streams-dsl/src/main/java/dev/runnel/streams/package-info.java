/**
 * The entry points of stream processing: {@link dev.runnel.streams.StreamsBuilder} (the DSL) and
 * {@link dev.runnel.streams.Topology} (the processor API) describe a topology, {@link dev.runnel.streams.StreamsConfig}
 * configures it, and {@link dev.runnel.streams.TopologyTestDriver} runs it synchronously in tests. Mirrors
 * {@code org.apache.kafka.streams}.
 */
package dev.runnel.streams;
