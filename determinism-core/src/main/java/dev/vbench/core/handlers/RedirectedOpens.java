package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.nativ.MemFile;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens a handler turns into opens of a {@link MemFile} of vbench's: the guest's path becomes the
 * file's /proc path, and vbench closes its own descriptor when the open returns (the guest's keeps
 * the file alive). A file whose open never returns (its thread died in the call, or the run ended
 * first) is closed at the run's end.
 *
 * <p>Each handler keeps its own: only the handler that asked for a call's exit sees it (a
 * first-look handler and the standard one share open, see {@link HandlerTable}), so the file is
 * closed by the handler that gave it.
 */
public final class RedirectedOpens {
    /** The file each thread is opening: at most one, as a thread is in one call at a time. */
    private final Map<GuestThread, MemFile> opening = new HashMap<>();

    /**
     * Makes {@code call} open {@code file} instead of the path in argument {@code pathArg}; returns
     * {@link Disposition#AT_EXIT}, so that {@link #returned} is called at the open's exit.
     */
    public Disposition redirect(Guest call, int pathArg, MemFile file) {
        call.setArg(pathArg, call.passString(file.path()));
        opening.put(call.thread(), file);
        return Disposition.AT_EXIT;
    }

    /** At the exit of {@code call}: closes vbench's descriptor of the file the call opened, if redirected. */
    public void returned(Guest call) {
        MemFile file = opening.remove(call.thread());
        if (file != null) {
            file.close();
        }
    }

    /** The run is over: closes the files whose open has not returned. */
    public void closeAll() {
        opening.values().forEach(MemFile::close);
        opening.clear();
    }
}
