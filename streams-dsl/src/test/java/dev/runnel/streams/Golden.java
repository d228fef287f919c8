package dev.runnel.streams;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files (STYLE.md §8): expected text under src/test/resources/golden/&lt;feature&gt;/&lt;case&gt;.txt. On a
 * mismatch the actual text goes to target/golden-actual/ and the test fails with a line diff;
 * {@code -Dgolden.update=true} rewrites the expected files instead.
 */
public final class Golden {
    private static final Path EXPECTED = Path.of("src/test/resources/golden");
    private static final Path ACTUAL = Path.of("target/golden-actual");

    private Golden() {
    }

    /** Compares {@code actual} with the golden file of {@code feature}/{@code name}. */
    public static void assertMatches(String feature, String name, String actual) {
        Path expectedFile = EXPECTED.resolve(feature).resolve(name + ".txt");
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(expectedFile.getParent());
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
                return;
            }
            String expected = Files.exists(expectedFile)
                ? Files.readString(expectedFile, StandardCharsets.UTF_8)
                : null;
            if (actual.equals(expected)) {
                return;
            }
            Path actualFile = ACTUAL.resolve(feature).resolve(name + ".txt");
            Files.createDirectories(actualFile.getParent());
            Files.writeString(actualFile, actual, StandardCharsets.UTF_8);
            fail(expected == null
                ? "Missing golden file " + expectedFile + "; actual output is in " + actualFile
                    + " (run with -Dgolden.update=true to create it)"
                : "Output differs from " + expectedFile + " (actual in " + actualFile + "):\n"
                    + diff(expected, actual));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String diff(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "<none>";
            String g = i < got.size() ? got.get(i) : "<none>";
            if (!w.equals(g)) {
                out.append("line ").append(i + 1).append(":\n- ").append(w).append("\n+ ").append(g).append('\n');
            }
        }
        return out.toString();
    }
}
