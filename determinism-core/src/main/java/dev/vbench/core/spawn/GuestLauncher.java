package dev.vbench.core.spawn;

import dev.vbench.core.run.Redirects;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.nativ.NativeException;
import dev.vbench.core.nativ.WaitStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;

/**
 * Starts a guest stopped, ready to be seized, without fork() in the JVM (platform notes 4-6).
 *
 * <p>The guest inherits the calling thread's CPUs ({@code RunTracer} chooses them first).
 *
 * <p>posix_spawn runs {@code /bin/sh -c 'canonical limits; kill -STOP $$; exec "$@"' sh CMD...}
 * with an empty signal mask, default dispositions and every descriptor above 2 closed, so the
 * guest inherits nothing of the JVM. The caller seizes the stopped shell and sends SIGCONT; the
 * exec that follows is the guest's first instruction.
 */
public final class GuestLauncher {
    /**
     * Limits a shell would give, not the JVM's raised RLIMIT_NOFILE; the stack limit moves mmap_base.
     * The shell exports a PWD of its own, which the guest must not get unless asked for.
     */
    static String launchScript(boolean keepPwd) {
        return "ulimit -n 1024 2>/dev/null; ulimit -s 8192 2>/dev/null; umask 022; " + (keepPwd ? "" : "unset PWD; ")
                + "kill -STOP $$; exec \"$@\"";
    }

    private static final int ADDR_NO_RANDOMIZE = 0x0040000;
    private static final int O_WRONLY = 1, O_CREAT = 0100, O_TRUNC = 01000;
    private static final short POSIX_SPAWN_SETSIGDEF = 4, POSIX_SPAWN_SETSIGMASK = 8;

    private final LibC c = Native.libc();

    /**
     * Spawns the launcher and waits until it has stopped itself.
     *
     * @return the pid of the stopped launcher, which becomes the guest at its exec
     */
    public int spawnStopped(List<String> command, List<String> environment, Redirects redirects) {
        return spawnStopped(command, environment, redirects, null);
    }

    /** @param workingDirectory the guest's starting directory, or null for vbench's own */
    public int spawnStopped(List<String> command, List<String> environment, Redirects redirects,
                            String workingDirectory) {
        disableAslrForChildren();
        boolean keepPwd = environment.stream().anyMatch(v -> v.startsWith("PWD="));
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", launchScript(keepPwd), "sh"));
        argv.addAll(command);
        Pointer argvBlock = stringArray(argv);
        Pointer envBlock = stringArray(environment);
        Pointer attr = Native.allocate(512);
        Pointer actions = Native.allocate(256);
        Pointer sigset = Native.allocate(128);
        Pointer pidOut = Native.allocate(8);
        try {
            check(c.posix_spawnattr_init(attr), "posix_spawnattr_init");
            check(c.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            c.sigemptyset(sigset);
            check(c.posix_spawnattr_setsigmask(attr, sigset), "posix_spawnattr_setsigmask");
            c.sigfillset(sigset);
            check(c.posix_spawnattr_setsigdefault(attr, sigset), "posix_spawnattr_setsigdefault");
            check(c.posix_spawnattr_setflags(attr, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)),
                    "posix_spawnattr_setflags");
            if (redirects.stdoutPath() != null) {
                check(c.posix_spawn_file_actions_addopen(actions, 1, redirects.stdoutPath(), O_WRONLY | O_CREAT | O_TRUNC, 0644),
                        "posix_spawn_file_actions_addopen");
            }
            if (redirects.stderrPath() != null) {
                check(c.posix_spawn_file_actions_addopen(actions, 2, redirects.stderrPath(), O_WRONLY | O_CREAT | O_TRUNC, 0644),
                        "posix_spawn_file_actions_addopen");
            }
            for (int fd = 0; fd <= 2; fd++) {
                if (redirects.closes(fd)) {
                    check(c.posix_spawn_file_actions_addclose(actions, fd), "posix_spawn_file_actions_addclose");
                }
            }
            check(c.posix_spawn_file_actions_addclosefrom_np(actions, 3), "posix_spawn_file_actions_addclosefrom_np");
            if (workingDirectory != null) {
                check(c.posix_spawn_file_actions_addchdir_np(actions, workingDirectory),
                        "posix_spawn_file_actions_addchdir_np");
            }
            // posix_spawn returns the error number; it does not set errno (pitfall 5).
            check(c.posix_spawn(pidOut, "/bin/sh", actions, attr, argvBlock, envBlock), "posix_spawn /bin/sh");
        } finally {
            c.posix_spawn_file_actions_destroy(actions);
            c.posix_spawnattr_destroy(attr);
        }
        int pid = pidOut.getInt(0);
        awaitSelfStop(pid);
        return pid;
    }

    private void awaitSelfStop(int pid) {
        Pointer status = Native.allocate(4);
        while (true) {
            int r = c.waitpid(pid, status, WaitStatus.WUNTRACED);
            if (r < 0 && Native.errno() == dev.vbench.core.nativ.Errno.EINTR) {
                continue;
            }
            if (r < 0) {
                throw new NativeException("waitpid for the launcher " + pid, Native.errno());
            }
            int s = status.getInt(0);
            if (WaitStatus.stopped(s)) {
                return;
            }
            throw new IllegalStateException("the launcher shell ended before the guest started (status "
                    + WaitStatus.shellStatus(s) + ")");
        }
    }

    /**
     * personality() is per task and inherited at fork: setting it on the supervisor thread, which is
     * the only thread that spawns, turns ASLR off for the whole guest tree and nothing else.
     */
    private void disableAslrForChildren() {
        int current = c.personality(0xffffffffL);
        if ((current & ADDR_NO_RANDOMIZE) == 0 && c.personality(current | ADDR_NO_RANDOMIZE) < 0) {
            throw new NativeException("personality(ADDR_NO_RANDOMIZE)", Native.errno());
        }
    }

    private static void check(int result, String what) {
        if (result != 0) {
            throw new NativeException(what, result);
        }
    }

    /** A NULL-terminated char*[] whose strings live in the same block, so one reference keeps all alive. */
    private static Pointer stringArray(List<String> strings) {
        byte[][] encoded = new byte[strings.size()][];
        int bytes = 0;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
            bytes += encoded[i].length + 1;
        }
        int table = (encoded.length + 1) * 8;
        Pointer block = Native.allocate(table + bytes);
        int at = table;
        for (int i = 0; i < encoded.length; i++) {
            block.putLong(i * 8L, block.address() + at);
            block.put(at, encoded[i], 0, encoded[i].length);
            block.putByte(at + encoded[i].length, (byte) 0);
            at += encoded[i].length + 1;
        }
        block.putLong(encoded.length * 8L, 0);
        return block;
    }
}
