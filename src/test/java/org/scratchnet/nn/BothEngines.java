package org.scratchnet.nn;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.scratchnet.engine.FastEngine;

/** The two engines a network can be built on, named for test reports: oracle tests run on both. */
public final class BothEngines {
    private BothEngines() {}

    public static Stream<Named<Engine>> engines() {
        Engine fast = FastEngine.shared();
        return Stream.of(Named.of("reference engine", Engine.reference()), Named.of("fast engine", fast));
    }
}
