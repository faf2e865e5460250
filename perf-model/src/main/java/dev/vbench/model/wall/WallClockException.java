package dev.vbench.model.wall;

import java.io.IOException;

/** A native run of a calibration point failed: could not start, exited non-zero, or timed out. */
public final class WallClockException extends IOException {
    private static final long serialVersionUID = 1L;

    public WallClockException(String message) {
        super(message);
    }

    public WallClockException(String message, Throwable cause) {
        super(message, cause);
    }
}
