package dev.runnel.cli;

import static dev.runnel.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TourCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldRunEveryStepAndShowWhatCompactionKept() {
        CommandRun tour = run(dataDir, "tour");
        assertEquals(0, tour.exitCode(), tour.err());
        String out = tour.out();
        assertTrue(out.contains("$ runnel topics --create --topic tour-clicks --partitions 3"), out);
        assertTrue(out.contains("Partition:0\tOffset:2\talice\t/checkout\n"), out);
        assertTrue(out.contains("Offset:2\talice\tplatinum\nOffset:3\tbob\tnull\nOffset:4\tcarol\tbronze\n"
            + "Offset:5\tcarol\tsilver\n"), out);
        assertTrue(out.contains("1000000 records sent"), out);
        assertTrue(out.contains("That is the tour."), out);
    }
}
