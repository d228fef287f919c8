package dev.runnel.clients.admin;

import dev.runnel.common.config.internals.ConfigReader;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka's abstract admin client, kept so that code that names it ({@code AdminClient.create(props)}) ports unchanged;
 * new code uses {@link Admin}. Its one implementation is {@link KafkaAdminClient}.
 */
public abstract class AdminClient implements Admin {
    public static AdminClient create(Properties properties) {
        return create(ConfigReader.toMap(properties));
    }

    public static AdminClient create(Map<String, Object> configs) {
        return new KafkaAdminClient(configs);
    }
}
