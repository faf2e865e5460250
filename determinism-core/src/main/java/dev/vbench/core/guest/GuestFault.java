package dev.vbench.core.guest;

/**
 * The guest passed an address vbench cannot read or write. The supervisor answers the call with
 * EFAULT, as the kernel would, and the run goes on.
 */
public final class GuestFault extends RuntimeException {
    private final long address;

    public GuestFault(long address, int length) {
        super("bad guest address 0x" + Long.toHexString(address) + " (" + length + " bytes)", null, false, false);
        this.address = address;
    }

    public long address() {
        return address;
    }
}
