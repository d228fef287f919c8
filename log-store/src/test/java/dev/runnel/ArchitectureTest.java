package dev.runnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dependency rules of STYLE.md §1 for log-store, checked on the imports of src/main/java. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/runnel");

    private static List<String> importsMatching(Path root, String fragment) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".java"))
                .flatMap(path -> lines(path).filter(line -> line.startsWith("import ") && line.contains(fragment))
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
    void logStoreDependsOnNoOtherRunnelModule() throws IOException {
        assertEquals(List.of(), importsMatching(MAIN, "dev.runnel.streams"));
        assertEquals(List.of(), importsMatching(MAIN, "dev.runnel.sql"));
    }

    @Test
    void onlyTheCommandLineReadsArgumentsWithPicocli() throws IOException {
        for (String library : List.of("log", "clients", "common")) {
            assertEquals(List.of(), importsMatching(MAIN.resolve(library), "picocli"), library);
            assertEquals(List.of(), importsMatching(MAIN.resolve(library), "dev.runnel.cli."), library);
        }
    }

    @Test
    void commonTypesDependOnNothingButThemselves() throws IOException {
        assertEquals(List.of(), importsMatching(MAIN.resolve("common"), "dev.runnel.log"));
        assertEquals(List.of(), importsMatching(MAIN.resolve("common"), "dev.runnel.clients"));
    }
}
