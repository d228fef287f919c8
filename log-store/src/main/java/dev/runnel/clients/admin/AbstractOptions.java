package dev.runnel.clients.admin;

/**
 * What every admin call's options share: a timeout. The embedded log answers every call before it returns, so the
 * timeout bounds nothing there; it is kept so that code written for Kafka compiles and reads the same. Mutable, as
 * Kafka's options are; not thread-safe.
 */
public abstract class AbstractOptions<T extends AbstractOptions<T>> {
    private Integer timeoutMs;

    /** Sets the call's timeout in ms ({@code null}: the client's {@code default.api.timeout.ms}). */
    @SuppressWarnings("unchecked")
    public T timeoutMs(Integer timeoutMs) {
        this.timeoutMs = timeoutMs;
        return (T) this;
    }

    public Integer timeoutMs() {
        return timeoutMs;
    }
}
