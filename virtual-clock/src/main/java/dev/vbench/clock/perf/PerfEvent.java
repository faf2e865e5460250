package dev.vbench.clock.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One perf_event_open event, named as on the command line:
 * <ul>
 *   <li>{@code instructions}: retired instructions (hardware, user space only);
 *   <li>{@code branches}: retired conditional branches, with the raw event of the CPU's vendor where
 *       it is known (Intel BR_INST_RETIRED.CONDITIONAL, AMD Zen ex_ret_cond; the events rr and Hermit
 *       use) and the generic branch-instructions event otherwise;
 *   <li>{@code sw:NAME}: a software event (task-clock, page-faults, context-switches, ...);
 *   <li>{@code tracepoint:CATEGORY:NAME}: a kernel tracepoint, e.g. raw_syscalls:sys_enter.
 * </ul>
 *
 * @param name        as given
 * @param type        perf_event_attr.type
 * @param config      perf_event_attr.config
 * @param userOnly    count user space only (exclude_kernel, exclude_hv)
 * @param description what the event is, for the result
 */
public record PerfEvent(String name, int type, long config, boolean userOnly, String description) {
    static final int TYPE_HARDWARE = 0, TYPE_SOFTWARE = 1, TYPE_TRACEPOINT = 2, TYPE_RAW = 4;
    private static final long HW_INSTRUCTIONS = 1, HW_BRANCH_INSTRUCTIONS = 4;
    private static final List<String> SOFTWARE = List.of("cpu-clock", "task-clock", "page-faults",
            "context-switches", "cpu-migrations", "minor-faults", "major-faults");
    private static final List<Path> TRACEFS = List.of(Path.of("/sys/kernel/tracing/events"),
            Path.of("/sys/kernel/debug/tracing/events"));

    /**
     * The name of this event's count in results and cost models: {@code instructions},
     * {@code branches_conditional} (the vendor's conditional-branch event) or {@code branches} (the
     * generic all-branches event, a different count), or the event's own name for software events
     * and tracepoints ({@code page-faults}, {@code raw_syscalls:sys_enter}).
     */
    /** Whether this is a hardware event, which needs a PMU. */
    public boolean hardware() {
        return type == TYPE_HARDWARE || type == TYPE_RAW;
    }

    public String countName() {
        if (name.equals("instructions")) {
            return "instructions";
        }
        if (name.equals("branches")) {
            return type == TYPE_RAW ? "branches_conditional" : "branches";
        }
        return name.substring(name.indexOf(':') + 1);
    }

    public static PerfEvent parse(String spec, String cpuinfo) {
        String s = spec.trim();
        if (s.equals("instructions")) {
            return new PerfEvent(s, TYPE_HARDWARE, HW_INSTRUCTIONS, true, "retired instructions");
        }
        if (s.equals("branches")) {
            return conditionalBranches(cpuinfo);
        }
        if (s.startsWith("sw:")) {
            int index = SOFTWARE.indexOf(s.substring(3));
            if (index < 0) {
                throw new IllegalArgumentException("unknown software event '" + s + "'; known: sw:" + String.join(", sw:", SOFTWARE));
            }
            return new PerfEvent(s, TYPE_SOFTWARE, index, false, "software event " + s.substring(3));
        }
        if (s.startsWith("tracepoint:")) {
            String[] parts = s.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("a tracepoint is tracepoint:CATEGORY:NAME, not '" + s + "'");
            }
            return new PerfEvent(s, TYPE_TRACEPOINT, tracepointId(parts[1], parts[2]), false, "tracepoint " + parts[1] + ":" + parts[2]);
        }
        throw new IllegalArgumentException("unknown perf event '" + s
                + "'; use instructions, branches, sw:NAME or tracepoint:CATEGORY:NAME");
    }

    /** The raw retired-conditional-branch event of the CPU vendor, or the generic branch event. */
    static PerfEvent conditionalBranches(String cpuinfo) {
        String c = cpuinfo.toLowerCase(Locale.ROOT);
        if (c.contains("genuineintel")) {
            return new PerfEvent("branches", TYPE_RAW, 0x5101c4L, true,
                    "retired conditional branches (Intel BR_INST_RETIRED.CONDITIONAL, raw 0x5101c4)");
        }
        if (c.contains("authenticamd") && zen(c)) {
            return new PerfEvent("branches", TYPE_RAW, 0x5100d1L, true,
                    "retired conditional branches (AMD Zen ex_ret_cond, raw 0x5100d1)");
        }
        return new PerfEvent("branches", TYPE_HARDWARE, HW_BRANCH_INSTRUCTIONS, true,
                "retired branch instructions (generic event: this CPU's conditional-branch event is not known)");
    }

    private static boolean zen(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("cpu family")) {
                int family = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                return family >= 0x17;
            }
        }
        return false;
    }

    private static long tracepointId(String category, String name) {
        for (Path root : TRACEFS) {
            Path id = root.resolve(category).resolve(name).resolve("id");
            if (Files.isReadable(id)) {
                try {
                    return Long.parseLong(Files.readString(id).trim());
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + id + ": " + e.getMessage());
                }
            }
        }
        throw new IllegalArgumentException("tracepoint " + category + ":" + name
                + " not found: is tracefs mounted? (as root: mount -t tracefs nodev /sys/kernel/tracing)");
    }
}
