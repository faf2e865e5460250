package dev.vbench.core.handlers;

import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.StateKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the guest read from the host's file system, as evidence for a run's determinism: every
 * directory it listed (with a digest of the names it saw) and every file it opened for reading
 * (with the file's size and modification time, or that it was absent). Two runs that read the same
 * inputs have the same digest; when they differ, the entries say which input changed. A file the
 * run itself created or opened for writing is its own product from then on, not an input: its
 * modification time is the wall-clock moment it was written (a compiler's temporary assembly
 * file, an object file the linker reads back). Also the paths vbench hid from the guest's
 * listings (its own output files). One per run.
 */
public final class InputLog {
    private static final StateKey<InputLog> RUN = StateKey.of("input log", InputLog::new);

    private final Map<String, String> entries = new TreeMap<>();
    private final Set<String> hidden = new TreeSet<>();
    /** Files the run created or wrote: never inputs after that. */
    private final Set<String> written = new java.util.HashSet<>();

    public static InputLog of(GuestTree tree) {
        return tree.state().get(RUN);
    }

    void directoryListed(String path, List<byte[]> names) {
        MessageDigest md = sha256();
        for (byte[] name : names) {
            md.update(name);
            md.update((byte) 0);
        }
        entries.put("dir " + path, names.size() + " entries, names " + HexFormat.of().formatHex(md.digest(), 0, 8));
    }

    /**
     * The file at {@code path} is opened for reading: logged as {@code identity} gives it now (null:
     * not at all), unless the run wrote it itself. {@code identity} is asked only then.
     */
    void fileRead(String path, java.util.function.Supplier<String> identity) {
        if (!written.contains(path)) {
            String what = identity.get();
            if (what != null) {
                entries.put("file " + path, what);
            }
        }
    }

    /** The run creates or opens {@code path} for writing: from now on the file is its own. */
    void fileWritten(String path) {
        written.add(path);
    }

    void hid(String path) {
        hidden.add(path);
    }

    /** Every input, "dir PATH" or "file PATH" to what it was, sorted. */
    public Map<String, String> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** vbench's own outputs the guest would have seen in a listing, had they not been hidden. */
    public Set<String> hidden() {
        return Collections.unmodifiableSet(hidden);
    }

    /** A digest of every input and what it was: equal runs read equal inputs. */
    public String digest() {
        MessageDigest md = sha256();
        entries.forEach((k, v) -> md.update((k + "\t" + v + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
