/**
 * The {@code runnel} command line: {@code topics}, {@code produce}, {@code consume}, {@code groups} and {@code perf},
 * shaped like Kafka's {@code kafka-topics}, console producer and consumer, {@code kafka-consumer-groups} and perf-test
 * tools, over the embedded log in {@code --data-dir}. {@link dev.runnel.cli.Runnel#main} is the launcher's entry
 * point; {@link dev.runnel.cli.Runnel#execute} runs a command in-process with injected streams, for tests.
 */
package dev.runnel.cli;
