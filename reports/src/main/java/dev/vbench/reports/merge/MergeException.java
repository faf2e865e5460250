package dev.vbench.reports.merge;

/** The results cannot be merged; the message names the inputs and what differs. */
public final class MergeException extends Exception {
    public MergeException(String message) {
        super(message);
    }
}
