package dev.vbench.core.run;

/** Where the guest's stdout and stderr go: a null path keeps vbench's own. */
public record Redirects(String stdoutPath, String stderrPath) {
    public static final Redirects NONE = new Redirects(null, null);
}
