package dev.runnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dependency rules of STYLE.md §1 for streams-dsl, checked on the imports of src/main/java. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/runnel");
    /** The log-store packages streams-dsl may use: clients, common and the public embedded log, none internal. */
    private static final Pattern ALLOWED_LOG_STORE = Pattern.compile(
        "import (static )?dev\\.runnel\\.(clients|common)(\\.[a-z]+)*\\.[A-Z].*"
            + "|import (static )?dev\\.runnel\\.log\\.[A-Z].*");

    private static List<String> importsMatching(Path root, java.util.function.Predicate<String> test)
        throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".java"))
                .flatMap(path -> lines(path).filter(line -> line.startsWith("import ") && test.test(line))
                    .map(line -> MAIN.relativize(path) + ": " + line))
                .toList();
        }
    }

    private static Stream<String> lines(Path path) {
        try {
            return Files.readAllLines(path).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void streamsDslDependsOnNoSqlCode() throws IOException {
        assertEquals(List.of(), importsMatching(MAIN, line -> line.contains("dev.runnel.sql")));
        assertEquals(List.of(), importsMatching(MAIN, line -> line.contains("dev.runnel.cli.")));
    }

    @Test
    void streamsDslUsesOnlyPublicLogStorePackages() throws IOException {
        assertEquals(List.of(), importsMatching(MAIN, line -> line.startsWith("import dev.runnel.")
            && !line.startsWith("import dev.runnel.streams.") && !ALLOWED_LOG_STORE.matcher(line).matches()));
        assertEquals(List.of(), importsMatching(MAIN, line -> line.contains(".internals.")));
        assertEquals(List.of(), importsMatching(MAIN, line -> line.contains("dev.runnel.log.internal")));
    }

    @Test
    void publicStreamsPackagesUseNoDslInternalsInSignatures() throws IOException {
        // Only the public classes that build or run topologies reach into the internal packages.
        for (String publicPackage : List.of("kstream", "errors")) {
            assertEquals(List.of(), importsMatching(MAIN.resolve("streams").resolve(publicPackage),
                line -> line.contains("dev.runnel.streams.internal")), publicPackage);
        }
    }
}
