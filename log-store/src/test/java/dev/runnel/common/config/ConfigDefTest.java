package dev.runnel.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnel.common.config.ConfigDef.CaseInsensitiveValidString;
import dev.runnel.common.config.ConfigDef.CompositeValidator;
import dev.runnel.common.config.ConfigDef.Importance;
import dev.runnel.common.config.ConfigDef.LambdaValidator;
import dev.runnel.common.config.ConfigDef.ListSize;
import dev.runnel.common.config.ConfigDef.NonEmptyString;
import dev.runnel.common.config.ConfigDef.NonEmptyStringWithoutControlChars;
import dev.runnel.common.config.ConfigDef.NonNullValidator;
import dev.runnel.common.config.ConfigDef.Range;
import dev.runnel.common.config.ConfigDef.Recommender;
import dev.runnel.common.config.ConfigDef.Type;
import dev.runnel.common.config.ConfigDef.ValidList;
import dev.runnel.common.config.ConfigDef.ValidString;
import dev.runnel.common.config.ConfigDef.Validator;
import dev.runnel.common.config.ConfigDef.Width;
import dev.runnel.common.config.types.Password;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kafka's {@code ConfigDef} API: its validators, parsing errors, validation, embedding and documentation. Every
 * message below is Kafka's format, "Invalid value V for configuration K: " and the validator's reason, worked out
 * from Kafka's documented validators; list-valued reasons join with ", ".
 */
class ConfigDefTest {
    @Test
    void validatorsRefuseWithKafkasMessages() {
        assertEquals("Invalid value 0 for configuration n: Value must be at least 1", refused(Range.atLeast(1), 0));
        assertEquals("Invalid value 6 for configuration n: Value must be no more than 5",
            refused(Range.between(1, 5), 6));
        // A range refuses an unset value; Kafka's keys with a null default therefore have no range.
        assertEquals("Invalid value null for configuration n: Value must be non-null", refused(Range.atLeast(1), null));
        assertEquals("Invalid value c for configuration n: String must be one of: a, b",
            refused(ValidString.in("a", "b"), "c"));
        // The case-insensitive strings are kept upper-cased, and listed so.
        assertEquals("Invalid value high for configuration n: String must be one of (case insensitive): LOW",
            refused(CaseInsensitiveValidString.in("low"), "high"));
        CaseInsensitiveValidString.in("low").ensureValid("n", "Low");
        assertEquals("Invalid value  for configuration n: String must be non-empty", refused(new NonEmptyString(), ""));
        new NonEmptyString().ensureValid("n", null);
        NonEmptyStringWithoutControlChars printable = NonEmptyStringWithoutControlChars
            .nonEmptyStringWithoutControlChars();
        assertEquals("Invalid value  for configuration n: String may not be empty", refused(printable, ""));
        // A tab is code point 9, a bell 7.
        assertEquals("Invalid value a\tb\u0007 for configuration n: String may not contain control sequences but had"
            + " the following ASCII chars: 9, 7", refused(printable, "a\tb\u0007"));
        assertEquals("Invalid value null for configuration n: entry must be non null",
            refused(new NonNullValidator(), null));
        assertEquals("Invalid value [a, b, c] for configuration n: exceeds maximum list size of [2].",
            refused(ListSize.atMostOfSize(2), List.of("a", "b", "c")));
        // A composite stops at the first validator that refuses.
        assertEquals("Invalid value  for configuration n: String must be non-empty",
            refused(CompositeValidator.of(new NonEmptyString(), ValidString.in("a")), ""));
        Validator even = LambdaValidator.with((name, value) -> {
            if ((Integer) value % 2 != 0) {
                throw new ConfigException(name, value, "not even");
            }
        }, () -> "even numbers");
        assertEquals("Invalid value 3 for configuration n: not even", refused(even, 3));
    }

    @Test
    void validListsRefuseNullsEmptiesAndDuplicatesWithKafkasMessages() {
        assertEquals("Configuration 'n' values must not be duplicated.",
            refused(ValidList.in("x", "y"), List.of("x", "x")));
        assertEquals("Invalid value z for configuration n: String must be one of: x, y",
            refused(ValidList.in("x", "y"), List.of("z")));
        assertEquals("Configuration 'n' values must not be empty.", refused(ValidList.in("x"), List.of("")));
        assertEquals("Configuration 'n' values must not be null.", refused(ValidList.in("x"), null));
        ValidList.in("x").ensureValid("n", List.of());
        assertEquals("Configuration 'n' must not be empty. Valid values include: [x]",
            refused(ValidList.in(false, "x"), List.of()));
        assertEquals("Configuration 'n' must not be empty. Valid values include: any non-empty value",
            refused(ValidList.anyNonDuplicateValues(false, false), List.of()));
        ValidList.anyNonDuplicateValues(true, true).ensureValid("n", null);
        assertEquals("At least one valid string must be provided when empty values are not allowed",
            assertThrows(IllegalArgumentException.class, () -> ValidList.in(false)).getMessage());
    }

