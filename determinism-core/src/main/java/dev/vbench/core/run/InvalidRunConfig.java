package dev.vbench.core.run;

/**
 * A run cannot be configured as asked. Says which setting and what is wrong with it in the
 * engine's terms; the command line maps {@link #setting()} to its own option names.
 */
public final class InvalidRunConfig extends IllegalArgumentException {
    /** The settings of a run that a caller can get wrong. */
    public enum Setting { COMMAND, CPUS, MEMORY, ENVIRONMENT, MAX_PROCESSES }

    private final Setting setting;
    private final String problem;

    public InvalidRunConfig(Setting setting, String problem) {
        super(setting.name().toLowerCase(java.util.Locale.ROOT) + " " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    public Setting setting() {
        return setting;
    }

    /** What is wrong, without naming the setting ("must be between 1 and 1024, not 0"). */
    public String problem() {
        return problem;
    }
}
