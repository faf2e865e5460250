package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a benchmark's per-function profile is ({@code vbench run|bench --attribute}): a file
 * (schema {@code vbench.profile/1}) named relative to the result file's directory, and the SHA-256
 * of its bytes, so a reader can tell the profile belongs to this result.
 */
@JsonPropertyOrder({"file", "sha256"})
public record ProfileRef(@JsonProperty("file") String file, @JsonProperty("sha256") String sha256) {}
