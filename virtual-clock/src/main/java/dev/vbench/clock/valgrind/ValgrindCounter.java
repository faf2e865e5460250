package dev.vbench.clock.valgrind;

import dev.vbench.clock.CounterBackend;
import dev.vbench.core.nativ.RemoteMemory;
import dev.vbench.core.supervisor.GuestThread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jnr.ffi.Pointer;

/**
 * The software PMU: the guest runs inside Valgrind with the project's vbcount tool, which counts
 * executed instructions and branches exactly into a block at a fixed address of the Valgrind
 * process. The supervisor reads the block at each stop with process_vm_readv; at a system call
 * the counts are exact, because a system call ends a superblock.
 */
public final class ValgrindCounter implements CounterBackend {
    private static final int HEADER = VbcountLayout.OFF_IND_BRANCHES + 8;

    /**
     * Valgrind makes the guest's system calls from one instruction in its core; the address after
     * it is stored at this symbol (syswrap-amd64-linux.S, ML_(blksys_complete)). Every other
     * system call of a Valgrind process is Valgrind's own.
     */
    private static final String CLIENT_SYSCALL_SYMBOL = "vgModuleLocal_blksys_complete";

    private final VbcountTool tool;
    private final Path stableLibDir;
    private final long clientSyscallSymbol;
    private final RemoteMemory memory = new RemoteMemory();
    /** rip after the guest's syscall instruction; 0 until read from a Valgrind process. */
    private long clientSyscallReturn;

    public ValgrindCounter(VbcountTool tool) throws VbcountBuildException {
        this.tool = tool;
        this.stableLibDir = stableLink(tool);
        this.clientSyscallSymbol = symbolAddress(tool.toolBinary(), CLIENT_SYSCALL_SYMBOL);
    }

    @Override
    public boolean isGuestSyscall(GuestThread thread, long rip) {
        if (clientSyscallReturn == 0) {
            int n = memory.read(thread.tid(), clientSyscallSymbol, 8);
            if (n != 8) {
                return false; // not a Valgrind process yet (the launcher)
            }
            clientSyscallReturn = memory.scratch(8).getLong(0);
        }
        return rip == clientSyscallReturn;
    }

    @Override
    public boolean virtualizesTsc() {
        return true; // vbcount answers rdtsc from CLOCK_MONOTONIC, i.e. virtual time
    }

    @Override
    public String cpuidSource() {
        return "Valgrind's synthetic CPU (" + tool.valgrindVersion() + "; fixed for a host CPU class)";
    }

    /** A symbol's address in the static tool binary, from nm (run before any tracing starts). */
    private static long symbolAddress(Path binary, String symbol) throws VbcountBuildException {
        try {
            Process nm = new ProcessBuilder("nm", binary.toString()).redirectErrorStream(true).start();
            String out = new String(nm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            nm.waitFor();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\s+");
                if (f.length == 3 && f[2].equals(symbol)) {
                    return Long.parseUnsignedLong(f[0], 16);
                }
            }
            throw new VbcountBuildException("symbol " + symbol + " not found in " + binary
                    + " (is this Valgrind's amd64 core?)");
        } catch (IOException e) {
            throw new VbcountBuildException("cannot run nm on " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VbcountBuildException("interrupted while reading symbols of " + binary, e);
        }
    }

    @Override
    public String name() {
        return "valgrind";
    }

    @Override
    public List<String> countNames() {
        return List.of("instructions", "branches_conditional", "branches_indirect");
    }

    /**
     * valgrind -q --tool=vbcount --trace-children=yes --vgdb=no GUEST: every process of the tree
     * runs counted; no vgdb FIFOs appear in the guest's /tmp.
     */
    @Override
    public List<String> launchCommand(List<String> guest) {
        List<String> options = List.of("-q", "--trace-children=yes", "--vgdb=no", "--error-limit=no");
        return tool.command(options, guest);
    }

    /**
     * Valgrind puts VALGRIND_LIB and LD_PRELOAD (a path below it) into the guest's environment,
     * and their length changes what the dynamic loader does: the directory is named by a link
     * whose path is the same on every host for this Valgrind version and tool source.
     */
    @Override
    public List<String> launchEnvironment() {
        return List.of("VALGRIND_LIB=" + stableLibDir);
    }

    @Override
    public boolean read(GuestThread thread, long[] out) {
        int n = memory.read(thread.tid(), tool.blockAddress(), HEADER);
        if (n != HEADER) {
            return false; // not (yet) a Valgrind process: the launcher shell, or valgrind's own launcher
        }
        Pointer p = memory.scratch(HEADER);
        if (p.getLong(VbcountLayout.OFF_MAGIC) != VbcountLayout.MAGIC) {
            return false;
        }
        out[INSTRUCTIONS] = p.getLong(VbcountLayout.OFF_INSNS);
        out[BRANCHES_CONDITIONAL] = p.getLong(VbcountLayout.OFF_COND_BRANCHES);
        out[BRANCHES_INDIRECT] = p.getLong(VbcountLayout.OFF_IND_BRANCHES);
        return true;
    }

    /** /tmp/.vbench-vbcount-VERSION-HASH -> the tool's cache directory, made once. */
    private static Path stableLink(VbcountTool tool) {
        Path target = tool.libDir().toAbsolutePath();
        Path link = Path.of("/tmp", ".vbench-vbcount-" + target.getFileName());
        try {
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
                return link;
            }
            Path tmp = Path.of("/tmp", ".vbench-vbcount-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            Files.createSymbolicLink(tmp, target);
            try {
                Files.move(tmp, link, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                return target; // another user's link: use the real path (counts then depend on it)
            }
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link the vbcount tool directory at " + link, e);
        }
    }
}
