package dev.runnel.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Left-aligned text columns separated by one space, laid out as Kafka's tools print them: each column is as wide as
 * its minimum width or its longest value, whichever is larger. The last column is not padded, so no line ends in
 * spaces. Not thread-safe; built up and printed once.
 */
final class TextTable {
    private final int[] widths;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param minWidths one minimum width per column
     * @param header    the column names, printed as the first row
     */
    TextTable(int[] minWidths, String... header) {
        this.widths = minWidths.clone();
        add((Object[]) header);
    }

    /** Adds a row; values are printed with {@code String.valueOf}. */
    void add(Object... values) {
        if (values.length != widths.length) {
            throw new IllegalArgumentException("expected " + widths.length + " columns, got " + values.length);
        }
        String[] row = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            row[i] = String.valueOf(values[i]);
            widths[i] = Math.max(widths[i], row[i].length());
        }
        rows.add(row);
    }

    /** The number of rows after the header. */
    int size() {
        return rows.size() - 1;
    }

    void print(PrintStream out) {
        StringBuilder line = new StringBuilder(128);
        for (String[] row : rows) {
            line.setLength(0);
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 1));
                }
            }
            out.println(line);
        }
    }
}
