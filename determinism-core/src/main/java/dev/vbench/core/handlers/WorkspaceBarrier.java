package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.syscalls.Syscall;
import java.util.Set;

/**
 * Holds the guest's first program image until the workspace scan is done, says then whether the
 * workspace could be scanned, and stops the scan when the run ends. The guest must not run before
 * the scan is done: a file it rewrote or deleted before the scan reached it would be missing from
 * the groups and shift the times of every later group, differently from run to run. Waiting
 * for its first stat instead would gain little: ld.so's, or Valgrind's own, comes 10 to 50 ms
 * after the exec (measured here under load), and an unlink is not even trapped under Valgrind.
 *
 * <p>Why a handler that claims no call: it needs only the lifecycle hooks every handler has
 * (FileHandler uses the same two), and the supervisor calls them on the list {@link StandardHandlers}
 * returns, also when the run fails to start. The scan is started there, beside the handlers that
 * read it; a separate listener interface would need a second list from there to the supervisor,
 * for this one class.
 */
final class WorkspaceBarrier implements SyscallHandler {
    private final WorkspaceScan scan;
    private final RunReport report;
    private boolean passed;

    WorkspaceBarrier(WorkspaceScan scan, RunReport report) {
        this.scan = scan;
        this.report = report;
    }

    @Override
    public Set<Syscall> syscalls() {
        return Set.of();
    }

    /** Never called: the barrier claims no call. */
    @Override
    public Disposition onEntry(Guest call) {
        return Disposition.PASS;
    }

    @Override
    public void onExec(GuestProcess process) {
        if (passed) {
            return;
        }
        passed = true;
        WorkspaceTimes times = scan.times();
        if (!times.complete()) {
            report.note("the working directory " + scan.root() + " holds more than " + WorkspaceTimes.MAX_FILES
                    + " files: they keep their real times, which differ from checkout to checkout");
        } else if (scan.failure() != null) {
            report.note("the working directory " + scan.root() + " could not be scanned (" + scan.failure()
                    + "): its files keep their real times, which differ from checkout to checkout");
        }
    }

    @Override
    public void onRunEnd() {
        scan.cancel();
    }
}
