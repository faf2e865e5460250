package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a run read from the host's file system, digested: two runs with the same digest read the
 * same directories (the same names) and the same files (same sizes and modification times).
 *
 * @param digest      SHA-256 over every input and what it was
 * @param directories how many directories the run listed
 * @param files       how many files it opened for reading (or looked for and found absent)
 */
@JsonPropertyOrder({"digest", "directories", "files"})
public record InputsDigest(
        @JsonProperty("digest") String digest,
        @JsonProperty("directories") long directories,
        @JsonProperty("files") long files) {}
