package dev.vbench.core.handlers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host's process groups and kill(2), in memory: every process is in vbench's own group unless
 * a test moves it, and each kill is recorded in order instead of being sent.
 */
public final class FakeHostProcesses implements HostProcesses {
    /** vbench's own process group, which the root guest starts in. */
    public static final int OWN_GROUP = 500;

    /** One kill the handler sent: real pid and signal. */
    public record Kill(int realPid, int signal) {}

    private final Map<Integer, Integer> groups = new HashMap<>();
    private final Set<Integer> gone = new HashSet<>();
    /** Every kill sent, in order. */
    public final List<Kill> kills = new ArrayList<>();

    /** Puts real pid {@code realPid} in process group {@code group}. */
    public void setGroup(int realPid, int group) {
        groups.put(realPid, group);
    }

    /** The process has exited: a kill of it fails. */
    public void exited(int realPid) {
        gone.add(realPid);
    }

    @Override
    public int groupOf(int realPid) {
        return realPid == 0 ? OWN_GROUP : groups.getOrDefault(realPid, OWN_GROUP);
    }

    @Override
    public boolean kill(int realPid, int signal) {
        kills.add(new Kill(realPid, signal));
        return !gone.contains(realPid);
    }
}
