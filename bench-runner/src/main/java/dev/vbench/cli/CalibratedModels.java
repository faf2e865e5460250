package dev.vbench.cli;

import dev.vbench.baselines.models.DefaultModels;
import dev.vbench.model.CalibratedModel;
import dev.vbench.model.calibrate.HostDescription;
import dev.vbench.model.io.ModelFileException;
import dev.vbench.model.io.ModelFileReader;
import dev.vbench.model.price.ResultPricing;
import dev.vbench.reports.model.Result;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which calibrated model prices a command's results ({@code calibrated_time_ns}): the file given
 * with {@code --model}, else the model vbench ships for the counter backend when it was fitted on
 * this kind of machine (same CPU model and CPU count), else none. The guest's clocks never use it: they keep the fixed default
 * cost model, so what a program does is the same whatever model prices it.
 */
final class CalibratedModels {
    private CalibratedModels() {}

    /**
     * The model, or null for none.
     *
     * @param source the file or shipped resource it came from, for messages
     */
    record Choice(CalibratedModel model, String source) {
        static final Choice NONE = new Choice(null, null);

        /** The counts the model prices (which a run must give it); none without a model. */
        java.util.List<String> pricedCounts() {
            return model == null ? java.util.List.of() : model.features();
        }

        /** {@code result} priced by the model; without one, as it is (no calibrated time). */
        Result price(Result result) {
            return model == null ? result : ResultPricing.reprice(result, model);
        }
    }

    /**
     * @param file     {@code --model}, or null
     * @param counter  the counter backend whose counts are priced ("valgrind", "perf", "none")
     * @param exitCode what a refused model file exits with (2, or 125 for {@code run})
     * @throws UserError (one line naming the file) if the file is malformed or for another counter
     */
    static Choice choose(Path file, String counter, int exitCode) {
        if (file != null) {
            try {
                CalibratedModel model = ModelFileReader.read(file, counter);
                if (!HostDescription.sameKind(model.host())) {
                    System.err.println("vbench: warning: --model " + file + " was fitted on '" + model.host()
                            + "'; this machine is '" + HostDescription.machineKind() + "': its calibrated times are"
                            + " that machine's");
                }
                return new Choice(model, file.toString());
            } catch (ModelFileException e) {
                throw new UserError(exitCode, e.getMessage());
            }
        }
        return shipped(counter);
    }

    /** The model shipped for {@code counter}, if it was fitted on this kind of machine. */
    static Choice shipped(String counter) {
        Optional<byte[]> bytes = DefaultModels.forCounter(counter);
        if (bytes.isEmpty()) {
            return Choice.NONE;
        }
        String name = DefaultModels.name(counter);
        CalibratedModel model;
        try {
            model = ModelFileReader.read(bytes.get(), Path.of(name));
        } catch (ModelFileException e) {
            throw new IllegalStateException("the model vbench ships is unreadable: " + e.getMessage(), e);
        }
        if (!model.counter().equals(counter)) {
            throw new IllegalStateException(name + " is for counter " + model.counter() + ", not " + counter);
        }
        if (!HostDescription.sameKind(model.host())) {
            // Fitted on another kind of machine: its prices would be that machine's. Results then have
            // no calibrated time (README: vbench calibrate makes one for this machine).
            return Choice.NONE;
        }
        return new Choice(model, name);
    }
}
