package dev.vbench.cli;

import dev.vbench.reports.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Where a command's rendering goes: standard output, or a file given with {@code --out}, replaced
 * atomically (a reader never sees half a report). Errors are {@link UserError}s naming the file.
 */
final class Outputs {
    /** Renders into a writer; must not close it. */
    @FunctionalInterface
    interface Rendering {
        void writeTo(Writer out) throws IOException;
    }

    /** The process environment; tests replace it to try variables without a new JVM. */
    static Map<String, String> environment = System.getenv();

    /** For reading inputs in parallel; daemon threads, so an error exit never waits for them. */
    static final java.util.concurrent.Executor READER = task -> {
        Thread t = new Thread(task, "vbench-read");
        t.setDaemon(true);
        t.start();
    };

    private Outputs() {}

    /** The value of a background task; its UserError (or other failure) is rethrown as is. */
    static <T> T join(java.util.concurrent.CompletableFuture<T> pending) {
        try {
            return pending.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    static void write(Path file, String option, Rendering rendering) {
        if (file == null) {
            try {
                Writer out = new OutputStreamWriter(new dev.vbench.reports.io.NonClosingOutputStream(System.out), StandardCharsets.UTF_8);
                rendering.writeTo(out);
                out.flush();
            } catch (IOException e) {
                throw new UserError(ExitCodes.INTERNAL, "cannot write to standard output: " + e.getMessage());
            }
            return;
        }
        if (Files.isDirectory(file)) {
            throw new UserError(option + " " + file + ": is a directory");
        }
        try {
            AtomicFiles.write(file, stream -> {
                Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                rendering.writeTo(out);
                out.flush();
            });
        } catch (NoSuchFileException e) {
            throw new UserError(option + " " + file + ": no such directory " + file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UserError(option + " " + file + ": cannot write it: " + e);
        }
    }

    /** Appends to a file (creating it), as GitHub's job summary wants. */
    static void append(Path file, String what, Rendering rendering) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            rendering.writeTo(out);
        } catch (IOException e) {
            throw new UserError(what + " " + file + ": cannot append to it: " + e);
        }
    }

    /** True if standard output is a terminal (and stdin: Java 17 cannot tell them apart). */
    static boolean stdoutIsTerminal() {
        return System.console() != null;
    }
}
