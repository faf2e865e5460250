package dev.vbench.core.handlers;

/** Where handlers say what the result must tell the user about the run. */
public interface RunReport {
    /** Something the result should say: a limitation met during the run, once. */
    void note(String text);

    /** A limit the guest met that explains how it ended, said as soon as it is met, once. */
    void problem(String text);

    /** Says nothing: for tests and tools that only need the handlers. */
    RunReport SILENT = new RunReport() {
        @Override
        public void note(String text) {}

        @Override
        public void problem(String text) {}
    };
}
