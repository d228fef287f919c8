package dev.runnel.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnel.common.config.provider.ConfigProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Kafka's config references, ${provider:path:key}, resolved from a provider. */
class ConfigTransformerTest {
    /** Secrets by path; the values under "db" are valid for a second. Records what it was asked for. */
    static final class VaultProvider implements ConfigProvider {
        private final Map<String, Map<String, String>> secrets = Map.of(
            "db", Map.of("password", "s3cret"),
            "", Map.of("user", "alice"));
        final List<String> asked = new ArrayList<>();

        @Override
        public ConfigData get(String path) {
            return get(path, secrets.get(path).keySet());
        }

        @Override
        public ConfigData get(String path, Set<String> keys) {
            asked.add(path + "=" + new TreeSet<>(keys));
            Map<String, String> values = new HashMap<>(secrets.get(path));
            values.keySet().retainAll(keys);
            return new ConfigData(values, path.equals("db") ? 1000L : null);
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void replacesReferencesByTheProvidersValues() {
        VaultProvider vault = new VaultProvider();
        Map<String, String> configs = new HashMap<>(Map.of("password", "${vault:db:password}",
            "user", "prefix-${vault:user}-suffix", "missing", "${vault:db:missing}", "unknown", "${other:x}",
            "plain", "plain"));
        configs.put("unset", null);
        ConfigTransformerResult result = new ConfigTransformer(Map.of("vault", vault)).transform(configs);
        assertEquals("s3cret", result.data().get("password"));
        // A reference without a path reads the empty path.
        assertEquals("prefix-alice-suffix", result.data().get("user"));
        // A key the provider lacks, or a provider not given, leaves the reference as it is.
        assertEquals("${vault:db:missing}", result.data().get("missing"));
        assertEquals("${other:x}", result.data().get("unknown"));
        assertEquals("plain", result.data().get("plain"));
        assertNull(result.data().get("unset"));
        // Only the path whose values expire has a time-to-live.
        assertEquals(Map.of("db", 1000L), result.ttls());
        // One call per path, for every key referenced under it.
        assertEquals(Set.of("db=[missing, password]", "=[user]"), Set.copyOf(vault.asked));
        assertEquals(2, vault.asked.size());
        assertThrows(UnsupportedOperationException.class, vault::unsubscribeAll);
    }
}
