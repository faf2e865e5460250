package dev.vbench.core.handlers;

import dev.vbench.core.supervisor.GuestTree;
import java.util.List;

/** The handler families every run uses, wired to the run's shared state. */
public final class StandardHandlers {
    private StandardHandlers() {}

    public static List<SyscallHandler> create(GuestTree tree) {
        MachineView machine = new MachineView(tree.config());
        FileIdentity files = new FileIdentity(tree.config().epochNanos(), () -> tree.clock().elapsedNanos());
        TimeBase time = new TimeBase(tree);
        ProcPaths procPaths = new ProcPaths(tree);
        VirtualFiles virtualFiles = new VirtualFiles(machine, time::monotonic);
        return List.of(
                new TimeHandler(tree, time),
                new FutexHandler(time),
                new BlockingIoHandler(tree, time),
                new SignalWaitHandler(time),
                new RandomHandler(),
                new IdentityHandler(machine),
                new ProcessHandler(tree),
                new FileHandler(virtualFiles, files, procPaths),
                new LinkHandler(procPaths),
                new StatHandler(files),
                new TerminalHandler(tree.config().passTerminal()));
    }
}