    @Test
    void validatorsDescribeThemselvesForTheDocumentation() {
        assertEquals("[1,...]", Range.atLeast(1).toString());
        assertEquals("[0,...,10]", Range.between(0, 10).toString());
        assertEquals("[a, b]", ValidString.in("a", "b").toString());
        assertEquals("[x, y]", ValidList.in("x", "y").toString());
        assertEquals("", ValidList.anyNonDuplicateValues(true, false).toString());
        assertEquals("(case insensitive) [LOW]", CaseInsensitiveValidString.in("low").toString());
        assertEquals("non-empty string", new NonEmptyString().toString());
        assertEquals("non-empty string without ISO control characters",
            NonEmptyStringWithoutControlChars.nonEmptyStringWithoutControlChars().toString());
        assertEquals("non-null string", new NonNullValidator().toString());
        assertEquals("List containing maximum of 3 elements", ListSize.atMostOfSize(3).toString());
        assertEquals("[1,...], [1,...,5]", CompositeValidator.of(Range.atLeast(1), Range.between(1, 5)).toString());
        assertEquals("even numbers", LambdaValidator.with((name, value) -> { }, () -> "even numbers").toString());
    }

    @Test
    void valuesOfTheWrongTypeFailWithKafkasMessages() {
        assertEquals("Invalid value abc for configuration n: Not a number of type INT", unparsable("abc", Type.INT));
        assertEquals("Invalid value 1.5 for configuration n: Expected value to be a 32-bit integer, but it was a"
            + " java.lang.Double", unparsable(1.5, Type.INT));
        assertEquals("Invalid value 2.0 for configuration n: Expected value to be a 16-bit integer (short), but it"
            + " was a java.lang.Double", unparsable(2.0, Type.SHORT));
        assertEquals("Invalid value true for configuration n: Expected value to be a 64-bit integer (long), but it"
            + " was a java.lang.Boolean", unparsable(true, Type.LONG));
        assertEquals("Invalid value true for configuration n: Expected value to be a double, but it was a"
            + " java.lang.Boolean", unparsable(true, Type.DOUBLE));
        assertEquals("Invalid value 5 for configuration n: Expected value to be a string, but it was a"
            + " java.lang.Integer", unparsable(5, Type.STRING));
        assertEquals("Invalid value 5 for configuration n: Expected a comma separated list.", unparsable(5, Type.LIST));
        assertEquals("Invalid value 5 for configuration n: Expected a Class instance or class name.",
            unparsable(5, Type.CLASS));
        assertEquals("Invalid value no.such.Clazz for configuration n: Class no.such.Clazz could not be found.",
            unparsable("no.such.Clazz", Type.CLASS));
        assertEquals("Invalid value yes for configuration n: Expected value to be either true or false",
            unparsable("yes", Type.BOOLEAN));
    }

    @Test
    void parsesPasswordsListsAndDefaultsAsKafkaDoes() {
        ConfigDef def = new ConfigDef()
            .define("secret", Type.PASSWORD, Importance.HIGH, "A secret.")
            .define("modes", Type.LIST, "x", ValidList.in("x", "y"), Importance.LOW, "Modes.")
            .define("retries", Type.INT, 3, Importance.LOW, "Retries.");
        Map<String, Object> parsed = def.parse(Map.of("secret", " hunter2 ", "modes", "x, y ,x"));
        // A password is trimmed and hidden; a ValidList's duplicates are dropped, keeping the first of each.
        Password secret = (Password) parsed.get("secret");
        assertEquals("hunter2", secret.value());
        assertEquals("[hidden]", secret.toString());
        assertEquals(List.of("x", "y"), parsed.get("modes"));
        assertEquals(3, parsed.get("retries"));
        assertTrue(Type.PASSWORD.isSensitive());
        assertFalse(Type.STRING.isSensitive());
        assertEquals("Missing required configuration \"secret\" which has no default value.",
            assertThrows(ConfigException.class, () -> def.parse(Map.of())).getMessage());
        assertEquals("Configuration retries is defined twice.", assertThrows(ConfigException.class,
            () -> def.define("retries", Type.INT, 1, Importance.LOW, "Again.")).getMessage());
    }

