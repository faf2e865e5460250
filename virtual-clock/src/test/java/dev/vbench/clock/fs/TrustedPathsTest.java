package dev.vbench.clock.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ownership and mode rules, on directories and links planted as uid 65534 (needs root to chown). */
class TrustedPathsTest {
    static final int NOBODY = 65534;

    @TempDir
    Path tmp;

    static void chown(Path p, int uid) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
    }

    static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    static void assumeRoot() {
        assumeTrue(TrustedPaths.euid() == 0, "planting files of another user needs root");
    }

    @Test
    void ownPrivateDirectoriesPass() throws IOException {
        Path made = TrustedPaths.createPrivateDirectories(tmp.resolve("a/b/c"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a")))).isEqualTo("rwx------");
        TrustedPaths.check(made);
        TrustedPaths.check(Path.of("/tmp")); // root's and sticky
    }

    @Test
    void aDirectoryOfAnotherUserOnTheWayIsRefused() throws IOException {
        assumeRoot();
        Path theirs = Files.createDirectories(tmp.resolve("theirs"));
        Path mine = Files.createDirectories(theirs.resolve("mine"));
        chown(theirs, NOBODY);
        assertThatThrownBy(() -> TrustedPaths.check(mine))
                .isInstanceOf(TrustedPaths.UntrustedPathException.class)
                .hasMessageContaining(theirs + " is owned by uid 65534");
        assertThatThrownBy(() -> TrustedPaths.createPrivateDirectories(mine.resolve("x")))
                .isInstanceOf(TrustedPaths.UntrustedPathException.class);
    }

    @Test
    void writableByOthersIsRefusedUnlessSticky() throws IOException {
        Path open = Files.createDirectories(tmp.resolve("open"));
        Path inside = Files.createDirectories(open.resolve("inside"));
        chmod(open, "rwxrwxrwx");
        assertThatThrownBy(() -> TrustedPaths.check(inside))
                .isInstanceOf(TrustedPaths.UntrustedPathException.class)
                .hasMessageContaining("mode 0777").hasMessageContaining("not sticky");
        Files.setAttribute(open, "unix:mode", 01777);
        TrustedPaths.check(inside); // sticky: others cannot rename or remove what is ours in it
        Path file = Files.writeString(inside.resolve("f"), "x");
        chmod(file, "rw-rw-rw-");
        assertThatThrownBy(() -> TrustedPaths.check(file)).hasMessageContaining("others may write to it");
        chmod(inside, "rwxrwx---");
        assertThatThrownBy(() -> TrustedPaths.check(inside)).hasMessageContaining("mode 0770");
    }

    @Test
    void aLinkOnTheWayIsCheckedAndSoIsItsTarget() throws IOException {
        assumeRoot();
        Path real = Files.createDirectories(tmp.resolve("real/dir"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        TrustedPaths.check(link.resolve("."));
        chown(link, NOBODY);
        assertThatThrownBy(() -> TrustedPaths.check(link)).hasMessageContaining(link + " is owned by uid 65534");
        Files.delete(link);
        Files.createSymbolicLink(link, real);
        chown(real.getParent(), NOBODY);
        assertThatThrownBy(() -> TrustedPaths.check(link)).hasMessageContaining(real.getParent() + " is owned by uid 65534");
    }

    @Test
    void deleteTreeRemovesLinksWithoutFollowingThem() throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim"), "keep me");
        Path victimDir = Files.createDirectories(tmp.resolve("victimdir"));
        Files.writeString(victimDir.resolve("also"), "keep me too");
        Path tree = Files.createDirectories(tmp.resolve("tree/sub/subsub"));
        Files.writeString(tree.resolve("f"), "x");
        Files.createSymbolicLink(tmp.resolve("tree/sub/to-victim"), victim);
        Files.createSymbolicLink(tmp.resolve("tree/to-dir"), victimDir);
        TrustedPaths.deleteTree(tmp.resolve("tree"));
        assertThat(tmp.resolve("tree")).doesNotExist();
        assertThat(victim).hasContent("keep me");
        assertThat(victimDir.resolve("also")).hasContent("keep me too");
    }
}
