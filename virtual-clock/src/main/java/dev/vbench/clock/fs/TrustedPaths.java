package dev.vbench.clock.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Which paths vbench may trust while it runs as root on a machine other users share: a path is
 * trusted when no other user can create, replace or change anything on the way to it. Every
 * component is examined with lstat (never through a link): it must be owned by root or by this
 * process's effective user, and a directory must not be writable by group or others unless it is
 * sticky (like /tmp: others may then add names, but not rename or remove ours, and the next
 * component's owner is checked in turn). A symbolic link on the way must be owned by root or us,
 * and its target is checked the same way. What passes cannot change afterwards unless root or we
 * change it, so there is no window between the check and the use.
 *
 * <p>POSIX ACLs and file capabilities are not examined; a file system mounted by another user
 * (FUSE) shows that user's files as theirs and is refused.
 */
public final class TrustedPaths {
    private TrustedPaths() {}

    /** Unix mode bits. */
    private static final int GROUP_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final int MAX_LINKS = 40;

    private static final long EUID = readEuid();

    /** A path that another user could create, replace or change; the message says which component and why. */
    public static final class UntrustedPathException extends IOException {
        private static final long serialVersionUID = 1L;
        private final Path component;

        public UntrustedPathException(Path component, String message) {
            super(message);
            this.component = component;
        }

        /** The component that failed the check. */
        public Path component() {
            return component;
        }
    }

    /** This process's effective user id (from /proc/self/status). */
    public static long euid() {
        return EUID;
    }

    private static long readEuid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot tell this process's user id", e);
        }
    }

    /** Owner uid and mode of {@code p} itself (lstat). */
    public record Stat(long uid, int mode, boolean directory, boolean symbolicLink, boolean regularFile) {}

    public static Stat lstat(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:uid,mode,isDirectory,isSymbolicLink,isRegularFile",
                LinkOption.NOFOLLOW_LINKS);
        return new Stat(((Number) a.get("uid")).longValue(), ((Number) a.get("mode")).intValue(),
                (Boolean) a.get("isDirectory"), (Boolean) a.get("isSymbolicLink"), (Boolean) a.get("isRegularFile"));
    }

    /** Whether a file of this owner and mode can be changed only by root or us. */
    static boolean ownerTrusted(long uid) {
        return uid == 0 || uid == EUID;
    }

    private static String describe(Stat s) {
        return "owned by uid " + s.uid() + ", mode " + String.format("%04o", s.mode() & 07777);
    }

    /**
     * Checks every component of {@code path} (made absolute) from the root down, following links
     * only after checking them. The last component may be a directory or any file; a missing
     * component is a NoSuchFileException.
     *
     * @throws UntrustedPathException naming the first component another user controls
     */
    public static void check(Path path) throws IOException {
        check(path.toAbsolutePath().normalize(), 0);
    }

    private static Path check(Path absolute, int links) throws IOException {
        Path current = absolute.getRoot();
        checkDirectory(current, lstat(current));
        for (Path name : absolute) {
            Path next = current.resolve(name);
            Stat s = lstat(next);
            if (!ownerTrusted(s.uid())) {
                throw new UntrustedPathException(next, next + " is " + describe(s)
                        + ": another user controls it (vbench trusts only root's and its own user's files)");
            }
            if (s.symbolicLink()) {
                if (links >= MAX_LINKS) {
                    throw new UntrustedPathException(next, next + ": too many symbolic links on the way");
                }
                Path target = current.resolve(Files.readSymbolicLink(next)).normalize();
                next = check(target, links + 1);
                s = lstat(next);
            }
            if (s.directory()) {
                checkDirectory(next, s);
            } else if ((s.mode() & GROUP_OTHER_WRITE) != 0) {
                throw new UntrustedPathException(next, next + " is " + describe(s) + ": others may write to it");
            }
            current = next;
        }
        return current;
    }

    private static void checkDirectory(Path dir, Stat s) throws UntrustedPathException {
        if (!ownerTrusted(s.uid())) {
            throw new UntrustedPathException(dir, dir + " is " + describe(s) + ": another user controls it");
        }
        if ((s.mode() & GROUP_OTHER_WRITE) != 0 && (s.mode() & STICKY) == 0) {
            throw new UntrustedPathException(dir, dir + " is " + describe(s)
                    + ": others may write to it and it is not sticky, so anything in it can be replaced");
        }
    }

    /**
     * Creates {@code dir} and any missing parent with mode 0700 (never through a link planted in
     * the meantime: each new component is checked with lstat after mkdir), then checks the whole
     * path. Existing components are kept as they are if they pass.
     */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        check(existing); // nothing is made inside a directory another user controls
        for (Path current = existing; !current.equals(absolute); ) {
            current = current.resolve(existing.relativize(absolute).getName(current.getNameCount() - existing.getNameCount()));
            try {
                Files.createDirectory(current, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Stat s = lstat(current);
                if (!s.directory() || s.uid() != EUID) {
                    throw new UntrustedPathException(current, current + " was replaced right after vbench made it");
                }
            } catch (FileAlreadyExistsException exists) {
                // made meanwhile (by another vbench): checked below, with the rest of the path
            }
        }
        check(absolute);
        return absolute;
    }

    /**
     * Deletes {@code path} and, if it is a directory, everything in it, through directory handles
     * (openat/unlinkat): a link swapped in during the walk is removed as a link, never followed,
     * so a tree another user controls can be removed as root without deleting elsewhere.
     */
    public static void deleteTree(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            if (!(ds instanceof SecureDirectoryStream<Path> sds)) {
                throw new IOException("this platform cannot delete " + absolute + " safely (no openat)");
            }
            deleteEntry(sds, absolute.getFileName());
        }
    }

    private static void deleteEntry(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        boolean directory;
        try {
            directory = parent.getFileAttributeView(name, java.nio.file.attribute.BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes().isDirectory();
        } catch (NoSuchFileException gone) {
            return;
        }
        if (!directory) {
            try {
                parent.deleteFile(name);
            } catch (NoSuchFileException gone) {
                // already removed
            }
            return;
        }
        try (SecureDirectoryStream<Path> child = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : child) {
                deleteEntry(child, entry.getFileName());
            }
        } catch (NoSuchFileException gone) {
            return;
        }
        try {
            parent.deleteDirectory(name);
        } catch (NoSuchFileException gone) {
            // already removed
        }
    }
}
