package org.scratchnet;

import java.util.Locale;

/**
 * A number of things in words, singular or plural as the number asks: "1 epoch", "8 epochs",
 * "1,000 iterations". Every count printed for people goes through here, so none reads "1 epochs".
 */
public final class Count {
    private Count() {}

    /** {@code n} and the noun, with an "s" for any number but one. */
    public static String of(long n, String singular) {
        return of(n, singular, singular + "s");
    }

    /** {@code n} and the noun, for nouns whose plural is not singular + "s". */
    public static String of(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
    }
}
