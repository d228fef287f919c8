package dev.runnel.common.config;

/** The security config key Kafka's clients and brokers share, as in Kafka's {@code SecurityConfig}. */
public final class SecurityConfig {
    /** Classes that register security algorithms with the JVM; accepted and unused by Runnel's clients. */
    public static final String SECURITY_PROVIDERS_CONFIG = "security.providers";
    public static final String SECURITY_PROVIDERS_DOC = "Classes that register security algorithms with the JVM;"
        + " unused.";

    private SecurityConfig() {
    }
}
