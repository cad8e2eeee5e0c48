package org.scratchnet.tensor;

import java.util.Optional;

/**
 * Whether the SIMD kernels can run, decided without touching any class of the Vector API.
 *
 * <p>The Vector API ({@code jdk.incubator.vector}) is an incubator module in JDK 17 to 25: the
 * JVM resolves it only when started with {@code --add-modules jdk.incubator.vector}, which the
 * {@code scratchnet} launcher and the Maven build pass. Started without it (plain
 * {@code java -jar}, a library user's class path) the module is absent and {@link Kernels#create}
 * quietly falls back to the scalar kernels, which give the same results within float rounding,
 * only slower. {@link VectorKernels} is reached only by reflection after this check, so no class
 * that refers to the Vector API is ever loaded when the module is missing.
 *
 * <p>The system property {@code scratchnet.kernels=scalar} forces the scalar kernels (for
 * comparisons and for testing the fallback).
 */
final class VectorSupport {
    private VectorSupport() {}

    /** The module is in the boot layer and the scalar kernels were not asked for. */
    static boolean available() {
        if ("scalar".equalsIgnoreCase(System.getProperty("scratchnet.kernels", ""))) return false;
        Optional<Module> module = ModuleLayer.boot().findModule("jdk.incubator.vector");
        return module.isPresent();
    }

    /** A {@link VectorKernels} for {@code threads} threads, or null if it cannot be made. */
    static Kernels create(int threads) {
        try {
            Class<?> type = Class.forName("org.scratchnet.tensor.VectorKernels");
            return (Kernels) type.getDeclaredConstructor(int.class).newInstance(threads);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
