package dev.vbench.clock.valgrind;

import java.nio.file.Path;

/** StableToolLinkTest's child: ensures the link as whatever user it runs as, and says what happened. */
public final class StableToolLinkMain {
    private StableToolLinkMain() {}

    public static void main(String[] args) {
        try {
            System.out.println("used: " + StableToolLink.ensure(Path.of(args[0]), Path.of(args[1])));
        } catch (VbcountBuildException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
