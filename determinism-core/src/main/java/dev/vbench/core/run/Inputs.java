package dev.vbench.core.run;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run read from the host's file system: a digest over every input, and the inputs
 * themselves ("dir PATH" or "file PATH" to what it was), so two runs can be compared and a
 * difference named. {@code hidden} are vbench's own outputs kept out of the guest's listings.
 */
public record Inputs(String digest, Map<String, String> entries, Set<String> hidden) {
    public Inputs {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        hidden = Collections.unmodifiableSet(new TreeSet<>(hidden));
    }

    public long directories() {
        return entries.keySet().stream().filter(k -> k.startsWith("dir ")).count();
    }

    public long files() {
        return entries.keySet().stream().filter(k -> k.startsWith("file ")).count();
    }
}
