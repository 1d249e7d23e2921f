package org.livepeer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows a run measured, printed as one Markdown table. */
final class Report {

    /** One measured number, with the goal it is held against (empty when there is none). */
    record Row(String section, String metric, String value, String goal) {}

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String section, String metric, String value, String goal) {
        rows.add(new Row(section, metric, value, goal == null ? "" : goal));
        System.err.printf("[bench] %s | %s | %s | %s%n", section, metric, value, goal == null ? "" : goal);
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    synchronized String table() {
        StringBuilder out = new StringBuilder();
        out.append("| section | metric | value | goal / ratio |\n");
        out.append("|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ")
                    .append(row.section())
                    .append(" | ")
                    .append(row.metric())
                    .append(" | ")
                    .append(row.value())
                    .append(" | ")
                    .append(row.goal())
                    .append(" |\n");
        }
        return out.toString();
    }

    static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
