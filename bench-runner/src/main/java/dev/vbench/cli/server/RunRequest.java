package dev.vbench.cli.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code vbench run} a client hands to the server: who asks (its pid, whose descriptors and
 * CPUs the run takes), where (its working directory), what (vbench's arguments) and with which
 * environment. On the wire (vbench_client.c) it is a body of NUL-terminated fields: the
 * protocol's name, the pid, the directory, the number of arguments, the arguments, the number of
 * environment entries and the entries ({@code NAME=VALUE}).
 */
record RunRequest(int pid, Path workingDirectory, List<String> args, Map<String, String> environment) {
    static final String PROTOCOL = "vbench-run/1";
    /** Far above any real command line and environment (the kernel's own limit is 2 MB). */
    static final int MAX_BODY = 16 << 20;

    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    static RunRequest parse(byte[] body) throws Malformed {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                fields.add(new String(body, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start != body.length) {
            throw new Malformed("the last field is not terminated");
        }
        if (fields.size() < 5 || !fields.get(0).equals(PROTOCOL)) {
            throw new Malformed("not a " + PROTOCOL + " request");
        }
        int pid = number(fields.get(1), "pid");
        Path directory = Path.of(fields.get(2));
        int argc = number(fields.get(3), "argument count");
        if (4 + argc + 1 > fields.size()) {
            throw new Malformed("fewer arguments than announced");
        }
        List<String> args = List.copyOf(fields.subList(4, 4 + argc));
        int envc = number(fields.get(4 + argc), "environment count");
        if (5 + argc + envc != fields.size()) {
            throw new Malformed("the environment does not have the announced length");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : fields.subList(5 + argc, fields.size())) {
            int eq = entry.indexOf('=');
            if (eq > 0) { // as the JVM reads its own environment: an entry without a name is left out
                env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return new RunRequest(pid, directory, args, env);
    }

    private static int number(String field, String what) throws Malformed {
        try {
            int n = Integer.parseInt(field);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Malformed("bad " + what + ": " + field);
        }
    }
}
