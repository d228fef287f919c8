package dev.runnel.common.config;

import dev.runnel.common.config.provider.ConfigProvider;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces references {@code ${provider:path:key}} (or {@code ${provider:key}}, the path empty) in config values by
 * what the named {@link ConfigProvider} returns, as Kafka's {@code ConfigTransformer}. Each provider is asked once
 * per path, for all the keys referenced there. A reference to a provider it was not given, or to a key its provider
 * does not return, stays as it is.
 *
 * <pre>{@code
 * ConfigTransformer transformer = new ConfigTransformer(Map.of("vault", vaultProvider));
 * Map<String, String> resolved = transformer.transform(Map.of("db.password", "${vault:db:password}")).data();
 * }</pre>
 */
public class ConfigTransformer {
    /** A reference: group 1 the provider, group 3 the path (if any), group 4 the key. */
    public static final Pattern DEFAULT_PATTERN = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)\\}");

    private final Map<String, ConfigProvider> configProviders;

    /** Resolves references from {@code configProviders}, by the names references use. */
    public ConfigTransformer(Map<String, ConfigProvider> configProviders) {
        this.configProviders = configProviders;
    }

    /** Returns {@code configs} with their references replaced, and the time-to-live each provider gave per path. */
    public ConfigTransformerResult transform(Map<String, String> configs) {
        // provider -> path -> keys referenced
        Map<String, Map<String, Set<String>>> keysByProvider = new HashMap<>();
        configs.values().forEach(value -> {
            if (value != null) {
                Matcher matcher = DEFAULT_PATTERN.matcher(value);
                while (matcher.find()) {
                    keysByProvider.computeIfAbsent(matcher.group(1), provider -> new HashMap<>())
                        .computeIfAbsent(path(matcher), path -> new HashSet<>()).add(matcher.group(4));
                }
            }
        });
        // provider -> path -> key -> value
        Map<String, Map<String, Map<String, String>>> valuesByProvider = new HashMap<>();
        Map<String, Long> ttls = new HashMap<>();
        keysByProvider.forEach((providerName, keysByPath) -> {
            ConfigProvider provider = configProviders.get(providerName);
            if (provider != null) {
                keysByPath.forEach((path, keys) -> {
                    ConfigData data = provider.get(path, new HashSet<>(keys));
                    if (data.ttl() != null && data.ttl() >= 0) {
                        ttls.put(path, data.ttl());
                    }
                    valuesByProvider.computeIfAbsent(providerName, name -> new HashMap<>()).put(path, data.data());
                });
            }
        });
        Map<String, String> transformed = new HashMap<>(configs);
        configs.forEach((key, value) -> transformed.put(key, replace(valuesByProvider, value)));
        return new ConfigTransformerResult(transformed, ttls);
    }

    private static String path(Matcher matcher) {
        return matcher.group(3) == null ? "" : matcher.group(3);
    }

    private static String replace(Map<String, Map<String, Map<String, String>>> valuesByProvider, String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = DEFAULT_PATTERN.matcher(value);
        StringBuilder replaced = new StringBuilder();
        int copiedUpTo = 0;
        while (matcher.find()) {
            Map<String, Map<String, String>> valuesByPath = valuesByProvider.get(matcher.group(1));
            if (valuesByPath != null) {
                String replacement = valuesByPath.get(path(matcher)).get(matcher.group(4));
                replaced.append(value, copiedUpTo, matcher.start())
                    .append(replacement == null ? matcher.group(0) : replacement);
                copiedUpTo = matcher.end();
            }
        }
        return replaced.append(value, copiedUpTo, value.length()).toString();
    }
}
