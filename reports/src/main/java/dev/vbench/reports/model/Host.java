package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The real machine under the virtual one: informative only, never part of a comparison. */
@JsonPropertyOrder({"cpu", "kernel"})
public record Host(@JsonProperty("cpu") String cpu, @JsonProperty("kernel") String kernel) {}
