package dev.vbench.reports.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vbench.reports.io.AtomicFiles;
import dev.vbench.reports.io.ResultFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads and writes profile files ({@code vbench.profile/1}); writes are atomic. */
public final class ProfileIO {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ProfileIO() {}

    /** The bytes of {@code profile} as written to a file. */
    public static byte[] bytes(Profile profile) {
        try {
            return JSON.writeValueAsBytes(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a profile failed to serialize", e);
        }
    }

    /** Writes the bytes atomically and returns their SHA-256 (hex). */
    public static String write(byte[] bytes, Path file) throws IOException {
        AtomicFiles.write(file, out -> out.write(bytes));
        return sha256(bytes);
    }

    /** @throws ResultFormatException (naming the file) if it is not a profile of schema major 1 */
    public static Profile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Profile p;
        try {
            p = JSON.readValue(bytes, Profile.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ResultFormatException(file.toString(), "not a vbench profile: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (p == null || p.schema() == null || !(p.schema().equals(Profile.SCHEMA) || p.schema().startsWith(Profile.SCHEMA + "."))) {
            throw new ResultFormatException(file.toString(), "schema " + (p == null ? null : p.schema()) + " is not "
                    + Profile.SCHEMA);
        }
        return p;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
