package dev.vbench.model.calibrate;

/**
 * One point after calibration: what the chosen model predicts for it when fitted on everything
 * ({@code fittedNanos}) and when fitted without its workload kind ({@code heldOutNanos}).
 */
public record PointResult(CalibrationSample sample, double fittedNanos, double heldOutNanos) {}
