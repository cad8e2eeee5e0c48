package org.scratchnet.explain;

import java.util.List;

/**
 * One line of the walk through a step: a quantity with its equation, its shape, a few telling
 * values and what it means; what the terminal prints as a paragraph and the page shows as one
 * view (its matrix as a heatmap).
 *
 * @param section   Input, Forward, Loss, Backward, Update or Check
 * @param number    the equation number in the paper's order, e.g. "(1)" or "(1) for layer 2"; empty for what is given
 * @param formula   as computed here, one example per row: "Z[1] = A[0]·W[1]ᵀ + b[1]"
 * @param paperForm the paper's form (one example per column) where it differs, else empty
 * @param matrix    the quantity drawn, or null (the loss, the check)
 * @param values    a few telling values, one line each
 * @param meaning   one sentence
 * @param note      where the paper's text and the right math differ, or something else to know at this line; else empty
 */
public record Frame(String section, String number, String formula, String paperForm, Matrix matrix, List<String> values,
                    String meaning, String note) {

    /**
     * Which array of the step a frame draws: {@code key} of layer {@code layer} (1 .. L) as the
     * JSON names it ("W", "Z", "dW", "W_updated", ...), or of the batch for layer 0 ("X").
     *
     * @param rowsAre what a row is, e.g. "examples", "units of layer 1"
     * @param colsAre what a column is
     */
    public record Matrix(int layer, String key, int rows, int cols, String rowsAre, String colsAre) {

        /** "8 x 16", or "16" for a vector. */
        public String shape() {
            return rows == 1 ? Integer.toString(cols) : rows + " x " + cols;
        }
    }
}
