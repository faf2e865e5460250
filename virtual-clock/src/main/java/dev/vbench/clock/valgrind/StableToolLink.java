package dev.vbench.clock.valgrind;

import dev.vbench.clock.fs.TrustedPaths;
import dev.vbench.clock.fs.TrustedPaths.Stat;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The path the guest sees as {@code VALGRIND_LIB}: {@code /tmp/.vbench-vbcount-VERSION-HASH}, a
 * symbolic link to the tool's directory in the cache. Valgrind puts VALGRIND_LIB and LD_PRELOAD (a
 * path below it) into the guest's environment, and their length and bytes change what the dynamic
 * loader does, so the path must be the same on every host whatever the cache's path; no path
 * outside a shared directory is (a home directory differs between hosts and users), so the name is
 * in /tmp, and everything about it is checked before it is used:
 *
 * <ul>
 *   <li>the tool directory it points to and every directory on the way there pass
 *       {@link TrustedPaths#check} (owned by root or us, not writable by others unless sticky);</li>
 *   <li>/tmp passes the same check (root's, sticky), so only root and the link's owner can remove or
 *       replace the link once it is ours;</li>
 *   <li>the link is used only if lstat says it is a link owned by us (or root) whose target is
 *       exactly the tool directory. Anything else at that name (another user's link or
 *       directory, a stale link of ours) is replaced by an atomic rename of a new link made under
 *       a random name, then checked again; as root, a directory another user planted is first
 *       moved aside and deleted through directory handles, never followed. A user who is not root
 *       cannot replace another user's entry in a sticky /tmp: vbench then refuses the counter,
 *       naming the entry's owner, rather than use it or silently change what the guest sees.</li>
 * </ul>
 */
final class StableToolLink {
    static final String PREFIX = ".vbench-vbcount-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StableToolLink() {}

    /** The checked link {@code linkDir/.vbench-vbcount-NAME} to {@code toolDir}; linkDir is /tmp outside tests. */
    static Path ensure(Path toolDir, Path linkDir) throws VbcountBuildException {
        Path target = toolDir.toAbsolutePath().normalize();
        Path link = linkDir.resolve(PREFIX + target.getFileName());
        try {
            TrustedPaths.check(target);
            TrustedPaths.check(linkDir);
            for (int attempt = 0; attempt < 5; attempt++) {
                Stat s = statOrNull(link);
                if (s != null && s.symbolicLink() && (s.uid() == TrustedPaths.euid() || s.uid() == 0)
                        && Files.readSymbolicLink(link).equals(target)) {
                    return link;
                }
                replace(link, s, target, linkDir);
            }
            throw new VbcountBuildException(link + " keeps changing under vbench; another process is racing for it");
        } catch (VbcountBuildException e) {
            throw e;
        } catch (TrustedPaths.UntrustedPathException e) {
            throw new VbcountBuildException("vbench will not load the vbcount tool through a path another user controls: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new VbcountBuildException("cannot link the vbcount tool directory at " + link + ": " + e, e);
        }
    }

    private static Stat statOrNull(Path p) throws IOException {
        try {
            return TrustedPaths.lstat(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Puts a new link of ours at {@code link}, whatever is there now (as far as this user may). */
    private static void replace(Path link, Stat existing, Path target, Path linkDir) throws IOException {
        boolean mine = existing == null || existing.uid() == TrustedPaths.euid();
        if (!mine && TrustedPaths.euid() != 0) {
            throw new VbcountBuildException(link + " exists and belongs to uid " + existing.uid()
                    + ", not to this user: vbench will not use it and cannot replace it; ask its owner or root"
                    + " to remove it");
        }
        if (existing != null && existing.directory()) {
            // rename(2) cannot put a link over a directory: move it aside, then delete it without following links.
            Path aside = linkDir.resolve(".vbench-removed-" + HexFormat.of().toHexDigits(RANDOM.nextLong()));
            try {
                Files.move(link, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException gone) {
                return;
            }
            TrustedPaths.deleteTree(aside);
        }
        Path tmp = linkDir.resolve(PREFIX + "new-" + HexFormat.of().toHexDigits(RANDOM.nextLong()));
        try {
            Files.createSymbolicLink(tmp, target);
        } catch (FileAlreadyExistsException taken) {
            return; // someone planted that random name: try again with another
        }
        try {
            Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
