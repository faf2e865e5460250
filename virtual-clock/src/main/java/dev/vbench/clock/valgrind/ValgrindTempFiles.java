package dev.vbench.clock.valgrind;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.handlers.RedirectedOpens;
import dev.vbench.core.handlers.SyscallHandler;
import dev.vbench.core.nativ.MemFile;
import dev.vbench.core.syscalls.Syscall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The temporary files Valgrind makes at start-up, as unnamed in-memory files that no other run can
 * collide with.
 *
 * <p>Valgrind 3.19 fakes the client's /proc/self/cmdline and /proc/self/auxv with files it creates
 * in VG_(mkstemp) (coregrind/m_libcfile.c, called from m_main.c) and unlinks at once, keeping the
 * descriptors: {@code open("$TMPDIR/valgrind_proc_<pid>_cmdline_<8 hex>", O_CREAT|O_RDWR|O_EXCL|O_TRUNC,
 * 0600)}, then {@code unlink} of the same name. The hex digits come from VG_(random) seeded with
 * {@code (getpid() << 9) ^ getppid()}, and Valgrind gives up after 11 names. Under vbench those pids
 * are virtual (1000, parent 1), so every run tries the same names in the same order: two runs at once
 * race for the name, and the loser prints "VG_(mkstemp): failed to create temp file" (its output then
 * differs from the winner's, and it fails outright if all 11 names are taken).
 *
 * <p>Why an unnamed file, answered here, and not a private TMPDIR: Valgrind reads TMPDIR from the
 * client's environment (VG_(getenv) looks in VG_(client_envp)), so the guest would see it, and a
 * guest that sets its own TMPDIR would take its children's Valgrind back to a shared directory. Here
 * the open is turned into an open of a fresh memfd owned by vbench (no O_CREAT or O_EXCL: it exists),
 * and the unlink of that same name that follows is answered 0 without touching the file system.
 * Nothing is ever created in any directory, so there is nothing to collide with and nothing to clean
 * up, whatever way the run ends. The guest reading its /proc/self/cmdline or auxv gets what it got
 * when the name was free (the same contents, mode 0600, a link count of 0 as an unlinked file has);
 * only Valgrind's descriptor reads as /memfd:NAME in /proc/self/fd, the same in every run.
 *
 * <p>Only calls of exactly that form made during Valgrind's start-up (before the guest's first
 * instruction in the process image) are taken: the guest's own opens and unlinks pass untouched.
 * The price is that unlink now stops in the supervisor for the guest too (about 15-35 us a call
 * measured; glibc's unlink() makes it, unlinkat and rm do not).
 */
final class ValgrindTempFiles implements SyscallHandler {
    private static final int O_RDWR = 02, O_CREAT = 0100, O_EXCL = 0200, O_TRUNC = 01000;
    private static final int MKSTEMP_FLAGS = O_CREAT | O_RDWR | O_EXCL | O_TRUNC;
    private static final int MKSTEMP_MODE = 0600;
    /** mkstemp_format "%s/valgrind_%s_%08x": the directory, the part of the name, 8 hex digits. */
    private static final Pattern MKSTEMP_NAME = Pattern.compile("(?:.*/)?(valgrind_[^/]+_[0-9a-f]{8})");

    /** The name this thread's Valgrind was last given a memfd for: its unlink is answered here. */
    private static final StateKey<String[]> GIVEN = StateKey.of("valgrind temp name", () -> new String[1]);

    private final Predicate<GuestThread> startingUp;
    /** The opens given a memfd instead of the named file. */
    private final RedirectedOpens redirected = new RedirectedOpens();

    /** @param startingUp whether the thread's process is still in Valgrind's start-up (no guest code ran) */
    ValgrindTempFiles(Predicate<GuestThread> startingUp) {
        this.startingUp = startingUp;
    }

    @Override
    public Set<Syscall> syscalls() {
        // Valgrind calls open and unlink on amd64 (VG_(open), VG_(unlink)); not openat or unlinkat.
        return Set.of(Syscall.OPEN, Syscall.UNLINK);
    }

    @Override
    public Disposition onEntry(Guest call) {
        return call.syscall() == Syscall.OPEN ? open(call) : unlink(call);
    }

    private Disposition open(Guest call) {
        if (call.intArg(1) != MKSTEMP_FLAGS || call.intArg(2) != MKSTEMP_MODE || !startingUp.test(call.thread())) {
            return Disposition.PASS;
        }
        String path = call.memory().readPath(call.arg(0));
        var name = path == null ? null : MKSTEMP_NAME.matcher(path);
        if (name == null || !name.matches()) {
            return Disposition.PASS;
        }
        MemFile file = new MemFile(name.group(1));
        try {
            Files.setPosixFilePermissions(Path.of(file.path()), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            file.close();
            return Disposition.PASS; // as without vbench: Valgrind creates the named file itself
        }
        call.setArg(1, O_RDWR | O_TRUNC);
        call.thread().state().get(GIVEN)[0] = path;
        return redirected.redirect(call, 0, file);
    }

    @Override
    public void onExit(Guest call) {
        redirected.returned(call); // Valgrind's descriptor keeps the file alive
        if (call.result() < 0) {
            call.thread().state().get(GIVEN)[0] = null; // Valgrind tries another name, or gives up
        }
    }

    @Override
    public void onRunEnd() {
        redirected.closeAll();
    }

    private Disposition unlink(Guest call) {
        String[] given = call.thread().state().get(GIVEN);
        if (given[0] == null) {
            return Disposition.PASS;
        }
        String path = call.memory().readPath(call.arg(0));
        if (!given[0].equals(path)) {
            return Disposition.PASS;
        }
        given[0] = null;
        return call.emulate(0); // the file has no name: there is nothing to remove
    }
}
