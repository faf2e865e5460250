package dev.vbench.baselines;

import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named results kept in one directory ({@code .vbench/baselines/} under the working directory by
 * default), one file {@code NAME.json} per baseline, each a plain result file.
 *
 * <p>Invariant: every {@code NAME.json} in the directory is a complete result, whatever happened
 * to the process that wrote it. Saving goes through {@link ResultIO#write(Result, Path)}, which
 * writes a temporary file in the same directory, fsyncs it, renames it over the target and fsyncs
 * the directory; a writer killed midway leaves at most a hidden {@code .NAME.json.*.tmp} that
 * {@link #list()} never shows and a later save of that name removes. Names are validated so that a name can never reach outside the
 * directory or collide with those temporaries.
 */
public final class BaselineStore {
    /** Where baselines live unless told otherwise, relative to the working directory. */
    public static final Path DEFAULT_DIR = Path.of(".vbench", "baselines");

    private static final String SUFFIX = ".json";
    private static final int MAX_NAME = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]*");

    /** One stored baseline: its name, file, and when it was last saved. */
    public record Entry(String name, Path file, FileTime saved) {}

    /** A name that is not a baseline name; the message says which rule it breaks. */
    public static final class InvalidNameException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidNameException(String message) {
            super(message);
        }
    }

    /** No baseline of that name in this store. */
    public static final class NoSuchBaselineException extends IOException {
        private static final long serialVersionUID = 1L;

        NoSuchBaselineException(String message) {
            super(message);
        }
    }

    private final Path dir;

    public BaselineStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Checks a baseline name: 1 to 100 characters of letters, digits and {@code . _ @ + -},
     * starting with a letter or digit (so no leading dot, no path separator, no "." or ".."),
     * not containing "..".
     *
     * @return the name, unchanged
     * @throws InvalidNameException saying what is wrong
     */
    public static String validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNameException("a baseline name cannot be empty");
        }
        String shown = "'" + name.replace("\n", "\\n") + "'";
        if (name.length() > MAX_NAME) {
            throw new InvalidNameException("baseline name " + shown + " is longer than " + MAX_NAME + " characters");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new InvalidNameException("baseline name " + shown + " contains a path separator");
        }
        if (name.startsWith(".")) {
            throw new InvalidNameException("baseline name " + shown + " starts with a dot");
        }
        if (name.contains("..")) {
            throw new InvalidNameException("baseline name " + shown + " contains '..'");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidNameException("baseline name " + shown + " may hold only letters, digits and . _ @ + -, "
                    + "and must start with a letter or digit");
        }
        return name;
    }

    /** The file of baseline {@code name} (which need not exist). */
    public Path file(String name) {
        return dir.resolve(validateName(name) + SUFFIX);
    }

    /** How old a writer's temporary must be before a save treats it as left by a crash. */
    static final Duration STALE = Duration.ofMinutes(10);

    /**
     * Saves {@code result} as baseline {@code name}, atomically replacing any baseline of that name,
     * then deletes temporaries of that name that writers killed long ago ({@link #STALE}) left
     * behind; a recent one may belong to a save still under way and is left alone.
     */
    public Path save(String name, Result result) throws IOException {
        Path file = file(name);
        Files.createDirectories(dir);
        ResultIO.write(result, file);
        removeStaleTemporaries(name, Instant.now().minus(STALE));
        return file;
    }

    /** Deletes {@code .NAME.json.*.tmp} files last modified before {@code cutoff}; returns how many. */
    int removeStaleTemporaries(String name, Instant cutoff) throws IOException {
        String prefix = "." + name + SUFFIX + ".";
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".tmp")
                        && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                    removed += Files.deleteIfExists(f) ? 1 : 0;
                }
            }
        }
        return removed;
    }

    /**
     * The baseline's result.
     *
     * @throws NoSuchBaselineException if there is none of that name (the message lists the store)
     * @throws dev.vbench.reports.io.ResultFormatException if the file is not a readable result
     */
    public Result load(String name) throws IOException {
        Path file = file(name);
        try {
            return ResultIO.read(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchBaselineException(noSuch(name));
        }
    }

    /** Every baseline, sorted by name; an absent directory is an empty store. */
    public List<Entry> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String fileName = f.getFileName().toString();
                if (!fileName.endsWith(SUFFIX) || !Files.isRegularFile(f)) {
                    continue;
                }
                String name = fileName.substring(0, fileName.length() - SUFFIX.length());
                if (!isValid(name)) {
                    continue; // temporaries (.NAME.json.x.tmp never end in .json) and foreign files
                }
                entries.add(new Entry(name, f, Files.getLastModifiedTime(f)));
            }
        }
        return List.copyOf(entries);
    }

    /**
     * Deletes baseline {@code name}.
     *
     * @throws NoSuchBaselineException if there is none of that name
     */
    public void delete(String name) throws IOException {
        Path file = file(name);
        if (!Files.deleteIfExists(file)) {
            throw new NoSuchBaselineException(noSuch(name));
        }
    }

    private String noSuch(String name) throws IOException {
        List<Entry> all = list();
        return "no baseline named '" + name + "' in " + dir
                + (all.isEmpty() ? " (there are none; save one with vbench baseline save NAME RESULT)"
                        : " (there are: " + String.join(", ", all.stream().map(Entry::name).toList()) + ")");
    }

    private static boolean isValid(String name) {
        try {
            validateName(name);
            return true;
        } catch (InvalidNameException e) {
            return false;
        }
    }
}
