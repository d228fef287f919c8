package dev.runnel.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.Configurable;
import dev.runnel.common.KafkaException;
import dev.runnel.common.config.ConfigDef.Importance;
import dev.runnel.common.config.ConfigDef.NonEmptyString;
import dev.runnel.common.config.ConfigDef.Range;
import dev.runnel.common.config.ConfigDef.Type;
import dev.runnel.common.config.ConfigDef.Width;
import dev.runnel.common.config.types.Password;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An application's own settings, defined and read as a Kafka Streams application ported to Runnel does. */
class AbstractConfigTest {
    /** A plugin that keeps the configs it was configured with. */
    public static class Plugin implements Configurable {
        Map<String, ?> configs;

        @Override
        public void configure(Map<String, ?> configs) {
            this.configs = configs;
        }
    }

    /** Another plugin, to list two. */
    public static class OtherPlugin extends Plugin {
    }

    static final class AppConfig extends AbstractConfig {
        static final ConfigDef CONFIG = new ConfigDef()
            .define("app.x", Type.INT, 5, Range.atLeast(0), Importance.HIGH, "doc", "group", 1, Width.SHORT, "X")
            .define("app.password", Type.PASSWORD, Importance.HIGH, "The secret.", "group", 2, Width.MEDIUM,
                "Password")
            .define("app.ratio", Type.DOUBLE, 0.5, Range.between(0, 1), Importance.LOW, "A ratio.")
            .define("app.enabled", Type.BOOLEAN, true, Importance.LOW, "Whether it runs.")
            .define("app.name", Type.STRING, "n", new NonEmptyString(), Importance.LOW, "A name.")
            .define("app.tags", Type.LIST, "a,b", Importance.LOW, "Tags.")
            .define("app.count", Type.LONG, 10L, Importance.LOW, "A count.")
            .define("app.small", Type.SHORT, (short) 3, Importance.LOW, "A short.")
            .define("app.plugin", Type.CLASS, Plugin.class, Importance.LOW, "A plugin.")
            .define("app.plugins", Type.LIST, "", Importance.LOW, "Plugins.")
            .defineInternal("app.internal", Type.STRING, "i", Importance.LOW);

