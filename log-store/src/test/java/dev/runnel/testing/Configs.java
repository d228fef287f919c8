package dev.runnel.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Client configs for tests, with the settings a test changes written inline as key, value pairs. */
public final class Configs {
    private Configs() {
    }

    /** Returns a new mutable config of {@code base} with the pairs {@code keyValues} (key, value, ...) put over it. */
    public static Map<String, Object> with(Map<String, ?> base, Object... keyValues) {
        Map<String, Object> config = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    /** Returns a new mutable config of the embedded log in {@code dataDir} with the pairs {@code keyValues}. */
    public static Map<String, Object> embedded(Path dataDir, Object... keyValues) {
        return with(Map.of("log.dir", dataDir.toString()), keyValues);
    }
}