    @Test
    void convertsValuesBackToConfigStrings() {
        assertEquals("a,b", ConfigDef.convertToString(List.of("a", "b"), Type.LIST));
        assertEquals("java.lang.String", ConfigDef.convertToString(String.class, Type.CLASS));
        assertEquals("[hidden]", ConfigDef.convertToString(new Password("s"), Type.PASSWORD));
        assertNull(ConfigDef.convertToString(null, Type.INT));
        assertEquals(Map.of("p", "s", "l", "a,b", "n", "7"), ConfigDef.convertToStringMapWithPasswordValues(
            Map.of("p", new Password("s"), "l", List.of("a", "b"), "n", 7)));
    }

    @Test
    void validateAllCollectsEveryErrorAndAsksTheRecommenders() {
        Recommender sizes = new Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return List.of("small", "large");
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return parsedConfig.get("timeout.ms") != null;
            }
        };
        ConfigDef def = new ConfigDef()
            .define("timeout.ms", Type.LONG, 1000L, Range.between(0, 5000), Importance.HIGH, "Timeout.", "Main", 1,
                Width.SHORT, "Timeout", List.of("size"))
            .define("size", Type.STRING, "small", Importance.LOW, "Size.", "Main", 2, Width.SHORT, "Size", sizes)
            .define("name", Type.STRING, Importance.HIGH, "Name.");
        Map<String, ConfigValue> values = def.validateAll(Map.of("timeout.ms", "soon"));
        // The unparsable value is null, which the range then refuses too.
        assertEquals(List.of("Invalid value soon for configuration timeout.ms: Not a number of type LONG",
            "Invalid value null for configuration timeout.ms: Value must be non-null"),
            values.get("timeout.ms").errorMessages());
        assertEquals(List.of("Missing required configuration \"name\" which has no default value."),
            values.get("name").errorMessages());
        // size depends on timeout.ms, whose value is null: its recommender hides it.
        assertEquals("[size,small,[small, large],[],false]", values.get("size").toString());
        assertEquals(3, def.validate(Map.of("timeout.ms", "10", "name", "n")).size());
        assertTrue(def.validateAll(Map.of("timeout.ms", "10", "name", "n")).get("size").visible());
    }

    @Test
    void aDependentThatIsNotDefinedFailsParsingAndShowsInValidation() {
        ConfigDef def = new ConfigDef().define("a", Type.INT, 1, null, Importance.LOW, "A.", null, -1, Width.NONE,
            "A", List.of("ghost"));
        assertEquals("Some configurations in are referred in the dependents, but not defined: ghost",
            assertThrows(ConfigException.class, () -> def.parse(Map.of())).getMessage());
        ConfigValue ghost = def.validateAll(Map.of()).get("ghost");
        assertEquals(List.of("ghost is referred in the dependents, but not defined."), ghost.errorMessages());
        assertFalse(ghost.visible());
    }

    @Test
    void embedsAnotherDefinitionUnderAPrefix() {
        ConfigDef child = new ConfigDef()
            .define("size", Type.INT, 1, Range.atLeast(1), Importance.LOW, "Size.", "Sizing", 1, Width.SHORT, "Size");
        ConfigDef parent = new ConfigDef();
        parent.embed("child.", "Child", 0, child);
        ConfigDef.ConfigKey embedded = parent.configKeys().get("child.size");
        assertEquals("Child: Sizing", embedded.group);
        assertEquals(0, embedded.orderInGroup);
        assertEquals(List.of("Child: Sizing"), parent.groups());
        // The validator sees the name the child defines.
        assertEquals("Invalid value 0 for configuration size: Value must be at least 1",
            assertThrows(ConfigException.class, () -> parent.parse(Map.of("child.size", "0"))).getMessage());
    }

    /*
     * The documentation lists the keys without a group first, then group by group; within one, by order in the group,
     * required keys first, then by importance and name. Internal keys are left out. A default of a ".ms" or ".bytes"
     * key that is a whole number of larger units gets them in words: 120000 ms is 120 s, 2 min; 2048 bytes 2 KiB.
     */
    private static ConfigDef documented() {
        return new ConfigDef()
            .define("app.poll.ms", Type.LONG, 120_000L, Range.atLeast(0), Importance.MEDIUM, "How often to poll.",
                "Polling", 1, Width.SHORT, "Poll interval", List.of("app.buffer.bytes"))
            .define("app.buffer.bytes", Type.INT, 2048, Importance.LOW, "Buffer size.", "Polling", 2, Width.SHORT,
                "Buffer")
            .define("app.tags", Type.LIST, "", Importance.LOW, "Tags.")
            .define("app.name", Type.STRING, Importance.HIGH, "The app's name.\nShown in logs.")
            .defineInternal("app.internal", Type.INT, 1, Importance.LOW);
    }

    private static final String NAME_RST = """
        ``app.name``
          The app's name.

          Shown in logs.

          * Type: string
          * Importance: high

        ``app.tags``
          Tags.

          * Type: list
          * Default: ""
          * Importance: low

        """;

    private static final String POLL_RST = """
        ``app.poll.ms``
          How often to poll.

          * Type: long
          * Default: 120000 (2 minutes)
          * Valid Values: [0,...]
          * Importance: medium
        """;

    private static final String BUFFER_RST = """
        ``app.buffer.bytes``
          Buffer size.

          * Type: int
          * Default: 2048 (2 kibibytes)
          * Importance: low

        """;

    @Test
    void printsTheDocumentationAsRestructuredText() {
        assertEquals(NAME_RST + POLL_RST + "\n" + BUFFER_RST, documented().toRst());
        // The enriched form heads each group and lists a key's dependents.
        assertEquals(NAME_RST + "Polling\n^^^^^^^\n\n" + POLL_RST + "  * Dependents: ``app.buffer.bytes``\n\n"
            + BUFFER_RST, documented().toEnrichedRst());
        // The internal key's group, "", counts as a group, as in Kafka.
        assertEquals(List.of("Polling", ""), documented().groups());
    }

    @Test
    void printsTheDocumentationAsHtml() {
        String html = documented().toHtml();
        assertTrue(html.startsWith("<ul class=\"config-list\">\n<li>\n"
            + "<h4><a id=\"app.name\"></a><a id=\"app.name\" href=\"#app.name\">app.name</a></h4>\n"
            + "<p>The app's name.<br>Shown in logs.</p>\n"
            + "<table><tbody>\n"
            + "<tr><th>Type:</th><td>string</td></tr>\n"
            + "<tr><th>Default:</th><td></td></tr>\n"
            + "<tr><th>Valid Values:</th><td></td></tr>\n"
            + "<tr><th>Importance:</th><td>high</td></tr>\n"
            + "</tbody></table>\n</li>\n"), html);
        assertTrue(html.endsWith("</li>\n</ul>\n"), html);
        assertFalse(html.contains("app.internal"), html);
        assertTrue(documented().toHtml(2, name -> "cfg_" + name).contains(
            "<h2><a id=\"app.name\"></a><a id=\"cfg_app.name\" href=\"#cfg_app.name\">app.name</a></h2>"));
        assertTrue(documented().toHtml(Map.of("app.tags", "per-broker")).contains(
            "<tr><th>Update Mode:</th><td>per-broker</td></tr>\n"));
        String table = documented().toHtmlTable(Map.of("app.tags", "per-broker"));
        assertTrue(table.startsWith("<table class=\"data-table\"><tbody>\n<tr>\n<th>Name</th>\n<th>Description</th>\n"
            + "<th>Type</th>\n<th>Default</th>\n<th>Valid Values</th>\n<th>Importance</th>\n"
            + "<th>Dynamic Update Mode</th>\n</tr>\n"), table);
        assertTrue(table.contains("<td>app.tags</td><td>Tags.</td><td>list</td><td>\"\"</td><td></td><td>low</td>"
            + "<td>per-broker</td></tr>\n"), table);
        assertTrue(table.contains("<td>read-only</td>"), table);
    }

    @Test
    void showsAnAlternativeDefaultInTheHtmlDocumentation() {
        ConfigDef def = new ConfigDef().define("dir", Type.STRING, "/tmp/x", Importance.LOW, "A folder.",
            "the temporary folder");
        assertTrue(def.toHtml().contains("<tr><th>Default:</th><td>the temporary folder</td></tr>"));
    }

    private static String refused(Validator validator, Object value) {
        return assertThrows(ConfigException.class, () -> validator.ensureValid("n", value)).getMessage();
    }

    private static String unparsable(Object value, Type type) {
        return assertThrows(ConfigException.class, () -> ConfigDef.parseType("n", value, type)).getMessage();
    }
}
