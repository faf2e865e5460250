package dev.vbench.clock.valgrind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vbench.clock.fs.TrustedPaths;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool's cache is loaded into every guest: a cache below a directory of another user (an
 * XDG_CACHE_HOME in /tmp that someone made first) or a tool directory planted in it is refused
 * before anything is built or loaded.
 */
class VbcountCacheTrustTest {
    @TempDir
    Path work;

    @BeforeEach
    void needs() {
        assumeTrue(ValgrindCounter.findInPath("valgrind") != null, "valgrind is not installed");
        assumeTrue(TrustedPaths.euid() == 0, "planting files of another user needs root");
    }

    @Test
    void aCacheBelowAnotherUsersDirectoryIsRefused() throws Exception {
        Path theirs = Files.createDirectories(work.resolve("shared-cache"));
        Files.setAttribute(theirs, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        Path cache = theirs.resolve("vbench/vbcount");
        assertThatThrownBy(() -> new VbcountToolBuilder().cacheDir(cache).build())
                .isInstanceOf(VbcountBuildException.class)
                .hasMessageContaining("will not build or load the vbcount tool")
                .hasMessageContaining("owned by uid 65534");
        assertThat(cache).doesNotExist();
    }

    @Test
    void aToolDirectoryPlantedInTheCacheIsRefused() throws Exception {
        Path cache = TrustedPaths.createPrivateDirectories(work.resolve("cache"));
        VbcountToolBuilder builder = new VbcountToolBuilder().cacheDir(cache);
        Path planted = Files.createDirectories(cache.resolve(VbcountToolBuilder.sanitize(builder.valgrindVersion())
                + "-" + VbcountToolBuilder.sourceHash()));
        Files.writeString(planted.resolve(VbcountTool.BINARY_NAME), "evil");
        Files.writeString(planted.resolve(VbcountTool.PROPERTIES_NAME),
                "block_addr=0x1\nblock_size=8\nvalgrind_version=valgrind-3.19.0\nprivate_syscall_ip=0x2\n");
        Files.writeString(planted.resolve("vgpreload_core-amd64-linux.so"), "evil");
        Files.setAttribute(planted.resolve(VbcountTool.BINARY_NAME), "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        assertThatThrownBy(builder::build)
                .isInstanceOf(VbcountBuildException.class)
                .hasMessageContaining("will not load the vbcount tool from " + planted)
                .hasMessageContaining("owned by uid 65534");
    }
}
