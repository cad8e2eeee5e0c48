package org.scratchnet.nn;

/**
 * A fully connected layer, Z = X · Wᵀ + b, seen from outside: whatever it stores, it gives and
 * takes its weights as W [out, in] row-major (PyTorch's Linear layout, and the model file's).
 * {@link Dense} stores exactly that; the fast engine's first layer stores Wᵀ and converts.
 */
public interface Linear extends Layer {

    /** W as [out, in] row-major: a copy. */
    float[] weights();

    /** Sets W from [out, in] row-major. */
    void setWeights(float[] W);

    /** dW of the last backward pass as [out, in] row-major: a copy. */
    float[] weightGradient();

    /** b [out] and its gradient db. */
    Parameter bias();
}
