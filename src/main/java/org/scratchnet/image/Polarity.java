package org.scratchnet.image;

/**
 * Which way round a picture's digit is: dark ink on a light background (a pen on paper, to be
 * inverted into MNIST's white on black) or light ink on a dark one (chalk on a board, MNIST
 * itself). {@link #AUTO} lets {@link Ink} decide from the picture.
 */
public enum Polarity {
    AUTO,
    DARK_ON_LIGHT,
    LIGHT_ON_DARK
}
