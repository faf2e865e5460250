package dev.vbench.cli;

/**
 * A problem with what the user gave (a missing or malformed file, a bad option value): printed as
 * one line, "vbench: MESSAGE", never with a stack trace, and the command exits with {@link #exitCode}
 * (2, bad usage or input, unless said otherwise; `run` uses 125).
 */
final class UserError extends RuntimeException {
    final int exitCode;

    UserError(String message) {
        this(ExitCodes.USAGE, message);
    }

    UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
