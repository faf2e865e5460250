package dev.vbench.clock.valgrind;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what vbcount's {@code --vbcount-attr=PATH} appends: one section per process image (see
 * vb_attr.c and README.md), each a calling-context tree per thread. Plain data out; a malformed
 * file is an {@link IOException} naming the file and line.
 *
 * <pre>
 * vbcount-profile 1
 * image PID exit|exec EXITCODE EXE
 * totals INSNS COND IND SYSCALLS
 * fn ID\tKNOWN\tOBJECT\tNAME\tFILE\tLINE
 * thread TID
 * node ID PARENT FN CALLS INSNS COND IND SYSCALLS      (PARENT 0: the thread's first functions)
 * code FN 0xADDRESS INSNS COND IND                      (code without a symbol, by superblock part)
 * end
 * </pre>
 */
public final class VbcountProfileFile {
    /** A function as vbcount named it; {@code known} is false for code without a symbol ("???"). */
    public record Function(int id, boolean known, String object, String name, String file, int line) {}

    /** A calling-context node: {@code parent} 0 for a thread's first functions; costs insns, cond, ind, syscalls. */
    public record Node(int id, int parent, int function, long calls, long[] costs) {}

    public record Thread(int tid, List<Node> nodes) {}

    /** Costs of code without a symbol at one address (a superblock part), for perf maps. */
    public record Code(int function, long address, long[] costs) {}

    /** One process image's section. */
    public record Image(int pid, String reason, int exitCode, String exe, long[] totals, Map<Integer, Function> functions,
                        List<Thread> threads, List<Code> code) {
        /** The sum of every node's costs: equals {@link #totals()} when nothing was lost. */
        public long[] nodeSums() {
            long[] sum = new long[4];
            for (Thread t : threads) {
                for (Node n : t.nodes()) {
                    for (int i = 0; i < 4; i++) {
                        sum[i] += n.costs()[i];
                    }
                }
            }
            return sum;
        }
    }

    private VbcountProfileFile() {}

    public static List<Image> read(Path file) throws IOException {
        List<Image> images = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int no = 0;
            Builder b = null;
            while ((line = in.readLine()) != null) {
                no++;
                try {
                    if (line.equals("vbcount-profile 1")) {
                        if (b != null) {
                            throw new IllegalArgumentException("a new section before 'end'");
                        }
                        b = new Builder();
                        continue;
                    }
                    if (b == null) {
                        throw new IllegalArgumentException("expected 'vbcount-profile 1'");
                    }
                    if (line.equals("end")) {
                        images.add(b.build());
                        b = null;
                    } else {
                        b.line(line);
                    }
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    throw new IOException(file + ":" + no + ": not a vbcount profile line (" + e.getMessage() + "): "
                            + (line.length() > 120 ? line.substring(0, 120) + "..." : line), e);
                }
            }
            if (b != null) {
                throw new IOException(file + ": the last section has no 'end' (the process was killed while writing it?)");
            }
        }
        return images;
    }

    private static final class Builder {
        int pid;
        String reason;
        int exitCode;
        String exe;
        long[] totals;
        final Map<Integer, Function> functions = new LinkedHashMap<>();
        final List<Thread> threads = new ArrayList<>();
        final List<Code> code = new ArrayList<>();
        List<Node> nodes;

        void line(String line) {
            if (line.startsWith("fn ")) {
                String[] f = line.substring(3).split("\t", -1);
                if (f.length != 6) {
                    throw new IllegalArgumentException("a fn line has 6 tab-separated fields");
                }
                int id = Integer.parseInt(f[0]);
                functions.put(id, new Function(id, f[1].equals("1"), f[2], f[3], f[4], Integer.parseInt(f[5])));
                return;
            }
            String[] w = line.split(" ");
            switch (w[0]) {
                case "image" -> {
                    String[] p = line.split(" ", 5);
                    pid = Integer.parseInt(p[1]);
                    reason = p[2];
                    exitCode = Integer.parseInt(p[3]);
                    exe = p.length > 4 ? p[4] : "";
                }
                case "totals" -> totals = longs(w, 1, 4);
                case "thread" -> {
                    nodes = new ArrayList<>();
                    threads.add(new Thread(Integer.parseInt(w[1]), nodes));
                }
                case "node" -> {
                    if (nodes == null) {
                        throw new IllegalArgumentException("a node before any thread");
                    }
                    long[] v = longs(w, 1, 8);
                    if (v[2] != 0 && !functions.containsKey((int) v[2])) {
                        throw new IllegalArgumentException("node of unknown function " + v[2]);
                    }
                    nodes.add(new Node((int) v[0], (int) v[1], (int) v[2], v[3], new long[] {v[4], v[5], v[6], v[7]}));
                }
                case "code" -> {
                    if (w.length != 6 || !w[2].startsWith("0x")) {
                        throw new IllegalArgumentException("a code line is: code FN 0xADDRESS INSNS COND IND");
                    }
                    code.add(new Code(Integer.parseInt(w[1]), Long.parseUnsignedLong(w[2].substring(2), 16),
                            longs(w, 3, 3)));
                }
                default -> throw new IllegalArgumentException("unknown line kind '" + w[0] + "'");
            }
        }

        Image build() {
            if (totals == null || reason == null) {
                throw new IllegalArgumentException("a section without its image or totals line");
            }
            return new Image(pid, reason, exitCode, exe, totals, Map.copyOf(functions), List.copyOf(threads), List.copyOf(code));
        }

        private static long[] longs(String[] w, int from, int n) {
            if (w.length != from + n) {
                throw new IllegalArgumentException("expected " + n + " numbers");
            }
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = Long.parseLong(w[from + i]);
                if (v[i] < 0) {
                    throw new IllegalArgumentException("a negative number");
                }
            }
            return v;
        }
    }
}
