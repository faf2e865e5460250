package dev.vbench.clock.valgrind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vbench.clock.fs.TrustedPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VALGRIND_LIB link: only a link of ours to the right directory is used; another user's link
 * or directory at that name (uid 65534, planted first) is replaced, never followed; a non-root
 * vbench refuses it; bad modes anywhere on the way refuse the counter; and the guest's environment
 * is the same whatever the cache's path. Planting needs root (chown); the suite runs as root in CI.
 */
class StableToolLinkTest {
    static final int NOBODY = 65534;
    static final String TOOL = "valgrind-3.19.0-0123456789ab";

    @TempDir
    Path work;

    Path linkDir;

    @BeforeEach
    void sharedDirectoryLikeTmp() throws IOException {
        linkDir = Files.createDirectories(work.resolve("tmp"));
        Files.setAttribute(linkDir, "unix:mode", 01777); // root's and sticky, as /tmp
        Files.setAttribute(work, "unix:mode", 0755);
    }

    static void assumeRoot() {
        assumeTrue(TrustedPaths.euid() == 0, "planting files of another user needs root");
    }

    static void chownTree(Path p, int uid) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk::iterator) {
                Files.setAttribute(q, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** A complete-looking tool directory (what build.sh leaves), mode 0700 like a real one. */
    static Path fakeTool(Path parent) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(TOOL));
        Files.setAttribute(dir, "unix:mode", 0700);
        Files.writeString(dir.resolve(VbcountTool.BINARY_NAME), "tool");
        Files.writeString(dir.resolve(VbcountTool.PROPERTIES_NAME), "block_addr=0x58000000\n");
        Files.writeString(dir.resolve("vgpreload_core-amd64-linux.so"), "preload");
        return dir;
    }

    static VbcountTool tool(Path dir) {
        return new VbcountTool(dir, "valgrind", "valgrind-3.19.0", 0x58000000L, 64, 0x58001000L);
    }

    Path link() {
        return linkDir.resolve(StableToolLink.PREFIX + TOOL);
    }

    @Test
    void makesACheckedLinkAndReusesIt() throws Exception {
        Path target = fakeTool(Files.createDirectories(work.resolve("cache")));
        assertThat(StableToolLink.ensure(target, linkDir)).isEqualTo(link());
        assertThat(Files.readSymbolicLink(link())).isEqualTo(target);
        Object inode = Files.getAttribute(link(), "unix:ino", LinkOption.NOFOLLOW_LINKS);
        assertThat(StableToolLink.ensure(target, linkDir)).isEqualTo(link());
        assertThat(Files.getAttribute(link(), "unix:ino", LinkOption.NOFOLLOW_LINKS)).as("reused, not remade").isEqualTo(inode);
        try (var left = Files.list(linkDir)) {
            assertThat(left).as("no temporary links left").containsExactly(link());
        }
    }

    @Test
    void anotherUsersLinkIsReplacedEvenIfItPointsAtTheRightDirectory() throws Exception {
        assumeRoot();
        Path target = fakeTool(Files.createDirectories(work.resolve("cache")));
        // The old code used such a link because its target was right; its owner could swap it before Valgrind loads.
        Files.createSymbolicLink(link(), target);
        chownTree(link(), NOBODY);
        StableToolLink.ensure(target, linkDir);
        assertThat(TrustedPaths.lstat(link()).uid()).isZero();
        assertThat(Files.readSymbolicLink(link())).isEqualTo(target);

        Path evil = fakeTool(Files.createDirectories(work.resolve("evil")));
        Files.delete(link());
        Files.createSymbolicLink(link(), evil);
        chownTree(link(), NOBODY);
        StableToolLink.ensure(target, linkDir);
        assertThat(Files.readSymbolicLink(link())).isEqualTo(target);
        assertThat(TrustedPaths.lstat(link()).uid()).isZero();
    }

    @Test
    void anotherUsersDirectoryIsMovedAsideAndDeletedWithoutFollowingItsLinks() throws Exception {
        assumeRoot();
        Path target = fakeTool(Files.createDirectories(work.resolve("cache")));
        Path victim = Files.writeString(work.resolve("victim"), "keep me");
        Path planted = Files.createDirectories(link());
        Files.writeString(planted.resolve(VbcountTool.BINARY_NAME), "evil tool");
        Files.createSymbolicLink(planted.resolve("vgpreload_core-amd64-linux.so"), victim);
        Files.createDirectories(planted.resolve("sub"));
        Files.createSymbolicLink(planted.resolve("sub/up"), work);
        chownTree(planted, NOBODY);
        StableToolLink.ensure(target, linkDir);
        assertThat(TrustedPaths.lstat(link()).symbolicLink()).isTrue();
        assertThat(Files.readSymbolicLink(link())).isEqualTo(target);
        assertThat(victim).hasContent("keep me");
        assertThat(target.resolve(VbcountTool.BINARY_NAME)).hasContent("tool");
        try (var left = Files.list(linkDir)) {
            assertThat(left).as("the planted directory is gone, nothing else left").containsExactly(link());
        }
    }

    @Test
    void ourOwnStaleLinkOrDirectoryIsReplaced() throws Exception {
        Path target = fakeTool(Files.createDirectories(work.resolve("cache")));
        Files.createSymbolicLink(link(), work.resolve("gone"));
        StableToolLink.ensure(target, linkDir);
        assertThat(Files.readSymbolicLink(link())).isEqualTo(target);
        Files.delete(link());
        Files.createDirectories(link().resolve("x"));
        StableToolLink.ensure(target, linkDir);
        assertThat(Files.readSymbolicLink(link())).isEqualTo(target);
    }

    @Test
    void badModesOnTheWayRefuseTheCounter() throws Exception {
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path target = fakeTool(cache);
        Files.setAttribute(cache, "unix:mode", 0777);
        assertThatThrownBy(() -> StableToolLink.ensure(target, linkDir))
                .isInstanceOf(VbcountBuildException.class)
                .hasMessageContaining("will not load the vbcount tool through a path another user controls")
                .hasMessageContaining(cache + " is owned by uid 0, mode 0777");
        Files.setAttribute(cache, "unix:mode", 0755);
        Files.setAttribute(target, "unix:mode", 0757);
        assertThatThrownBy(() -> StableToolLink.ensure(target, linkDir)).hasMessageContaining(target + " is owned");
        Files.setAttribute(target, "unix:mode", 0700);
        Files.setAttribute(linkDir, "unix:mode", 0777); // a /tmp without its sticky bit
        assertThatThrownBy(() -> StableToolLink.ensure(target, linkDir)).hasMessageContaining("not sticky");
        assertThat(link()).doesNotExist();
    }

    @Test
    void aToolDirectoryOfAnotherUserIsRefused() throws Exception {
        assumeRoot();
        Path target = fakeTool(Files.createDirectories(work.resolve("cache")));
        chownTree(target, NOBODY);
        assertThatThrownBy(() -> StableToolLink.ensure(target, linkDir))
                .isInstanceOf(VbcountBuildException.class).hasMessageContaining("owned by uid 65534");
        assertThat(link()).doesNotExist();
    }

    /**
     * A user who is not root cannot replace another user's entry in a sticky directory: vbench says
     * whose it is and stops, rather than use it. Run as uid 65534 in a child JVM (setpriv), against a
     * link planted by root.
     */
    @Test
    void aUserWhoIsNotRootRefusesAnotherUsersLink() throws Exception {
        assumeRoot();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is missing");
        Files.setAttribute(work, "unix:mode", 0755);
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path target = fakeTool(cache);
        chownTree(cache, NOBODY);
        String classes = Path.of(StableToolLink.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String testClasses = Path.of(StableToolLinkTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Path rootLink = Files.createSymbolicLink(link(), work.resolve("somewhere-else")); // root's: nobody cannot replace it
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classes + ":" + testClasses,
                StableToolLinkMain.class.getName(), target.toString(), linkDir.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!out.contains("AccessDenied") && !out.contains("ClassNotFound"),
                "uid 65534 cannot read the test classes here: " + out);
        assertThat(out).as(out).contains("refused:").contains("belongs to uid 0, not to this user")
                .doesNotStartWith("used:");
        assertThat(Files.readSymbolicLink(rootLink)).isEqualTo(work.resolve("somewhere-else"));
    }

    @Test
    void theGuestsEnvironmentIsTheSameWhateverTheCachePath() throws Exception {
        Path shortCache = fakeTool(Files.createDirectories(work.resolve("c")));
        Path longCache = fakeTool(Files.createDirectories(work.resolve("a-much-longer/cache/directory/name/than/the/other")));
        ValgrindCounter a = new ValgrindCounter(tool(shortCache), 64, linkDir);
        List<String> envA = a.launchEnvironment();
        List<String> cmdA = a.launchCommand(List.of("/bin/true"));
        ValgrindCounter b = new ValgrindCounter(tool(longCache), 64, linkDir);
        assertThat(b.launchEnvironment()).isEqualTo(envA).containsExactly("VALGRIND_LIB=" + link());
        assertThat(b.launchCommand(List.of("/bin/true"))).isEqualTo(cmdA);
        assertThat(String.join(" ", cmdA) + envA).doesNotContain(work.resolve("c").toString() + "/")
                .doesNotContain("a-much-longer");
    }
}
