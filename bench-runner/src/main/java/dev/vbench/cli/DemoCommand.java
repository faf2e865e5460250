package dev.vbench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a bundled program whose output varies natively, natively and under vbench, side by side.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("vbench demo: not built yet");
        return ExitCodes.INTERNAL;
    }
}
