package dev.vbench.cli;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.ProfileRef;
import dev.vbench.reports.profile.BenchmarkProfile;
import dev.vbench.reports.profile.Profile;
import dev.vbench.reports.profile.ProfileIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a benchmark's profile from its result's {@code profile} reference: beside the result, same SHA-256. */
final class ProfileLookup {
    private ProfileLookup() {}

    /** A benchmark's profile and the file it is in. */
    record Found(Profile profile, BenchmarkProfile benchmark) {}

    /** The benchmark's profile, found beside the result it came from, checked against its SHA-256. */
    static Found of(String role, ResultSources.Loaded side, Benchmark b) {
        if (b == null) {
            throw new UserError(role + " " + side.label() + ": the benchmark is not in it");
        }
        ProfileRef ref = b.profile();
        if (ref == null) {
            throw new UserError(role + " " + side.label() + ": benchmark '" + b.name() + "' has no profile (measure it"
                    + " with vbench bench --attribute or vbench run --attribute)");
        }
        Path dir = Path.of(side.label()).toAbsolutePath().getParent();
        Path file = dir == null ? Path.of(ref.file()) : dir.resolve(ref.file());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError(role + " " + side.label() + ": its profile " + file + " cannot be read: " + e.getMessage());
        }
        if (!ProfileIO.sha256(bytes).equals(ref.sha256())) {
            throw new UserError(role + " " + side.label() + ": its profile " + file + " is not the one it was measured"
                    + " with (its SHA-256 differs)");
        }
        Profile p;
        try {
            p = ProfileIO.read(file);
        } catch (IOException e) {
            throw new UserError(role + " " + e.getMessage());
        }
        BenchmarkProfile bp = p.benchmark(b.name());
        if (bp == null) {
            throw new UserError(role + " " + side.label() + ": its profile " + file + " has no benchmark '" + b.name() + "'");
        }
        return new Found(p, bp);
    }
}
