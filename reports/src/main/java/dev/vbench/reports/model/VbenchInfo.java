package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The vbench build that wrote the result, so a reader can tell which tool produced odd numbers. */
public record VbenchInfo(@JsonProperty("version") String version) {}
