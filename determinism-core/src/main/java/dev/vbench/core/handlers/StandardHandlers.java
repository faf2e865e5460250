package dev.vbench.core.handlers;

import dev.vbench.core.guest.GuestTree;
import java.util.List;

/** The handler families every run uses, wired to the run's shared state. */
public final class StandardHandlers {
    private StandardHandlers() {}

    /** The handlers of a run, reading the host's files and processes through {@code files} and {@code processes}. */
    public static List<SyscallHandler> create(GuestTree tree, HostFiles files, HostProcesses processes) {
        MachineView machine = new MachineView(tree.config());
        FileIdentity identity = new FileIdentity(tree.config().epochNanos(), () -> tree.clock().elapsedNanos());
        TimeBase time = new TimeBase(tree);
        ProcPaths procPaths = new ProcPaths(tree);
        VirtualFiles virtualFiles = new VirtualFiles(machine, time::monotonic);
        return List.of(
                new TimeHandler(tree, time),
                new FutexHandler(time),
                new BlockingIoHandler(tree, time),
                new SignalWaitHandler(tree, time),
                new RandomHandler(),
                new IdentityHandler(tree, machine),
                new ProcessHandler(tree, processes),
                new FileHandler(virtualFiles, identity, procPaths, new ProcFiles(tree), files, InputLog.of(tree),
                        tree.config().hiddenPaths()),
                new LinkHandler(procPaths, files),
                new StatHandler(identity, procPaths),
                new ProcPathHandler(procPaths),
                new TerminalHandler(tree.config().passTerminal()));
    }
}
