package dev.runnel.clients.admin;

/**
 * Options of {@code deleteRecords}. The timeout is kept for code written for Kafka; the embedded log answers at once.
 * Mutable, as Kafka's options are.
 */
public class DeleteRecordsOptions {
    private Integer timeoutMs;

    /** Sets the request timeout in ms ({@code null}: the client's {@code default.api.timeout.ms}). */
    public DeleteRecordsOptions timeoutMs(Integer timeoutMs) {
        this.timeoutMs = timeoutMs;
        return this;
    }

    public Integer timeoutMs() {
        return timeoutMs;
    }
}
