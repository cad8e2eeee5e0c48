package org.scratchnet;

/**
 * The random numbers of training (initial weights, dropout masks, the order of mini-batches):
 * exactly {@link java.util.SplittableRandom}'s algorithm, SplitMix64 (Steele, Lea and Flood, "Fast
 * Splittable Pseudorandom Number Generators", OOPSLA 2014), with a state that can be read and
 * restored. A checkpoint needs that, and {@code SplittableRandom} hides its state; the same
 * numbers keep every earlier result bit for bit ({@code SplitMixTest} compares millions of draws).
 * <pre>
 *   seed = seed + γ                              each draw advances the state by the odd constant γ
 *   nextLong   = mix64(seed)                      Stafford's variant 13 of MurmurHash3's finaliser
 *   nextInt    = mix32(seed)
 *   nextDouble = (nextLong &gt;&gt;&gt; 11) · 2⁻⁵³         53 random bits in [0, 1)
 *   nextInt(n) = nextInt &amp; (n - 1) for a power of two, else (nextInt &gt;&gt;&gt; 1) mod n, redrawn
 *                while it falls in the last incomplete run of n (so every value is equally likely)
 *   split()    = SplitMix(nextLong, mixGamma(seed + γ))
 * </pre>
 * Not thread-safe: each user owns its generator, as with {@code SplittableRandom}.
 */
public final class SplitMix {
    /** γ of a generator made from a seed: 2⁶⁴ / φ, odd. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    /** Everything a generator is: the next draws follow from these two numbers alone. */
    public record State(long seed, long gamma) {
        public State {
            if ((gamma & 1) == 0) throw new IllegalArgumentException("a SplitMix gamma is odd, got " + gamma);
        }
    }

    private long seed;
    private long gamma;

    /** The generator {@code new SplittableRandom(seed)} is. */
    public SplitMix(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private SplitMix(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /** A generator that continues exactly where the one whose {@link #state()} this is stood. */
    public static SplitMix of(State state) {
        return new SplitMix(state.seed(), state.gamma());
    }

    public State state() {
        return new State(seed, gamma);
    }

    /** Puts this generator where the one whose {@link #state()} this is stood (a resumed run's dropout masks). */
    public void restore(State state) {
        this.seed = state.seed();
        this.gamma = state.gamma();
    }

    /**
     * Makes this the generator {@code new SplitMix(seed)} is, in place: a thread that seeds one
     * generator per image (augmentation) allocates nothing.
     */
    public void reseed(long seed) {
        this.seed = seed;
        this.gamma = GOLDEN_GAMMA;
    }

    public long nextLong() {
        return mix64(nextSeed());
    }

    public int nextInt() {
        return mix32(nextSeed());
    }

    /**
     * Skips the next {@code count} draws of {@link #nextLong}, returning the state they start
     * from: draw k of them (k = 0 .. count-1) is {@code mix64(start + (k + 1) · gamma())}. A caller
     * can compute them in any order, a vector of them at a time (the augmentation's elastic
     * fields), and get the very numbers {@code count} calls of nextLong would have given.
     */
    public long skip(int count) {
        long start = seed;
        seed += count * gamma;
        return start;
    }

    /** The odd constant γ each draw advances the state by (see {@link #skip}). */
    public long gamma() {
        return gamma;
    }

    /** Uniform in [0, bound), as {@code SplittableRandom.nextInt(bound)}. */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        int r = nextInt();
        int m = bound - 1;
        if ((bound & m) == 0) return r & m;  // a power of two: the low bits
        // Reject the values of the last, incomplete run of bound (u + m - r overflows exactly for those).
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
            // draw again
        }
        return r;
    }

    /** Uniform in [0, 1), as {@code SplittableRandom.nextDouble()}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * The {@code index}-th {@link #nextDouble} (from 0) of {@code new SplitMix(seed)}, without
     * drawing the ones before it: the state after k draws is seed + k·γ. Input dropout draws the
     * mask of any pixel this way, so that threads sharing a batch, and a first layer that looks
     * at nonzero pixels only, draw the same mask as the one thread that walks every pixel.
     */
    public static double doubleAt(long seed, long index) {
        return doubleAt(seed, GOLDEN_GAMMA, index);
    }

    /**
     * Draw {@code index} (from 0) of {@link #nextDouble} after a {@link #skip} that returned
     * {@code start}, for a generator of increment {@code gamma}: the number the index-th of those
     * calls would have given, computed on its own.
     */
    public static double doubleAt(long start, long gamma, long index) {
        return (mix64(start + (index + 1) * gamma) >>> 11) * DOUBLE_UNIT;
    }

    /**
     * The {@code index}-th standard normal number (from 0) of the stream keyed by {@code seed}: a
     * function of the two alone, like {@link #doubleAt}, so any thread can draw any element's. Box
     * and Muller's transform of the pair of 26- and 27-bit uniforms in {@code doubleAt(seed, index / 2)}'s
     * bits: even indices take the cosine, odd ones the sine of the same pair, which are independent
     * standard normals. The radius's uniform is never 0, so the largest magnitude is about 5.9.
     */
    public static float normalAt(long seed, long index) {
        long bits = pairBits(seed, index >>> 1);
        double angle = normalAngle(bits);
        return (float) (normalRadius(bits) * ((index & 1) == 0 ? Math.cos(angle) : Math.sin(angle)));
    }

    /** The draw behind the normal numbers 2·pair and 2·pair + 1 of {@link #normalAt}'s stream. */
    public static long pairBits(long seed, long pair) {
        return mix64(seed + (pair + 1) * GOLDEN_GAMMA);
    }

    /** Box-Muller's radius √(-2 ln u₁) of a pair's draw, u₁ in (0, 1] from its top 26 bits. */
    public static double normalRadius(long bits) {
        return Math.sqrt(-2.0 * Math.log(((bits >>> 38) + 1) * 0x1.0p-26));
    }

    /** Box-Muller's angle 2π·u₂ of a pair's draw, u₂ in [0, 1) from its low 27 bits. */
    public static double normalAngle(long bits) {
        return 2.0 * Math.PI * ((bits & 0x7FFFFFFL) * 0x1.0p-27);
    }

    /** A new generator, independent of this one in practice, as {@code SplittableRandom.split()}. */
    public SplitMix split() {
        return new SplitMix(nextLong(), mixGamma(nextSeed()));
    }

    private long nextSeed() {
        return seed += gamma;
    }

    /** Stafford's variant 13 finaliser: a bijection that spreads every input bit over the output (also seeds derived streams). */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    /** An odd γ with enough bit transitions (MurmurHash3's finaliser, then a fix-up for too regular ones). */
    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return n < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
