package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandResolverTest {
    @TempDir
    Path dir;

    private Path file(Path in, String name, String perms) throws IOException {
        Files.createDirectories(in);
        Path p = Files.writeString(in.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    private static CommandResolver.Unrunnable unrunnable(String program, String path) {
        try {
            CommandResolver.resolve(program, path);
        } catch (CommandResolver.Unrunnable e) {
            return e;
        }
        throw new AssertionError(program + " resolved");
    }

    @Test
    void findsAnExecutableInPath() throws Exception {
        Path bin = dir.resolve("bin");
        Path prog = file(bin, "prog", "rwxr-xr-x");
        assertThat(CommandResolver.resolve("prog", bin.toString())).isEqualTo(prog.toAbsolutePath().toString());
    }

    @Test
    void theFirstExecutableInPathOrderWins() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        file(a, "prog", "rw-r--r--"); // not executable: skipped, as a shell does
        Files.createDirectories(b.resolve("prog")); // a directory: skipped
        Path inC = file(c, "prog", "rwxr-xr-x");
        file(dir.resolve("d"), "prog", "rwxr-xr-x");
        String path = String.join(File.pathSeparator, dir.resolve("missing").toString(), a.toString(), b.toString(),
                c.toString(), dir.resolve("d").toString());
        assertThat(CommandResolver.resolve("prog", path)).isEqualTo(inC.toString());
    }

    @Test
    void notFoundInPathIs127() throws Exception {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        CommandResolver.Unrunnable e = unrunnable("vbench-no-such-prog", bin.toString());
        assertThat(e.exitCode).isEqualTo(127);
        assertThat(e.getMessage()).isEqualTo("vbench-no-such-prog: command not found");
    }

    @Test
    void onlyANonExecutableInPathIsNotFound() throws Exception {
        Path bin = dir.resolve("bin");
        file(bin, "prog", "rw-r--r--");
        assertThat(unrunnable("prog", bin.toString()).exitCode).isEqualTo(127);
    }

    @Test
    void emptyProgramIs127() {
        CommandResolver.Unrunnable e = unrunnable("", "/bin");
        assertThat(e.exitCode).isEqualTo(127);
        assertThat(e.getMessage()).isEqualTo("'': command not found");
    }

    @Test
    void aPathWithASlashIsUsedAsGiven() throws Exception {
        Path prog = file(dir, "tool", "rwx------");
        assertThat(CommandResolver.resolve(prog.toString(), "/nonexistent")).isEqualTo(prog.toString());
    }

    @Test
    void aMissingPathIs127() {
        String missing = dir.resolve("nope").toString();
        CommandResolver.Unrunnable e = unrunnable(missing, "/bin");
        assertThat(e.exitCode).isEqualTo(127);
        assertThat(e.getMessage()).isEqualTo(missing + ": No such file or directory");
    }

    @Test
    void aNonExecutableFileIs126() throws Exception {
        Path p = file(dir, "data", "rw-r--r--");
        CommandResolver.Unrunnable e = unrunnable(p.toString(), "/bin");
        assertThat(e.exitCode).isEqualTo(126);
        assertThat(e.getMessage()).isEqualTo(p + ": Permission denied");
    }

    @Test
    void aDirectoryIs126() {
        CommandResolver.Unrunnable e = unrunnable(dir.toString(), "/bin");
        assertThat(e.exitCode).isEqualTo(126);
        assertThat(e.getMessage()).isEqualTo(dir + ": Is a directory");
    }

    @Test
    void exitCodesAreTheShells() {
        assertThat(ExitCodes.NOT_FOUND).isEqualTo(127);
        assertThat(ExitCodes.NOT_EXECUTABLE).isEqualTo(126);
        assertThat(ExitCodes.RUN_FAILED).isEqualTo(125);
    }

    @Test
    void unrunnableIsAChecked() {
        assertThatThrownBy(() -> CommandResolver.resolve("", null)).isInstanceOf(Exception.class)
                .isNotInstanceOf(RuntimeException.class);
    }
}
