package dev.vbench.reports.format;

import java.util.Map;

/**
 * Whether human text may carry ANSI colours: only on a terminal, and never when {@code NO_COLOR} is
 * set to anything non-empty (no-color.org) or {@code TERM} is {@code dumb}.
 */
public final class TerminalColour {
    private TerminalColour() {}

    public static boolean wanted(boolean terminal, Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) {
            return false;
        }
        return terminal && !"dumb".equals(environment.get("TERM"));
    }
}
