package org.scratchnet.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD matrix products with the JDK's Vector API, register-tiled and shared among the cores by a
 * long-lived {@link WorkerPool}. Only {@link Kernels#create} makes one, after
 * {@link VectorSupport} has checked that the module is there.
 *
 * <p>All three dense products are one routine ({@link Gemm}): C = bias + A·B with B [k, n]
 * row-major and A read through two strides, so that Aᵀ costs nothing. The forward product X·Wᵀ
 * first packs Wᵀ into column panels (out·in copies against n·out·in multiply-adds). The first
 * layer's products skip the zeros of the input ({@link SparseGemm}; with 512-bit vectors in
 * register tiles over groups of images and pixels, {@link SparseTiles}).
 *
 * <p>Every output element is one fixed sequence of fma operations whatever the tile or thread
 * that computes it, and work is split among threads only over output elements, so results are
 * the same bits on any number of threads; they differ from {@link ReferenceKernels} (separate
 * multiply and add) by rounding only.
 */
final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /** Below this many multiply-adds a product runs on the calling thread alone. */
    private static final long PARALLEL_THRESHOLD = 1L << 16;

    private final WorkerPool pool;
    /** Per-thread scratch for tiles narrower than a panel, and W1's block sums; see {@link #SCRATCH_GAP}. */
    private final float[][] scratch;
    /**
     * Floats past the end of each thread's scratch that no kernel touches (8 KB), so that no two
     * threads write within a few kilobytes of each other: the scratch arrays are allocated one
     * after the other, and the collector may move them next to each other later. W1's forward
     * fills a whole scratch with a block's sums, loaded and stored for every entry. On the Zen 5
     * (src/jmh's ScratchDistanceProbe: that kernel alone, two threads, each on half of the
     * blocks), the second thread took 54-56 µs a block with the other's sums 64 to 256 bytes
     * away, 45 at 2 KB, and from 4 KB on 37-40, as one thread alone (41); both took 64-75 when
     * the two shared a cache line. In W1 as a whole that product gained 1.1-1.7x from the second
     * core, depending on where the arrays lay; with the gap, 1.7-2.0x.
     */
    static final int SCRATCH_GAP = 8192 / Float.BYTES;
    /** Per-thread lists of a first-layer tile's members (see {@link SparseGroups}). */
    private final int[][] groupLists;
    private final long[][] groupBits;
    /** Per-thread groupings of the first layer's images into similar threes ({@link SimilarImages}). */
    private final SimilarImages[] similarImages;
    /** Per-thread buffers for one packed panel of B (see {@link #runPacking}). */
    private final float[][] panelBuffers;
    /** Wᵀ in panels, the bias padded to whole panels, and copies of operands without room to over-read. */
    private float[] packed = new float[0];
    private float[] paddedBias = new float[0];
    private float[] roomy = new float[0];
    private float[] transposedA = new float[0];

    // Each parallel call hands its threads a task that carries its own operands (a Product, or a
    // lambda that captures them): one small object per call, which the JMH harness shows costs
    // nothing measurable (docs/kernels.md). The arrays above are scratch that persists across
    // calls, so the methods that use them are synchronized.

    /** Whether this JIT prefers the indexed loop over packed operands (see {@link Gemm#INDEXED_LOOPS}). */
    private final boolean indexed;

    /** The dense products' register tile, chosen for this machine (see {@link TileShape}). */
    private final TileShape tile;

    /**
     * Whether the first layer's products run as register tiles over groups of images and pixels
     * ({@link SparseTiles}) rather than one nonzero at a time ({@link SparseGemm}): with 512-bit
     * vectors (32 registers for the tiles' 24 and 16 sums), unless
     * {@code -Dscratchnet.sparseTiles=true|false} says otherwise. The same bits either way.
     */
    private final boolean sparseTiles;

    /**
     * Rows side by side in the octets of a narrow first layer over a reused input (the paper's
     * full batch, {@link SparseOctets}): 16 in one 512-bit vector, else 8 in 256 bits. Sixteen
     * images share more pairs of (rows, pixel) than eight: 43% fewer vectors on MNIST.
     */
    private final int octetLanes;

    static int octetLanesForThisMachine() {
        return S.vectorBitSize() >= 512 ? 16 : 8;
    }

    /** Whether products one vector wide run as {@link NarrowGemm} (always, but for tests that compare it with the tiles). */
    private final boolean narrowProducts;

    static boolean sparseTilesForThisMachine() {
        String forced = System.getProperty("scratchnet.sparseTiles", "");
        return forced.isEmpty() ? S.vectorBitSize() >= 512 : Boolean.parseBoolean(forced.trim());
    }

    VectorKernels(int threads) {
        this(threads, Gemm.INDEXED_LOOPS, TileShape.forThisMachine(S.vectorBitSize()));
    }

    VectorKernels(int threads, boolean indexed) {
        this(threads, indexed, TileShape.forThisMachine(S.vectorBitSize()));
    }

    VectorKernels(int threads, boolean indexed, TileShape tile) {
        this(threads, indexed, tile, sparseTilesForThisMachine());
    }

    VectorKernels(int threads, boolean indexed, TileShape tile, boolean sparseTiles) {
        this(threads, indexed, tile, sparseTiles, true);
    }

    /** {@code narrowProducts}: whether products of one vector's width run as {@link NarrowGemm} (false: the tiles; the same bits). */
    VectorKernels(int threads, boolean indexed, TileShape tile, boolean sparseTiles, boolean narrowProducts) {
        this(threads, indexed, tile, sparseTiles, narrowProducts, octetLanesForThisMachine());
    }

    /** {@code octetLanes}: the rows side by side in a narrow first layer's octets, 8 or 16 (see {@link #octetLanesForThisMachine}). */
    VectorKernels(int threads, boolean indexed, TileShape tile, boolean sparseTiles, boolean narrowProducts, int octetLanes) {
        if (octetLanes != 8 && octetLanes != 16) throw new IllegalArgumentException("octets of 8 or 16 rows, not " + octetLanes);
        this.octetLanes = octetLanes;
        this.octetCuts = new int[threads + 1];
        this.narrowProducts = narrowProducts;
        this.indexed = indexed;
        this.tile = tile;
        this.sparseTiles = sparseTiles;
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.pool = new WorkerPool(threads - 1);
        this.scratch = new float[threads][Math.max(Math.max(SparseGemm.SCRATCH, Gemm.EDGE), OctetGemm16.SCRATCH) + SCRATCH_GAP];
        this.panelBuffers = new float[threads][0];
        this.groupLists = new int[threads][0];
        this.groupBits = new long[threads][0];
        this.similarImages = new SimilarImages[threads];
        for (int t = 0; t < threads; t++) similarImages[t] = new SimilarImages();
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public void fillWaitsWith(WaitWork work) {
        pool.fillWaitsWith(work);
    }

    /** With the register tiles, each tile lists its own members from X ({@link SparseTiles#pixelsOfImages}). */
    @Override
    public boolean findsNonzerosInInput() {
        return sparseTiles;
    }

    @Override
    public long parallelCalls() {
        return pool.calls();
    }

    @Override
    public String describe() {
        return "vector " + S.vectorBitSize() + "-bit, " + threads() + (threads() == 1 ? " thread" : " threads")
                + ", tile " + tile;
    }

    @Override
    public void aTimesBTransposed(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        aTimesBTransposed(A, B, bias, C, m, k, n, null);
    }

    @Override
    public synchronized void aTimesBTransposed(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n,
                                               Epilogue then) {
        if (narrow(k, n)) {
            NarrowGemm.transposedRowsOf(B, narrowB, k, n);
            narrowRows(A, bias, C, m, k, n, then);
            return;
        }
        runPacking(new Product(A, k, 1, null, true, pad(bias, n), C, m, k, n, indexed, tile, then),
                (into, first, q0, q1) -> Gemm.pack(B, into, first, k, n, q0, q1), () -> pack(B, k, n));
    }

    @Override
    public void aTimesB(float[] A, float[] B, float[] C, int m, int k, int n) {
        aTimesB(A, B, null, C, m, k, n, null);
    }

    @Override
    public void aTimesB(float[] A, float[] B, float[] C, int m, int k, int n, Epilogue then) {
        aTimesB(A, B, null, C, m, k, n, then);
    }

    @Override
    public void aTimesB(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n) {
        aTimesB(A, B, bias, C, m, k, n, null);
    }

    private synchronized void aTimesB(float[] A, float[] B, float[] bias, float[] C, int m, int k, int n, Epilogue then) {
        if (narrow(k, n)) {
            NarrowGemm.rowsOf(B, narrowB, k, n);
            narrowRows(A, bias, C, m, k, n, then);
        } else if (indexed) {  // B in panels too: the indexed loop is the faster one on this JIT
            runPacking(new Product(A, k, 1, null, true, pad(bias, n), C, m, k, n, indexed, tile, then),
                    (into, first, q0, q1) -> Gemm.packRows(B, into, first, k, n, q0, q1, 0, k), () -> packRows(B, k, n));
        } else {
            run(new Product(A, k, 1, roomy(B, k * n, n), false, pad(bias, n), C, m, k, n, indexed, tile, then));
        }
    }

    @Override
    public void aTransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n) {
        aTransposedTimesB(A, B, C, m, k, n, null);
    }

    /**
     * The column sums of A (a bias gradient, when A is dZ) are added up where A is transposed,
     * by the thread that transposes those columns; without the transposition (JDK 17's loop
     * shape), before the product, as {@link #columnSums} does.
     */
    @Override
    public synchronized void aTransposedTimesB(float[] A, float[] B, float[] C, int m, int k, int n, float[] columnSumsOfA) {
        if (narrow(m, n)) {  // C's rows each a chain over all k rows of B: the threads split C's rows evenly
            if (threads() == 1 || (long) m * k * n < PARALLEL_THRESHOLD || m < 2) {
                NarrowGemm.transposedTimes(A, B, C, columnSumsOfA, m, k, n, 0, m);
            } else {
                int parts = Math.min(threads(), m);
                pool.runRanges((u0, u1) -> {
                    for (int u = u0; u < u1; u++) {
                        NarrowGemm.transposedTimes(A, B, C, columnSumsOfA, m, k, n, u * m / parts, (u + 1) * m / parts);
                    }
                }, parts);
            }
        } else if (indexed) {  // Aᵀ made row-major and B in panels, for the indexed loop
            if (transposedA.length < k * m) transposedA = new float[k * m];
            transpose(A, m, k, columnSumsOfA);
            runPacking(new Product(transposedA, k, 1, null, true, null, C, m, k, n, indexed, tile, null),
                    (into, first, q0, q1) -> Gemm.packRows(B, into, first, k, n, q0, q1, 0, k), () -> packRows(B, k, n));
        } else {
            if (columnSumsOfA != null) columnSums(A, columnSumsOfA, k, m);
            run(new Product(A, 1, m, roomy(B, k * n, n), false, null, C, m, k, n, indexed, tile, null));
        }
    }

    /**
     * Whether a product runs as {@link NarrowGemm}: its rows of C and of B one vector each (n ≤ L),
     * and the other side (the depth k of C = A·B, or C's rows m for Aᵀ·B) at most one vector too:
     * the paper's 10 x 10 layer. A wider layer keeps the register tiles.
     */
    private boolean narrow(int other, int n) {
        return narrowProducts && NarrowGemm.fits(n) && NarrowGemm.fits(other);
    }

    /** B's rows (or Wᵀ's) for {@link NarrowGemm#rows}, and its bias padded to a vector. */
    private final float[] narrowB = new float[L * L];
    private final float[] narrowBias = new float[L];

    /** Rows per piece when the threads share a narrow product: a few kilobytes of A and C each. */
    private static final int NARROW_ROWS = 256;

    /** C = bias + A·B with B's rows in {@link #narrowB}, the rows of C shared among the threads, each piece's epilogue after it. */
    private void narrowRows(float[] A, float[] bias, float[] C, int m, int k, int n, Epilogue then) {
        float[] Bv = narrowB, biasV = bias == null ? null : narrowBias;
        if (bias != null) {
            System.arraycopy(bias, 0, narrowBias, 0, n);
            java.util.Arrays.fill(narrowBias, n, L, 0f);
        }
        int pieces = (m + NARROW_ROWS - 1) / NARROW_ROWS;
        if (threads() == 1 || pieces < 2 || (long) m * k * n < PARALLEL_THRESHOLD) {
            NarrowGemm.rows(A, Bv, biasV, C, k, n, 0, m);
            if (then != null) VectorEpilogue.apply(then, C, 0, m * n);
            return;
        }
        pool.runRanges((u0, u1) -> {
            int i0 = u0 * NARROW_ROWS, i1 = Math.min(m, u1 * NARROW_ROWS);
            NarrowGemm.rows(A, Bv, biasV, C, k, n, i0, i1);
            if (then != null) VectorEpilogue.apply(then, C, i0 * n, i1 * n);
        }, pieces);
    }

    /** Packs the panels q0..q1 of a product's B into {@code into}, which holds the panels from {@code first} on. */
    @FunctionalInterface
    private interface PanelPacker {
        void pack(float[] into, int first, int q0, int q1);
    }

    /**
     * Computes {@code p}, whose B is packed in panels: by {@code packer} one panel at a time into
     * a buffer of the thread that computes it, right before its tiles read it, when the product is
     * shared by panels of columns (or runs on one thread): one hand-over instead of two (a shared
     * packing, then the product), and the panel (k x NR floats) is still in cache when the tiles
     * read it. Shared by rows, every thread needs every panel: {@code packShared} packs them all
     * into {@link #packed} first, on all the threads. The same packing either way: the same bits.
     */
    private void runPacking(Product p, PanelPacker packer, Runnable packShared) {
        int threads = threads();
        int rowStrips = p.rowStrips(), panels = p.columnPanels();
        if (threads == 1) {
            float[] buffer = panelBuffer(0, p.k());
            for (int q = 0; q < panels; q++) {
                packer.pack(buffer, q, q, q + 1);
                p.panel(buffer, q, scratch[0]);
            }
        } else if ((long) p.m() * p.k() * p.n() < PARALLEL_THRESHOLD || (rowStrips < threads && panels < threads)
                || busiestShare(rowStrips, tile.rows, p.m(), threads) <= busiestShare(panels, Gemm.NR, p.n(), threads)) {
            packShared.run();
            run(p.packedIn(packed));
        } else {
            pool.run((q0, q1, t) -> {
                float[] buffer = panelBuffer(t, p.k());
                for (int q = q0; q < q1; q++) {
                    packer.pack(buffer, q, q, q + 1);
                    p.panel(buffer, q, scratch[t]);
                }
            }, panels);
        }
    }

    /** Thread t's buffer for one packed panel of depth k (grown by that thread alone, then reused). */
    private float[] panelBuffer(int t, int k) {
        int size = k * Gemm.NR;
        if (panelBuffers[t].length < size) panelBuffers[t] = new float[size];
        return panelBuffers[t];
    }

    /**
     * Rows per piece when the threads share a copy (packing, transposing) by rows: by rows rather
     * than by panels or columns, so that a matrix of few columns but many rows (the paper's
     * 60,000 x 10) is shared too.
     */
    private static final int SHARED_ROWS = 256;

    /** Copies B [k, n] into {@link #packed} in panel order, the rows shared among the threads. */
    private void packRows(float[] B, int k, int n) {
        int size = Gemm.packedSize(k, n);
        if (packed.length < size) packed = new float[size];
        float[] Bp = packed;
        int panels = (n + Gemm.NR - 1) / Gemm.NR;
        int pieces = (k + SHARED_ROWS - 1) / SHARED_ROWS;
        if (threads() == 1 || pieces == 1 || (long) k * n < 1 << 15) Gemm.packRows(B, Bp, k, n, 0, panels);
        else pool.runRanges((u0, u1) -> Gemm.packRows(B, Bp, k, n, 0, panels, u0 * SHARED_ROWS,
                Math.min(k, u1 * SHARED_ROWS)), pieces);
    }

    @Override
    public void sparseATimesB(SparseRows X, float[] B, float[] bias, float[] C, int m, int k, int n) {
        sparseATimesB(X, B, bias, C, m, k, n, null);
    }

    /** {@code then} runs on each thread's rows, or groups of columns, right after it computed them. */
    @Override
    public synchronized void sparseATimesB(SparseRows X, float[] B, float[] bias, float[] C, int m, int k, int n,
                                           Epilogue then) {
        checkShape(X, m, k);
        SparseOctets octets = octets(X, n);
        if (octets != null) {
            octetForward(octets, B, bias, C, n, then);
            return;
        }
        if (sparseTiles && SparseGemm.wideGroups(n) > 0) {
            tiledForward(X, B, bias, C, m, k, n, then);
            return;
        }
        X.listRowsIfPending();
        packNarrowPanels(B, k, n);
        float[] Bp = packed, b = pad(bias, n);
        int groups = SparseGemm.groups(n);
        long work = (long) X.nonzeros * n;
        if (threads() == 1 || work < PARALLEL_THRESHOLD) {
            SparseGemm.forward(X, B, Bp, b, C, n, 0, m, 0, groups);
            if (then != null) VectorEpilogue.apply(then, C, 0, m * n);
        } else if (m >= 4 * threads() || m >= groups) {  // rows, or groups of columns when there are few rows
            pool.runRanges((i0, i1) -> {
                SparseGemm.forward(X, B, Bp, b, C, n, i0, i1, 0, groups);
                if (then != null) VectorEpilogue.apply(then, C, i0 * n, i1 * n);
            }, m);
        } else {
            pool.runRanges((g0, g1) -> {
                SparseGemm.forward(X, B, Bp, b, C, n, 0, m, g0, g1);
                if (then != null) {
                    VectorEpilogue.apply(then, C, n, 0, m, g0 * SparseGemm.GROUP * Gemm.NR, Math.min(n, g1 * SparseGemm.GROUP * Gemm.NR));
                }
            }, groups);
        }
    }

    /**
     * C = bias + X·Wᵀ with the wide columns in tiles of three images ({@link SparseTiles}), the
     * groups of images shared among the threads, each thread listing a group's pixels itself; the
     * columns past the wide groups, if any, as {@link SparseGemm} does them. {@code then} runs on
     * each thread's rows once they are whole: in the call that finishes them.
     */
    private void tiledForward(SparseRows X, float[] Wt, float[] bias, float[] C, int m, int k, int n, Epilogue then) {
        float[] b = pad(bias, n);
        int wideGroups = SparseGemm.wideGroups(n), groups = SparseGemm.groups(n);
        boolean narrow = groups > wideGroups;
        if (narrow) {
            X.listRowsIfPending();
            packNarrowPanels(Wt, k, n);
        }
        float[] Wp = packed;
        int units = SparseTiles.rowUnits(m);
        if (threads() == 1 || (long) X.nonzeros * n < PARALLEL_THRESHOLD) {
            SparseTiles.forward(X, Wt, b, C, n, 0, units, groupList(0, k), groupBits(0, k), similarImages[0]);
            if (narrow) SparseGemm.forward(X, Wt, Wp, b, C, n, 0, m, wideGroups, groups);
            if (then != null) VectorEpilogue.apply(then, C, 0, m * n);
        } else {
            pool.run((g0, g1, t) -> {
                SparseTiles.forward(X, Wt, b, C, n, g0, g1, groupList(t, k), groupBits(t, k), similarImages[t]);
                if (then != null && !narrow) VectorEpilogue.apply(then, C, g0 * SparseTiles.IMAGES * n, Math.min(m, g1 * SparseTiles.IMAGES) * n);
            }, units);
            if (narrow) {
                pool.runRanges((i0, i1) -> {
                    SparseGemm.forward(X, Wt, Wp, b, C, n, i0, i1, wideGroups, groups);
                    if (then != null) VectorEpilogue.apply(then, C, i0 * n, i1 * n);
                }, m);
            }
        }
    }

    /**
     * C [m, n] = Xᵀ·dZ for X [k, m] with the wide columns in tiles of four pixels ({@link SparseTiles}),
     * the groups of pixels shared among the threads, each thread listing a group's images itself;
     * the columns past the wide groups, if any, as {@link SparseGemm} does them, in the same pieces;
     * the column sums of B (null: none) as pieces of the same call, taken first.
     */
    private void tiledWeightGradient(SparseRows X, float[] B, float[] C, int m, int k, int n, float[] columnSumsOfB) {
        int blockRows = Math.max(1, Math.min(SparseGemm.gradientBlockRows(n), k));
        boolean narrow = n % SparseTiles.FORWARD_COLUMNS != 0;
        if (narrow) X.listColumns(SparseGemm.gradientBlockRows(n), this);
        float[] dZ = roomy(B, k * n, n);
        int pixelGroups = SparseTiles.pixelGroups(m);
        if (threads() == 1 || (long) X.nonzeros * n < PARALLEL_THRESHOLD) {
            if (columnSumsOfB != null) columnSums(B, columnSumsOfB, k, n, 0, n);
            SparseTiles.weightGradient(dZ, X, C, n, 0, pixelGroups, blockRows, groupList(0, blockRows));
            if (narrow) SparseGemm.weightGradient(dZ, X, C, n, 0, m, scratch[0], true);
        } else {
            int sums = columnSumsOfB == null ? 0 : (n + SUM_COLUMNS - 1) / SUM_COLUMNS;
            pool.run((u0, u1, t) -> {
                for (int u = u0; u < Math.min(u1, sums); u++) {
                    columnSums(B, columnSumsOfB, k, n, u * SUM_COLUMNS, Math.min(n, (u + 1) * SUM_COLUMNS));
                }
                if (u1 <= sums) return;
                int q0 = Math.max(u0, sums) - sums, q1 = u1 - sums;
                SparseTiles.weightGradient(dZ, X, C, n, q0, q1, blockRows, groupList(t, blockRows));
                if (narrow) {
                    SparseGemm.weightGradient(dZ, X, C, n, q0 * SparseTiles.PIXELS, Math.min(m, q1 * SparseTiles.PIXELS),
                            scratch[t], true);
                }
            }, sums + pixelGroups);
        }
    }

    /** Thread t's list of a tile's members, at least {@code size} ints (grown by that thread alone, then reused). */
    private int[] groupList(int t, int size) {
        if (groupLists[t].length < size) groupLists[t] = new int[size];
        return groupLists[t];
    }

    /** Thread t's bit set for listing the pixels of a group of images of {@code cols} pixels. */
    private long[] groupBits(int t, int cols) {
        int size = SparseGroups.bitsFor(cols);
        if (groupBits[t].length < size) groupBits[t] = new long[size];
        return groupBits[t];
    }

    /**
     * The panels of B [k, n] past {@link SparseGemm#wideGroups}, in {@link #packed} in panel order
     * (padded with zeros): all of the paper's 10 columns, none of 512. Small: k x a few panels.
     */
    private void packNarrowPanels(float[] B, int k, int n) {
        int panels = (n + Gemm.NR - 1) / Gemm.NR;
        int first = SparseGemm.wideGroups(n) * SparseGemm.GROUP;
        if (first == panels) return;
        int size = Gemm.packedSize(k, n);
        if (packed.length < size) packed = new float[size];
        Gemm.packRows(B, packed, k, n, first, panels);
    }

    @Override
    public void sparseATransposedTimesB(SparseRows X, float[] B, float[] C, int m, int k, int n) {
        sparseATransposedTimesB(X, B, C, m, k, n, null);
    }

    /**
     * The column sums of B (dZ: the bias gradient) are pieces of the same parallel call as the
     * product, {@link #SUM_COLUMNS} columns a piece, taken first.
     */
    @Override
    public synchronized void sparseATransposedTimesB(SparseRows X, float[] B, float[] C, int m, int k, int n,
                                                     float[] columnSumsOfB) {
        checkShape(X, k, m);
        SparseOctets octets = octets(X, n);
        if (octets != null) {
            if (columnSumsOfB != null) columnSums(B, columnSumsOfB, k, n);
            octetWeightGradient(octets, B, C, n);
            return;
        }
        if (sparseTiles && SparseGemm.wideGroups(n) > 0) {
            tiledWeightGradient(X, B, C, m, k, n, columnSumsOfB);
            return;
        }
        X.listColumns(SparseGemm.gradientBlockRows(n), this);
        float[] dZ = roomy(B, k * n, n);
        long work = (long) X.nonzeros * n;
        if (threads() == 1 || work < PARALLEL_THRESHOLD) {
            if (columnSumsOfB != null) columnSums(B, columnSumsOfB, k, n, 0, n);
            SparseGemm.weightGradient(dZ, X, C, n, 0, m, scratch[0]);
        } else {
            int sums = columnSumsOfB == null ? 0 : (n + SUM_COLUMNS - 1) / SUM_COLUMNS;
            pool.run((u0, u1, t) -> {
                for (int u = u0; u < Math.min(u1, sums); u++) {
                    columnSums(B, columnSumsOfB, k, n, u * SUM_COLUMNS, Math.min(n, (u + 1) * SUM_COLUMNS));
                }
                if (u1 > sums) SparseGemm.weightGradient(dZ, X, C, n, Math.max(u0, sums) - sums, u1 - sums, scratch[t]);
            }, sums + m);
        }
    }

    /** Columns per piece of a bias gradient summed inside another parallel call. */
    private static final int SUM_COLUMNS = 64;

    /** X as octets when a product of n outputs over it pays for them (see {@link SparseOctets}), else null. */
    private SparseOctets octets(SparseRows X, int n) {
        return n <= OctetGemm.COLUMNS && OctetGemm.supported() ? X.octets(this, octetLanes) : null;
    }

    // The octet products' workspaces: Wᵀ padded to ten columns, dZ interleaved, columns' lane sums.
    private float[] octetWeights = new float[0];
    private float[] octetDz = new float[0];
    private float[] octetPartial = new float[0];
    private final int[] octetCuts;

    /**
     * C = bias + X·Wᵀ for Wᵀ [cols, n], n ≤ ten, over octets: shared among the threads by octets,
     * each thread applying {@code then} (null: none) to its rows right after them.
     */
    private void octetForward(SparseOctets X, float[] Wt, float[] bias, float[] C, int n, Epilogue then) {
        int columnsPadded = X.groups * X.groupColumns;  // a zero column past the last when a group lacks one
        int size = columnsPadded * OctetGemm.COLUMNS;
        if (octetWeights.length < size) octetWeights = new float[size];
        java.util.Arrays.fill(octetWeights, 0, size, 0f);
        for (int p = 0; p < X.cols; p++) System.arraycopy(Wt, p * n, octetWeights, p * OctetGemm.COLUMNS, n);
        float[] Wt10 = octetWeights;
        // Sixteen lanes: by blocks of rows over the by-column copy; eight: by octets.
        boolean sixteen = X.lanes == OctetGemm16.LANES;
        int rowsPerUnit = sixteen ? SparseOctets.BLOCK_ROWS : X.lanes;
        WorkerPool.SliceTask rows = (u0, u1, t) -> {
            if (sixteen) OctetGemm16.forward(X, Wt10, bias, C, n, u0, u1, scratch[t]);
            else OctetGemm.forward(X, Wt10, bias, C, n, u0, u1, scratch[t]);
            if (then != null) VectorEpilogue.apply(then, C, u0 * rowsPerUnit * n, Math.min(X.rows, u1 * rowsPerUnit) * n);
        };
        int units = sixteen ? X.blocks : X.octets;
        if (threads() == 1) rows.run(0, units, 0);
        else pool.run(rows, units);
    }

    /** C = Xᵀ·dZ [cols, n] over octets: dZ interleaved by octets, then the groups of columns shared among the threads. */
    private void octetWeightGradient(SparseOctets X, float[] dZ, float[] C, int n) {
        boolean sixteen = X.lanes == OctetGemm16.LANES;
        int tile = sixteen ? OctetGemm16.TILE : OctetGemm.TILE;
        int size = X.octets * tile;
        if (octetDz.length < size) octetDz = new float[size];
        int columnsPadded = X.groups * X.groupColumns;
        if (octetPartial.length < columnsPadded * tile) octetPartial = new float[columnsPadded * tile];
        float[] dZo = octetDz, partial = octetPartial;
        Range interleave = sixteen ? (g0, g1) -> OctetGemm16.interleave(dZ, X.rows, n, dZo, g0, g1)
                : (g0, g1) -> SparseOctets.interleave(dZ, X.rows, n, dZo, g0, g1, X.lanes);
        Range groups = sixteen ? (k0, k1) -> OctetGemm16.weightGradient(X, dZo, partial, C, n, k0, k1)
                : (p0, p1) -> OctetGemm.weightGradient(X, dZo, partial, C, n, p0, p1);  // groups of one column
        if (threads() == 1) {
            interleave.run(0, X.octets);
            groups.run(0, X.groups);
        } else {
            pool.runRanges(interleave, X.octets);
            // One run of groups per thread, of about equal work: each run reads the whole of dZo
            // (2.4 MB for W1), block by block, so more of them would read it more often.
            int[] cuts = octetCuts;
            X.cutGroups(cuts, threads());
            pool.runRanges((u0, u1) -> {
                for (int u = u0; u < u1; u++) groups.run(cuts[u], cuts[u + 1]);
            }, threads());
        }
    }

    /**
     * One example's layer. A wide one (W2's 512 outputs) is shared among the threads by blocks of
     * columns, so that each core reads only its share of the weights: reading them, not the
     * arithmetic, bounds the latency of one image. The pool's threads spin between back-to-back
     * calls, so the hand-over costs far less than it saves.
     */
    @Override
    public void vectorTimesMatrix(int[] index, float[] value, int count, float[] Bt, float[] bias, float[] z, int n) {
        int blocks = (n + SparseGemm.ROW_BLOCK - 1) / SparseGemm.ROW_BLOCK;
        if (threads() == 1 || blocks < 2 * threads() || (long) count * n < SHARED_ROW_WORK) {
            SparseGemm.vectorTimesMatrix(index, value, count, Bt, bias, z, n, 0, n);
            return;
        }
        pool.runRanges((u0, u1) -> SparseGemm.vectorTimesMatrix(index, value, count, Bt, bias, z, n,
                u0 * SparseGemm.ROW_BLOCK, Math.min(n, u1 * SparseGemm.ROW_BLOCK)), blocks);
    }

    /** Multiply-adds below which one example's layer stays on the calling thread. */
    private static final long SHARED_ROW_WORK = 1L << 14;

    /** Columns of A per piece when the threads share its transposition by columns. */
    private static final int SHARED_COLUMNS = 64;

    /** Floats below which a transposition stays on the calling thread: less work than a hand-over costs. */
    private static final long SHARED_TRANSPOSE = 1L << 18;

    /**
     * A [k, m] transposed into {@link #transposedA}, and the column sums of A into
     * {@code columnSums} if it is not null: on the calling thread when small (dZ of a
     * batch of 128 x 512: about 10 µs in 16 x 16 blocks, less than a hand-over to the other
     * thread costs on a busy machine), else shared by pieces of A's columns when it has enough of
     * them, or by rows (the paper's full batch: 60,000 rows of 10).
     */
    private void transpose(float[] A, int m, int k, float[] columnSums) {
        float[] At = transposedA;
        int rowPieces = (k + SHARED_ROWS - 1) / SHARED_ROWS, columnPieces = (m + SHARED_COLUMNS - 1) / SHARED_COLUMNS;
        if (threads() == 1 || (long) k * m < SHARED_TRANSPOSE || (rowPieces < 2 && columnPieces < 2)) {
            Gemm.transpose(A, At, m, k);
            if (columnSums != null) columnSums(A, columnSums, k, m, 0, m);  // A is still in cache
        } else if (columnPieces >= rowPieces) {
            pool.runRanges((u0, u1) -> {
                int i0 = u0 * SHARED_COLUMNS, i1 = Math.min(m, u1 * SHARED_COLUMNS);
                Gemm.transposeColumnsOf(A, At, m, k, 0, k, i0, i1);
                if (columnSums != null) columnSums(A, columnSums, k, m, i0, i1);
            }, columnPieces);
        } else {
            // By rows (the paper's full batch, 60,000 x 10). A column's sum would span the threads'
            // rows, so the sums are pieces of their own in the same call, L columns each, every
            // column summed in row order by one thread: the same bits, and no call of their own
            // (with 8-lane vectors, 10 columns would otherwise be a second call).
            int sumPieces = columnSums == null ? 0 : (m + L - 1) / L;
            pool.runRanges((u0, u1) -> {
                for (int u = u0; u < u1; u++) {
                    if (u < rowPieces) Gemm.transpose(A, At, m, k, u * SHARED_ROWS, Math.min(k, (u + 1) * SHARED_ROWS));
                    else columnSums(A, columnSums, k, m, (u - rowPieces) * L, Math.min(m, (u - rowPieces + 1) * L));
                }
            }, rowPieces + sumPieces);
        }
    }

    /** Shared among the threads by whole vectors once it is large enough to pay for the hand-over. */
    @Override
    public void reluBackward(float[] A, float[] dA, float[] dZ, int size) {
        if (threads() == 1 || size < 1 << 15) {
            reluBackward(A, dA, dZ, 0, size);
            return;
        }
        pool.runRanges((v0, v1) -> reluBackward(A, dA, dZ, v0 * L, Math.min(v1 * L, size)), (size + L - 1) / L);
    }

    private static void reluBackward(float[] A, float[] dA, float[] dZ, int from, int to) {
        VectorEpilogue.reluGradient(A, dA, dZ, from, to);
    }

    @Override
    public void columnSums(float[] A, float[] sums, int m, int n) {
        int pieces = (n + L - 1) / L;
        if (threads() == 1 || pieces < 2 || (long) m * n < 1 << 15) {
            columnSums(A, sums, m, n, 0, n);
            return;
        }
        // The threads take pieces of L columns: each column is still the sum of its rows in
        // order, so the bits do not depend on the split. (The paper's bias gradients sum 60,000 rows.)
        pool.runRanges((u0, u1) -> columnSums(A, sums, m, n, u0 * L, Math.min(n, u1 * L)), pieces);
    }

    /** sums[j] = Σ_i A[i, j] for the columns j0..j1. */
    private static void columnSums(float[] A, float[] sums, int m, int n, int j0, int j1) {
        int j = j0;
        for (; j + 4 * L <= j1; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int i = 0, o = j; i < m; i++, o += n) {
                s0 = s0.add(FloatVector.fromArray(S, A, o));
                s1 = s1.add(FloatVector.fromArray(S, A, o + L));
                s2 = s2.add(FloatVector.fromArray(S, A, o + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, A, o + 3 * L));
            }
            s0.intoArray(sums, j);
            s1.intoArray(sums, j + L);
            s2.intoArray(sums, j + 2 * L);
            s3.intoArray(sums, j + 3 * L);
        }
        for (; j + L <= j1; j += L) {
            FloatVector s0 = FloatVector.zero(S);
            for (int i = 0, o = j; i < m; i++, o += n) s0 = s0.add(FloatVector.fromArray(S, A, o));
            s0.intoArray(sums, j);
        }
        for (; j < j1; j++) {
            float s = 0f;
            for (int i = 0; i < m; i++) s += A[i * n + j];
            sums[j] = s;
        }
    }

    /** Not synchronized: called by each thread on its share of a {@link #forEachRange}, it keeps no state. */
    @Override
    public void exp(double[] x, int from, int to) {
        VectorExp.exp(x, from, to);
    }

    /** Not synchronized, as {@link #exp}. */
    @Override
    public void log(double[] x, int from, int to) {
        VectorLog.log(x, from, to);
    }

    /** Rows in the lanes ({@link VectorSoftmax}), whole groups of them; the rest, if any, left to the caller. */
    @Override
    public int softmaxRows(float[] Z, int classes, float[] A, int[] argmax, double[] sums, double[] work, int from, int to) {
        return VectorSoftmax.rows(Z, classes, A, argmax, sums, work, from, to);
    }

    @Override
    public void forEachTask(int count, Range body) {
        if (threads() == 1 || count < 2) body.run(0, count);
        else pool.runRanges(body, count);
    }

    @Override
    public void forEachRange(int total, Range body) {
        if (threads() == 1 || total < 1 << 15) body.run(0, total);
        else pool.runRanges(body, total);
    }

    private static void checkShape(SparseRows X, int rows, int cols) {
        if (X.rows != rows || X.cols != cols || X.nonzeros < 0) {
            throw new IllegalArgumentException("the sparse input lists a " + X.rows + "x" + X.cols
                    + (X.nonzeros < 0 ? " matrix that was too dense to list" : " matrix") + ", expected " + rows + "x" + cols);
        }
    }

    /** Packs Wᵀ for W [n, k] into {@link #packed}, the panels shared among the threads. */
    private void pack(float[] W, int k, int n) {
        int size = Gemm.packedSize(k, n);
        if (packed.length < size) packed = new float[size];
        int panels = (n + Gemm.NR - 1) / Gemm.NR;
        float[] Bp = packed;
        if (threads() == 1 || panels == 1 || (long) k * n < 1 << 14) Gemm.pack(W, Bp, k, n, 0, panels);
        else pool.runRanges((q0, q1) -> Gemm.pack(W, Bp, k, n, q0, q1), panels);
    }

    /** The bias padded with zeros to whole panels, or null. */
    private float[] pad(float[] bias, int n) {
        if (bias == null) return null;
        int size = (n + Gemm.NR - 1) / Gemm.NR * Gemm.NR;
        if (paddedBias.length < size) paddedBias = new float[size];
        System.arraycopy(bias, 0, paddedBias, 0, n);
        java.util.Arrays.fill(paddedBias, n, size, 0f);
        return paddedBias;
    }

    /**
     * M itself if whole vectors can be read from its last strip of columns (width n, size floats),
     * else a copy with that room. Workspaces of the nn package have it; a bare array may not.
     */
    private float[] roomy(float[] M, int size, int n) {
        if (n % Gemm.NR == 0 || M.length >= size + Gemm.NR) return M;
        if (roomy.length < size + Gemm.NR) roomy = new float[size + Gemm.NR];
        System.arraycopy(M, 0, roomy, 0, size);
        return roomy;
    }

    /**
     * Computes {@code p}, split among the threads by strips of rows or by panels of columns,
     * whichever leaves the busiest thread the smaller share of C (rows on a tie). W2's forward
     * product at batch 128 has 11 strips of 12 rows (a thread does 72 of the 128 rows) but 16
     * panels of 32 columns (a thread does 8): by columns, each core also reads only its half of
     * the weights.
     */
    private void run(Product p) {
        int threads = threads();
        int rowStrips = p.rowStrips(), columnPanels = p.columnPanels();
        if (threads == 1 || (long) p.m() * p.k() * p.n() < PARALLEL_THRESHOLD
                || (rowStrips < threads && columnPanels < threads)) {
            p.tiles(0, p.m(), 0, p.n(), scratch[0]);
        } else if (busiestShare(rowStrips, tile.rows, p.m(), threads) <= busiestShare(columnPanels, Gemm.NR, p.n(), threads)) {
            pool.run((s0, s1, t) -> p.rowStrips(s0, s1, scratch[t]), rowStrips);
        } else {
            pool.run((q0, q1, t) -> p.columnPanels(q0, q1, scratch[t]), columnPanels);
        }
    }

    /** The busiest thread's fraction of a side of {@code size} cut into {@code units} of {@code unit}. */
    static double busiestShare(int units, int unit, int size, int threads) {
        return Math.min(size, (double) ((units + threads - 1) / threads) * unit) / size;
    }
}
