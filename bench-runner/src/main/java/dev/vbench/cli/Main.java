package dev.vbench.cli;

import dev.vbench.core.nativ.Native;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The vbench command line. */
@Command(name = "vbench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Deterministic performance-regression benchmarking: runs a program under a ptrace "
                + "determinizer and turns what it did into virtual time that is the same on every run.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "run:   the guest's own status (128+N if signal N killed it); 1 if --verify found a difference;",
            "       3 the guest deadlocked, 124 timeout, 125 vbench failed or bad usage, 126 not executable,",
            "       127 not found, 130 interrupted",
            "other: 0 ok, 1 regression or determinism failure, 2 bad usage or input, 3 internal error"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Every subcommand by name, in the order --help lists them. picocli builds a command's model from
     * its annotations by reflection, about 0.1 s of start-up for all of them, so a command line that
     * names one builds only that one (SUBCOMMANDS is checked against their annotations by MainTest).
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("run", RunCommand::new);
        m.put("bench", BenchCommand::new);
        m.put("merge", MergeCommand::new);
        m.put("compare", CompareCommand::new);
        m.put("explain", ExplainCommand::new);
        m.put("baseline", BaselineCommand::new);
        m.put("report", ReportCommand::new);
        m.put("history", HistoryCommand::new);
        m.put("demo", DemoCommand::new);
        m.put("jmh", JmhCommand::new);
        m.put("variance", VarianceCommand::new);
        m.put("calibrate", CalibrateCommand::new);
        m.put("server", ServerCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(m);
    }

    /** Commands that only read and write files: they never trace, so they need no libc binding. */
    private static final java.util.Set<String> FILE_COMMANDS = java.util.Set.of("compare", "baseline", "report", "explain");

    public static void main(String[] args) {
        if (args.length == 0 || !FILE_COMMANDS.contains(args[0])) {
            bindLibcInBackground();
        }
        System.exit(executeOnce(args));
    }

    /**
     * jnr-ffi generates the libc binding in about a tenth of a second; begun on another thread
     * first thing, that overlaps with parsing the command line and finding the counter. A failure
     * is left for the main thread to report when it needs libc.
     */
    private static void bindLibcInBackground() {
        Thread binder = new Thread(() -> {
            try {
                Native.libc();
            } catch (Throwable e) {
                // reported by the first real use
            }
        }, "vbench-bind-libc");
        binder.setDaemon(true);
        binder.start();
    }

    /**
     * One command line, in this JVM: {@link #main}'s, or one of the run server's clients'
     * (ServerCommand). It leaves nothing behind for the next.
     */
    static int executeOnce(String[] args) {
        if (args.length > 0 && args[0].equals("run")) {
            RunCommand.scanWorkspaceEarly(args);
        }
        try {
            return execute(args);
        } finally {
            dev.vbench.core.handlers.WorkspaceScan.discardEarly(); // one the run did not take
        }
    }

    static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        String first = args.length == 0 ? "" : args[0];
        if (SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
            cli.addSubcommand(first, SUBCOMMANDS.get(first).get());
        } else if (!first.equals("--version") && !first.equals("-V")) { // help, usage or a mistyped name: all
            SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        CommandLine jmh = cli.getSubcommands().get("jmh");
        if (jmh != null) {
            // JMH's own options (single dash) follow the jar as they would follow `java -jar benchmarks.jar`.
            jmh.setUnmatchedOptionsArePositionalParams(true);
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserError user) {
                cmd.getErr().println("vbench: " + oneLine(user.getMessage()));
                return user.exitCode;
            }
            if (shuttingDown() || dev.vbench.core.Determinizer.runsInterrupted()) {
                // SIGTERM or SIGINT arrived: the hook killed the guests, and what failed after it (a
                // next benchmark that could not start, a write cut short) is its consequence, not a bug.
                cmd.getErr().println("vbench: stopped by a signal; the guests were killed and no new result was written");
                return ExitCodes.INTERRUPTED;
            }
            cmd.getErr().println("vbench: internal error: " + e);
            e.printStackTrace(cmd.getErr());
            return cmd.getCommand() instanceof RunCommand ? ExitCodes.RUN_FAILED : ExitCodes.INTERNAL;
        });
        cli.setParameterExceptionHandler((e, parsedArgs) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("vbench: " + oneLine(e.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr()); // "Did you mean: ..."
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            return cmd.getCommand() instanceof RunCommand ? ExitCodes.RUN_FAILED : ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    /** Whether the JVM is running its shutdown hooks: it then refuses a new one. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * A message as one line: a file or benchmark name may hold a newline or a terminal escape, and
     * an error is one line "vbench: ..." that names it visibly.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char ch = message.charAt(i);
            switch (ch) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(ch)) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
