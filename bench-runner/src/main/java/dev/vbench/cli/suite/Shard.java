package dev.vbench.cli.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shard {@code index} of {@code count} ({@code --shard K/N}): the benchmarks selected by the filter,
 * in suite order, are dealt round robin, so the j-th of them (0-based) belongs to shard
 * {@code j mod N + 1}. The split depends only on the suite file and the filter, never on the
 * machine or on timing, so a CI matrix of N jobs covers every benchmark exactly once.
 */
public record Shard(int index, int count) {
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard takes K/N with 1 <= K <= N, not " + index + "/" + count);
        }
    }

    public static Shard parse(String text) {
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard takes K/N (shard K of N, e.g. 2/4), not '" + text + "'");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** This shard's part of {@code selected} (already filtered, in suite order). */
    public <T> List<T> select(List<T> selected) {
        List<T> mine = new ArrayList<>();
        for (int j = 0; j < selected.size(); j++) {
            if (j % count == index - 1) {
                mine.add(selected.get(j));
            }
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
