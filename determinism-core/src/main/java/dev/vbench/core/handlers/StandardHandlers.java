package dev.vbench.core.handlers;

import dev.vbench.core.guest.GuestTree;
import java.util.List;

/** The handler families every run uses, wired to the run's shared state. */
public final class StandardHandlers {
    private StandardHandlers() {}

    /** The guest's working directory, whose tree is its workspace. */
    private static java.nio.file.Path workspace(GuestTree tree) {
        String dir = tree.config().workingDirectory();
        return java.nio.file.Path.of(dir != null ? dir : System.getProperty("user.dir")).toAbsolutePath();
    }

    /** The handlers of a run, reading the host's files and processes through {@code files} and {@code processes}. */
    public static List<SyscallHandler> create(GuestTree tree, HostFiles files, HostProcesses processes) {
        return create(tree, files, processes, RunReport.SILENT);
    }

    /** The same, telling {@code report} what the result should say of the run. */
    public static List<SyscallHandler> create(GuestTree tree, HostFiles files, HostProcesses processes,
            RunReport report) {
        MachineView machine = new MachineView(tree.config());
        WorkspaceScan workspace = WorkspaceScan.forRun(workspace(tree), java.util.Set.copyOf(tree.config().hiddenPaths()));
        FileIdentity identity = new FileIdentity(tree.config().epochNanos(), () -> tree.clock().elapsedNanos(), workspace);
        TimeBase time = new TimeBase(tree);
        ProcPaths procPaths = new ProcPaths(tree);
        VirtualFiles virtualFiles = new VirtualFiles(machine, time::monotonic);
        return List.of(
                new WorkspaceBarrier(workspace, report),
                new TimeHandler(tree, time),
                new PosixTimerHandler(tree, time),
                new FileLockHandler(tree),
                new FutexHandler(time),
                new BlockingIoHandler(tree, time),
                new SignalWaitHandler(tree, time),
                new RandomHandler(),
                new IdentityHandler(tree, machine),
                new ProcessHandler(tree, processes, report),
                new TracingHandler(tree, report),
                new FileHandler(virtualFiles, identity, procPaths, new ProcFiles(tree), files, InputLog.of(tree),
                        tree.config().hiddenPaths()),
                new LinkHandler(procPaths, files, identity),
                new StatHandler(identity, procPaths),
                new ProcPathHandler(procPaths),
                new TerminalHandler(tree.config().passTerminal()));
    }
}
