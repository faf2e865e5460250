package dev.vbench.clock.valgrind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A built vbcount tool: the directory to use as {@code VALGRIND_LIB} and what build.sh recorded
 * about it. Plain data.
 *
 * @param libDir the directory holding {@code vbcount-amd64-linux}, {@code vgpreload_core-amd64-linux.so}
 *     and links to the stock tools; pass it as {@code VALGRIND_LIB}
 * @param valgrind the valgrind launcher the tool was built for (as given to the builder)
 * @param valgrindVersion output of {@code valgrind --version}, e.g. {@code valgrind-3.19.0}
 * @param blockAddress address of {@code vbcount_block} in every process running the tool (the tool
 *     is a static executable linked at 0x58000000, so this is fixed; from {@code nm})
 * @param blockSize size of the block in bytes
 * @param privateSyscallSite the address after the tool's private {@code syscall} instruction
 *     ({@code vbcount_private_syscall_end}), through which Valgrind's per-time-slice housekeeping
 *     calls go (vb_housekeeping.c); fixed like the block's
 */
public record VbcountTool(Path libDir, String valgrind, String valgrindVersion, long blockAddress,
                          long blockSize, long privateSyscallSite) {

    public static final String TOOL_NAME = "vbcount";
    public static final String BINARY_NAME = "vbcount-amd64-linux";
    public static final String PROPERTIES_NAME = "vbcount-block.properties";

    public VbcountTool {
        Objects.requireNonNull(libDir, "libDir");
        Objects.requireNonNull(valgrind, "valgrind");
        Objects.requireNonNull(valgrindVersion, "valgrindVersion");
    }

    /** The tool executable inside {@link #libDir()}. */
    public Path toolBinary() {
        return libDir.resolve(BINARY_NAME);
    }

    /** Environment variables to add to the guest's launcher environment. */
    public Map<String, String> environment() {
        return Map.of("VALGRIND_LIB", libDir.toString());
    }

    /**
     * The command line {@code valgrind --tool=vbcount [valgrindOptions] guest...}; the caller
     * supplies {@link #environment()}. Typical options: {@code --vbcount-addr-file=PATH},
     * {@code --vbcount-out=PATH}, {@code -q}.
     */
    public List<String> command(List<String> valgrindOptions, List<String> guest) {
        List<String> cmd = new ArrayList<>(2 + valgrindOptions.size() + guest.size());
        cmd.add(valgrind);
        cmd.add("--tool=" + TOOL_NAME);
        cmd.addAll(valgrindOptions);
        cmd.addAll(guest);
        return List.copyOf(cmd);
    }
}