        AppConfig(Map<?, ?> props) {
            super(CONFIG, props);
        }
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> props = new HashMap<>(Map.of("app.password", "hunter2"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    @Test
    void readsTypedValuesAndDefaults() {
        AppConfig config = new AppConfig(props("app.x", "7", "app.tags", "x, y"));
        assertEquals(7, config.getInt("app.x"));
        assertEquals("hunter2", config.getPassword("app.password").value());
        assertEquals("[hidden]", config.getPassword("app.password").toString());
        assertEquals(0.5, config.getDouble("app.ratio"));
        assertTrue(config.getBoolean("app.enabled"));
        assertEquals("n", config.getString("app.name"));
        assertEquals(List.of("x", "y"), config.getList("app.tags"));
        assertEquals(10L, config.getLong("app.count"));
        assertEquals((short) 3, config.getShort("app.small"));
        assertEquals(Plugin.class, config.getClass("app.plugin"));
        assertEquals(Type.INT, config.typeOf("app.x"));
        assertEquals("doc", config.documentationOf("app.x"));
        assertNull(config.typeOf("app.missing"));
        assertEquals("Unknown configuration 'app.missing'",
            assertThrows(ConfigException.class, () -> config.getInt("app.missing")).getMessage());
    }

    @Test
    void refusesMissingAndInvalidValuesWithKafkasMessages() {
        assertEquals("Missing required configuration \"app.password\" which has no default value.",
            assertThrows(ConfigException.class, () -> new AppConfig(Map.of())).getMessage());
        assertEquals("Invalid value -1 for configuration app.x: Value must be at least 0",
            assertThrows(ConfigException.class, () -> new AppConfig(props("app.x", "-1"))).getMessage());
        // Kafka names the key and the value of a key that is not a string.
        assertEquals("Invalid value x for configuration 1: Key must be a string.",
            assertThrows(ConfigException.class, () -> new AppConfig(Map.of(1, "x"))).getMessage());
    }

    @Test
    void tracksWhichGivenConfigsWereRead() {
        AppConfig config = new AppConfig(props("app.x", "7", "unknown.key", "u"));
        config.getInt("app.x");
        assertEquals(Set.of("app.password", "unknown.key"), config.unused());
        config.ignore("unknown.key");
        // Reading a key from the originals counts as reading it.
        config.originals().get("app.password");
        assertEquals(Set.of(), config.unused());
    }

    @Test
    void givesPrefixedViews() {
        AppConfig config = new AppConfig(props("app.x", "7", "consumer.app.x", "9", "consumer.other", "o",
            "consumer.", "nothing after the prefix", "admin.app.password", "p2"));
        assertEquals(Map.of("app.x", "9", "other", "o"), config.originalsWithPrefix("consumer."));
        assertEquals(Map.of("consumer.app.x", "9", "consumer.other", "o"),
            config.originalsWithPrefix("consumer.", false));
        // A defined key given with the prefix overrides its unprefixed value, parsed; undefined ones are left out.
        Map<String, Object> consumer = config.valuesWithPrefixOverride("consumer.");
        assertEquals(9, consumer.get("app.x"));
        assertEquals("n", consumer.get("app.name"));
        assertFalse(consumer.containsKey("other"));
        // All or nothing: only the defined keys given with the prefix, parsed; not app.x, given unprefixed.
        Map<String, Object> admin = config.valuesWithPrefixAllOrNothing("admin.");
        assertEquals(Map.of("app.password", new Password("p2")), admin);
        assertEquals(config.values(), config.valuesWithPrefixAllOrNothing("none."));
    }

    @Test
    void leavesInternalKeysOutOfTheNonInternalValues() {
        AppConfig config = new AppConfig(props());
        assertEquals("i", config.values().get("app.internal"));
        assertFalse(config.nonInternalValues().containsKey("app.internal"));
        assertTrue(config.nonInternalValues().containsKey("app.x"));
        assertEquals(Map.of("app.password", "hunter2"), config.originalsStrings());
        assertEquals("Non-string value found in original settings for key app.x: java.lang.Integer",
            assertThrows(ClassCastException.class, () -> new AppConfig(props("app.x", 7)).originalsStrings())
                .getMessage());
    }

    @Test
    void createsConfiguredInstancesOfClassValuedKeys() {
        AppConfig config = new AppConfig(props("app.x", "7",
            "app.plugins", Plugin.class.getName() + ", " + OtherPlugin.class.getName()));
        Plugin plugin = config.getConfiguredInstance("app.plugin", Plugin.class);
        // A Configurable instance is configured with the configs as given.
        assertEquals("7", plugin.configs.get("app.x"));
        Plugin overridden = config.getConfiguredInstance("app.plugin", Plugin.class, Map.of("extra", "e"));
        assertEquals("e", overridden.configs.get("extra"));
        List<Plugin> plugins = config.getConfiguredInstances("app.plugins", Plugin.class);
        assertEquals(List.of(Plugin.class, OtherPlugin.class), plugins.stream().map(Object::getClass).toList());
        assertEquals("hunter2", plugins.get(1).configs.get("app.password"));
        assertEquals("class " + Plugin.class.getName() + " is not an instance of java.lang.Runnable",
            assertThrows(KafkaException.class, () -> config.getConfiguredInstance("app.plugin", Runnable.class))
                .getMessage());
        assertEquals("Class no.such.Plugin cannot be found", assertThrows(KafkaException.class,
            () -> config.getConfiguredInstances(List.of("no.such.Plugin"), Plugin.class, Map.of())).getMessage());
    }

    @Test
    void configsGivenTheSameValuesAreEqual() {
        assertEquals(new AppConfig(props("app.x", "7")), new AppConfig(props("app.x", "7")));
        assertEquals(new AppConfig(props("app.x", "7")).hashCode(), new AppConfig(props("app.x", "7")).hashCode());
        assertNotEquals(new AppConfig(props("app.x", "7")), new AppConfig(props("app.x", "8")));
    }

    @Test
    void validatesAndDocumentsTheDefinition() {
        Map<String, ConfigValue> values = AppConfig.CONFIG.validateAll(Map.of("app.x", "-1"));
        assertEquals(List.of("Invalid value -1 for configuration app.x: Value must be at least 0"),
            values.get("app.x").errorMessages());
        assertEquals(List.of("Missing required configuration \"app.password\" which has no default value."),
            values.get("app.password").errorMessages());
        // app.x is first in its group and has a default: its documentation shows the range and the default.
        assertTrue(AppConfig.CONFIG.toRst().contains("``app.x``\n  doc\n\n  * Type: int\n  * Default: 5\n"
            + "  * Valid Values: [0,...]\n  * Importance: high\n\n``app.password``\n"));
        assertFalse(AppConfig.CONFIG.toHtml().contains("app.internal"));
    }
}
