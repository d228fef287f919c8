package dev.runnel.clients.admin;

/** Options of {@code forceTerminateTransaction}: only the timeout. */
public class TerminateTransactionOptions extends AbstractOptions<TerminateTransactionOptions> {
    @Override
    public String toString() {
        return "TerminateTransactionOptions(timeoutMs=" + timeoutMs() + ")";
    }
}
