package dev.vbench.core.syscalls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** x86-64 system call names by number, from the kernel's UAPI header (a generated resource). */
public final class SyscallNames {
    public static final int TABLE_SIZE = Syscall.TABLE_SIZE;
    private static final String[] NAMES = load();

    private SyscallNames() {}

    public static String name(int nr) {
        String n = nr >= 0 && nr < NAMES.length ? NAMES[nr] : null;
        return n != null ? n : "syscall_" + nr;
    }

    private static String[] load() {
        String[] names = new String[TABLE_SIZE];
        try (InputStream in = SyscallNames.class.getResourceAsStream("/dev/vbench/core/syscalls-x86_64.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                int nr = Integer.parseInt(parts[0]);
                if (nr < TABLE_SIZE) {
                    names[nr] = parts[1];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
