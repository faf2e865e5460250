package dev.vbench.reports.profile;

import dev.vbench.reports.compare.Row;
import java.util.List;

/**
 * Why one benchmark regressed, by function: its row of the comparison, the metric the functions
 * are ranked by, the total change of that metric over the profiles (the sum of every function's
 * exclusive change), the counts' names and the two profiles' totals, and every function's change,
 * largest first. {@code problem} says why there are no functions (a profile is missing, or does not
 * match its result), and is null otherwise.
 */
public record Explanation(String benchmark, Row row, ProfileDiff.Valuation valuation, long totalDelta,
                          List<String> counts, long[] baseTotals, long[] newTotals,
                          List<ProfileDiff.FunctionDelta> functions, String problem) {

    public Explanation {
        functions = functions == null ? List.of() : List.copyOf(functions);
    }

    /** The metric's value of a cost array. */
    public long value(long[] costs) {
        return valuation.value().applyAsLong(costs);
    }

    /** This function's share of the total change, in percent; null when the total did not change. */
    public Double share(ProfileDiff.FunctionDelta d) {
        return totalDelta == 0 ? null : 100.0 * value(d.exclusiveDelta()) / totalDelta;
    }
}
