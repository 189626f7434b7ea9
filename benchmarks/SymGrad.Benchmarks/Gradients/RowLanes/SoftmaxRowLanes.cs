using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SymGrad.Benchmarks.Gradients.Blocked;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace SymGrad.Benchmarks.Gradients.RowLanes
{
    /// <summary>
    /// The softmax-regression gradient with the rows in the lanes: the same loss and gradient as
    /// <see cref="SoftmaxBlocked"/> and <see cref="SoftmaxRegressionGradients.Loops"/> (mean over rows; dW = sum_i dz_i x_i^T / m,
    /// dz_i = softmax(z_i) S_i - y_i), laid out so that no lane is padding when k and n are small.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <see cref="SoftmaxBlocked"/> puts the classes in the lanes: k = 10 takes three 4-lane vectors (12 lanes) or two
    /// 8-lane ones (16), and at (100, 10, 10) every one of its kernels is short. Here four rows share a
    /// <c>Vector256&lt;double&gt;</c> instead. Per chunk of <see cref="SoftmaxRowLanesWorkspace.Chunk"/> rows:
    /// </para>
    /// <list type="number">
    /// <item>x is transposed four rows at a time (two 128-bit loads per row pair and an unpack);</item>
    /// <item>the logits are a register-blocked product, five classes by eight rows (ten accumulators, each weight
    /// broadcast once for eight rows): 2 m n kPad5 FMAs, kPad5 = k rounded up to five;</item>
    /// <item>the softmax cross-entropy runs on whole vectors of rows, eight at a time as a <see cref="LanePair"/> (the
    /// blocked kernels' <see cref="VectorLog"/>, and their exp's reduction without its general-range steps, <see cref="ShiftedLogitExp"/>);</item>
    /// <item>dW is a second register-blocked product reducing over the rows, five classes by two features, whose
    /// lanes are summed once per block and chunk.</item>
    /// </list>
    /// <para>
    /// 256-bit only: it is the AVX2 machines' baseline. On an AVX-512 machine <see cref="SoftmaxBlocked"/> at its widest
    /// lanes is the bar; docs/benchmarks.md, "Register-blocked hand-written baselines", says which is faster where.
    /// </para>
    /// </remarks>
    public static class SoftmaxRowLanes
    {
        private const int Chunk = SoftmaxRowLanesWorkspace.Chunk;

        public static double Gradient(double[] w, double[] b, double[] x, double[] y, int m, int n, int k, double[] dw, double[] db, SoftmaxRowLanesWorkspace workspace)
        {
            if (workspace.N != n || workspace.K != k)
            {
                throw new ArgumentException($"The workspace is for n = {workspace.N}, k = {workspace.K}, not n = {n}, k = {k}.", nameof(workspace));
            }

            Tiling.Require(w, (long)k * n, nameof(w));
            Tiling.Require(b, k, nameof(b));
            Tiling.Require(x, (long)m * n, nameof(x));
            Tiling.Require(y, (long)m * k, nameof(y));
            Tiling.Require(dw, (long)k * n, nameof(dw));
            Tiling.Require(db, k, nameof(db));

            int paddedClasses = workspace.PaddedClasses;
            int paddedFeatures = workspace.PaddedFeatures;
            Array.Copy(w, workspace.Weights, k * n);
            Array.Copy(b, workspace.Bias, k);
            Array.Clear(workspace.WeightGradient);
            Array.Clear(workspace.BiasGradient);

            V loss = V.Zero;
            for (int start = 0; start < m; start += Chunk)
            {
                int rows = Math.Min(Chunk, m - start);
                int groups = (rows + 3) / 4;
                TransposeRows(x, start * n, rows, n, workspace);
                Logits(workspace, groups, n, paddedClasses);
                loss += Softmax(workspace, y, start * k, rows, groups, k, paddedClasses);
                WeightProducts(workspace, groups, paddedFeatures, paddedClasses);
                BiasSums(workspace, groups, k);
            }

            double scale = 1.0 / m;
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < n; j++)
                {
                    dw[(c * n) + j] = workspace.WeightGradient[(c * paddedFeatures) + j] * scale;
                }

                db[c] = workspace.BiasGradient[c] * scale;
            }

            return Vector256.Sum(loss) / m;
        }

        /// <summary>The chunk's rows into <see cref="SoftmaxRowLanesWorkspace.Columns"/>, four at a time; a last partial group from a zero-padded copy.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void TransposeRows(double[] x, int offset, int rows, int n, SoftmaxRowLanesWorkspace workspace)
        {
            ref double columns = ref MemoryMarshal.GetArrayDataReference(workspace.Columns);
            int whole = rows & ~3;
            for (int r = 0; r < whole; r += 4)
            {
                TransposeGroup(ref x[offset + (r * n)], n, ref Unsafe.Add(ref columns, r));
            }

            if (whole < rows)
            {
                double[] tail = workspace.TailRows;
                Array.Clear(tail);
                Array.Copy(x, offset + (whole * n), tail, 0, (rows - whole) * n);
                TransposeGroup(ref tail[0], n, ref Unsafe.Add(ref columns, whole));
            }
        }

        /// <summary>Four rows at stride n into four-lane columns at stride <see cref="SoftmaxRowLanesWorkspace.Chunk"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeGroup(ref double row0, int n, ref double columns)
        {
            ref double row1 = ref Unsafe.Add(ref row0, n);
            ref double row2 = ref Unsafe.Add(ref row1, n);
            ref double row3 = ref Unsafe.Add(ref row2, n);
            int j = 0;
            if (Avx.IsSupported)
            {
                // [r0 j, r0 j+1, r2 j, r2 j+1] and [r1 j, r1 j+1, r3 j, r3 j+1]: their low and high unpacks are columns j and j + 1.
                for (; j + 1 < n; j += 2)
                {
                    V evenRows = Vector256.Create(Vector128.LoadUnsafe(ref row0, (nuint)j), Vector128.LoadUnsafe(ref row2, (nuint)j));
                    V oddRows = Vector256.Create(Vector128.LoadUnsafe(ref row1, (nuint)j), Vector128.LoadUnsafe(ref row3, (nuint)j));
                    Avx.UnpackLow(evenRows, oddRows).StoreUnsafe(ref columns, (nuint)(j * Chunk));
                    Avx.UnpackHigh(evenRows, oddRows).StoreUnsafe(ref columns, (nuint)((j + 1) * Chunk));
                }
            }

            for (; j < n; j++)
            {
                Vector256.Create(Unsafe.Add(ref row0, j), Unsafe.Add(ref row1, j), Unsafe.Add(ref row2, j), Unsafe.Add(ref row3, j))
                    .StoreUnsafe(ref columns, (nuint)(j * Chunk));
            }
        }

        /// <summary>z = b + W x for the chunk's rows: five classes by eight rows (two groups) per block, then a last group of four.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Logits(SoftmaxRowLanesWorkspace workspace, int groups, int n, int paddedClasses)
        {
            ref double columns = ref MemoryMarshal.GetArrayDataReference(workspace.Columns);
            ref double logits = ref MemoryMarshal.GetArrayDataReference(workspace.Logits);
            ref double weights = ref MemoryMarshal.GetArrayDataReference(workspace.Weights);
            ref double bias = ref MemoryMarshal.GetArrayDataReference(workspace.Bias);
            int group = 0;
            for (; group + 2 <= groups; group += 2)
            {
                ref double x = ref Unsafe.Add(ref columns, 4 * group);
                ref double z = ref Unsafe.Add(ref logits, 4 * group);
                for (int c = 0; c < paddedClasses; c += SoftmaxRowLanesWorkspace.ClassBlock)
                {
                    ref double w0 = ref Unsafe.Add(ref weights, c * n);
                    ref double w1 = ref Unsafe.Add(ref w0, n);
                    ref double w2 = ref Unsafe.Add(ref w1, n);
                    ref double w3 = ref Unsafe.Add(ref w2, n);
                    ref double w4 = ref Unsafe.Add(ref w3, n);
                    V z00 = Vector256.Create(Unsafe.Add(ref bias, c)), z10 = Vector256.Create(Unsafe.Add(ref bias, c + 1)), z20 = Vector256.Create(Unsafe.Add(ref bias, c + 2));
                    V z30 = Vector256.Create(Unsafe.Add(ref bias, c + 3)), z40 = Vector256.Create(Unsafe.Add(ref bias, c + 4));
                    V z01 = z00, z11 = z10, z21 = z20, z31 = z30, z41 = z40;
                    for (int j = 0; j < n; j++)
                    {
                        V x0 = Vector256.LoadUnsafe(ref x, (nuint)(j * Chunk));
                        V x1 = Vector256.LoadUnsafe(ref x, (nuint)((j * Chunk) + 4));
                        V weight = Vector256.Create(Unsafe.Add(ref w0, j));
                        z00 = Vector256.FusedMultiplyAdd(weight, x0, z00);
                        z01 = Vector256.FusedMultiplyAdd(weight, x1, z01);
                        weight = Vector256.Create(Unsafe.Add(ref w1, j));
                        z10 = Vector256.FusedMultiplyAdd(weight, x0, z10);
                        z11 = Vector256.FusedMultiplyAdd(weight, x1, z11);
                        weight = Vector256.Create(Unsafe.Add(ref w2, j));
                        z20 = Vector256.FusedMultiplyAdd(weight, x0, z20);
                        z21 = Vector256.FusedMultiplyAdd(weight, x1, z21);
                        weight = Vector256.Create(Unsafe.Add(ref w3, j));
                        z30 = Vector256.FusedMultiplyAdd(weight, x0, z30);
                        z31 = Vector256.FusedMultiplyAdd(weight, x1, z31);
                        weight = Vector256.Create(Unsafe.Add(ref w4, j));
                        z40 = Vector256.FusedMultiplyAdd(weight, x0, z40);
                        z41 = Vector256.FusedMultiplyAdd(weight, x1, z41);
                    }

                    ref double row = ref Unsafe.Add(ref z, c * Chunk);
                    StorePair(z00, z01, ref row, 0);
                    StorePair(z10, z11, ref row, Chunk);
                    StorePair(z20, z21, ref row, 2 * Chunk);
                    StorePair(z30, z31, ref row, 3 * Chunk);
                    StorePair(z40, z41, ref row, 4 * Chunk);
                }
            }

            if (group < groups)
            {
                ref double x = ref Unsafe.Add(ref columns, 4 * group);
                ref double z = ref Unsafe.Add(ref logits, 4 * group);
                for (int c = 0; c < paddedClasses; c += SoftmaxRowLanesWorkspace.ClassBlock)
                {
                    ref double w0 = ref Unsafe.Add(ref weights, c * n);
                    V z0 = Vector256.Create(Unsafe.Add(ref bias, c)), z1 = Vector256.Create(Unsafe.Add(ref bias, c + 1)), z2 = Vector256.Create(Unsafe.Add(ref bias, c + 2));
                    V z3 = Vector256.Create(Unsafe.Add(ref bias, c + 3)), z4 = Vector256.Create(Unsafe.Add(ref bias, c + 4));
                    for (int j = 0; j < n; j++)
                    {
                        V x0 = Vector256.LoadUnsafe(ref x, (nuint)(j * Chunk));
                        z0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w0, j)), x0, z0);
                        z1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w0, n + j)), x0, z1);
                        z2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w0, (2 * n) + j)), x0, z2);
                        z3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w0, (3 * n) + j)), x0, z3);
                        z4 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref w0, (4 * n) + j)), x0, z4);
                    }

                    ref double row = ref Unsafe.Add(ref z, c * Chunk);
                    z0.StoreUnsafe(ref row);
                    z1.StoreUnsafe(ref row, Chunk);
                    z2.StoreUnsafe(ref row, 2 * Chunk);
                    z3.StoreUnsafe(ref row, 3 * Chunk);
                    z4.StoreUnsafe(ref row, 4 * Chunk);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StorePair(V first, V second, ref double row, nuint offset)
        {
            first.StoreUnsafe(ref row, offset);
            second.StoreUnsafe(ref row, offset + 4);
        }

        /// <summary>
        /// The softmax cross-entropy of the chunk's rows, eight at a time; leaves dL/dz (not yet divided by m) in the
        /// logits' place, 0 for the padding classes. Returns each lane's loss summed over its rows.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static V Softmax(SoftmaxRowLanesWorkspace workspace, double[] y, int offset, int rows, int groups, int k, int paddedClasses)
        {
            ref double logits = ref MemoryMarshal.GetArrayDataReference(workspace.Logits);
            int lanes = groups * 4;
            LanePair loss = PairLanes.Zero;
            for (int r = 0; r < lanes; r += 8)
            {
                ref double targets = ref Unsafe.NullRef<double>();
                if (r + 8 <= rows)
                {
                    targets = ref y[offset + (r * k)];
                }
                else
                {
                    // Rows past the chunk's last get zero targets: their loss (S lse - y . z with S = 0) and dz are exactly 0.
                    double[] tail = workspace.TailTargets;
                    Array.Clear(tail);
                    Array.Copy(y, offset + (r * k), tail, 0, (rows - r) * k);
                    targets = ref tail[0];
                }

                if (r + 8 > lanes)
                {
                    // A last single group: its partner's lanes hold what an earlier chunk or call left, which may be a NaN or an
                    // infinity (0 times it is NaN); 0 there keeps that half's loss term and dz exactly 0.
                    for (int c = 0; c < k; c++)
                    {
                        V.Zero.StoreUnsafe(ref logits, (nuint)((c * Chunk) + lanes));
                    }
                }

                loss = PairLanes.Add(loss, SoftmaxEightRows(ref Unsafe.Add(ref logits, r), ref targets, k, paddedClasses, workspace.TargetLanes));
            }

            return loss.First + loss.Second;
        }

        /// <summary>Eight rows (lanes r..r+7 of every class's row of logits): loss lanes, and dz in place of the logits.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static LanePair SoftmaxEightRows(ref double z, ref double targets, int k, int paddedClasses, double[] targetLanes)
        {
            ref double lanesOfTargets = ref MemoryMarshal.GetArrayDataReference(targetLanes);
            LanePair targetSum = TransposeTargets(ref targets, k, ref lanesOfTargets);

            LanePair max = PairLanes.Load(ref z, 0);
            for (int c = 1; c < k; c++)
            {
                max = PairLanes.Max(max, PairLanes.Load(ref z, c * Chunk));
            }

            LanePair sum = PairLanes.Zero, dot = PairLanes.Zero;
            for (int c = 0; c < k; c++)
            {
                LanePair logit = PairLanes.Load(ref z, c * Chunk);
                LanePair exp = ShiftedLogitExp.Exp(PairLanes.Subtract(logit, max));
                PairLanes.Store(exp, ref z, c * Chunk);
                sum = PairLanes.Add(sum, exp);
                dot = PairLanes.MultiplyAdd(PairLanes.Load(ref lanesOfTargets, c * 8), logit, dot);
            }

            // Each row's loss: S lse - y . z, lse = max + log(sum e); dz = e S / sum - y.
            LanePair logSumExp = PairLanes.Add(max, VectorLog.Log<PairLanes, LanePair>(sum));
            LanePair loss = PairLanes.MultiplyAdd(targetSum, logSumExp, Negate(dot));
            LanePair factor = PairLanes.Divide(targetSum, sum);
            for (int c = 0; c < k; c++)
            {
                LanePair gradient = PairLanes.MultiplyAdd(PairLanes.Load(ref z, c * Chunk), factor, Negate(PairLanes.Load(ref lanesOfTargets, c * 8)));
                PairLanes.Store(gradient, ref z, c * Chunk);
            }

            for (int c = k; c < paddedClasses; c++)
            {
                PairLanes.Store(PairLanes.Zero, ref z, c * Chunk);
            }

            return loss;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static LanePair Negate(LanePair value) => new(-value.First, -value.Second);

        /// <summary>Eight rows' targets (stride k) into lanes, class c's at [c * 8]; returns each row's sum S of its targets.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static LanePair TransposeTargets(ref double targets, int k, ref double lanes)
        {
            V first = V.Zero, second = V.Zero;
            int c = 0;
            if (Avx.IsSupported)
            {
                for (; c + 1 < k; c += 2)
                {
                    (V lowFirst, V highFirst) = ClassPair(ref targets, k, c);
                    (V lowSecond, V highSecond) = ClassPair(ref Unsafe.Add(ref targets, 4 * k), k, c);
                    lowFirst.StoreUnsafe(ref lanes, (nuint)(c * 8));
                    lowSecond.StoreUnsafe(ref lanes, (nuint)((c * 8) + 4));
                    highFirst.StoreUnsafe(ref lanes, (nuint)((c + 1) * 8));
                    highSecond.StoreUnsafe(ref lanes, (nuint)(((c + 1) * 8) + 4));
                    first += lowFirst + highFirst;
                    second += lowSecond + highSecond;
                }
            }

            for (; c < k; c++)
            {
                V low = Vector256.Create(Unsafe.Add(ref targets, c), Unsafe.Add(ref targets, k + c), Unsafe.Add(ref targets, (2 * k) + c), Unsafe.Add(ref targets, (3 * k) + c));
                V high = Vector256.Create(Unsafe.Add(ref targets, (4 * k) + c), Unsafe.Add(ref targets, (5 * k) + c), Unsafe.Add(ref targets, (6 * k) + c), Unsafe.Add(ref targets, (7 * k) + c));
                low.StoreUnsafe(ref lanes, (nuint)(c * 8));
                high.StoreUnsafe(ref lanes, (nuint)((c * 8) + 4));
                first += low;
                second += high;
            }

            return new LanePair(first, second);
        }

        /// <summary>Classes c and c + 1 of four rows at stride k, as lanes: an unpack of two 128-bit loads per row pair.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static (V Low, V High) ClassPair(ref double row0, int k, int c)
        {
            V evenRows = Vector256.Create(Vector128.LoadUnsafe(ref row0, (nuint)c), Vector128.LoadUnsafe(ref row0, (nuint)((2 * k) + c)));
            V oddRows = Vector256.Create(Vector128.LoadUnsafe(ref row0, (nuint)(k + c)), Vector128.LoadUnsafe(ref row0, (nuint)((3 * k) + c)));
            return (Avx.UnpackLow(evenRows, oddRows), Avx.UnpackHigh(evenRows, oddRows));
        }

        /// <summary>dW += dz x^T over the chunk's rows: five classes by two features per block, the rows' lanes summed once per block.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void WeightProducts(SoftmaxRowLanesWorkspace workspace, int groups, int paddedFeatures, int paddedClasses)
        {
            ref double columns = ref MemoryMarshal.GetArrayDataReference(workspace.Columns);
            ref double gradient = ref MemoryMarshal.GetArrayDataReference(workspace.Logits);
            ref double output = ref MemoryMarshal.GetArrayDataReference(workspace.WeightGradient);
            int lanes = groups * 4;
            for (int c = 0; c < paddedClasses; c += SoftmaxRowLanesWorkspace.ClassBlock)
            {
                ref double d0 = ref Unsafe.Add(ref gradient, c * Chunk);
                for (int j = 0; j < paddedFeatures; j += SoftmaxRowLanesWorkspace.FeatureBlock)
                {
                    ref double x0 = ref Unsafe.Add(ref columns, j * Chunk);
                    V a00 = V.Zero, a01 = V.Zero, a10 = V.Zero, a11 = V.Zero, a20 = V.Zero, a21 = V.Zero, a30 = V.Zero, a31 = V.Zero, a40 = V.Zero, a41 = V.Zero;
                    for (int r = 0; r < lanes; r += 4)
                    {
                        V u = Vector256.LoadUnsafe(ref x0, (nuint)r);
                        V v = Vector256.LoadUnsafe(ref x0, (nuint)(Chunk + r));
                        V d = Vector256.LoadUnsafe(ref d0, (nuint)r);
                        a00 = Vector256.FusedMultiplyAdd(d, u, a00);
                        a01 = Vector256.FusedMultiplyAdd(d, v, a01);
                        d = Vector256.LoadUnsafe(ref d0, (nuint)(Chunk + r));
                        a10 = Vector256.FusedMultiplyAdd(d, u, a10);
                        a11 = Vector256.FusedMultiplyAdd(d, v, a11);
                        d = Vector256.LoadUnsafe(ref d0, (nuint)((2 * Chunk) + r));
                        a20 = Vector256.FusedMultiplyAdd(d, u, a20);
                        a21 = Vector256.FusedMultiplyAdd(d, v, a21);
                        d = Vector256.LoadUnsafe(ref d0, (nuint)((3 * Chunk) + r));
                        a30 = Vector256.FusedMultiplyAdd(d, u, a30);
                        a31 = Vector256.FusedMultiplyAdd(d, v, a31);
                        d = Vector256.LoadUnsafe(ref d0, (nuint)((4 * Chunk) + r));
                        a40 = Vector256.FusedMultiplyAdd(d, u, a40);
                        a41 = Vector256.FusedMultiplyAdd(d, v, a41);
                    }

                    ref double block = ref Unsafe.Add(ref output, (c * paddedFeatures) + j);
                    AddLaneSums(a00, a01, ref block);
                    AddLaneSums(a10, a11, ref Unsafe.Add(ref block, paddedFeatures));
                    AddLaneSums(a20, a21, ref Unsafe.Add(ref block, 2 * paddedFeatures));
                    AddLaneSums(a30, a31, ref Unsafe.Add(ref block, 3 * paddedFeatures));
                    AddLaneSums(a40, a41, ref Unsafe.Add(ref block, 4 * paddedFeatures));
                }
            }
        }

        /// <summary>Adds the lane sums of <paramref name="first"/> and <paramref name="second"/> to the two doubles at <paramref name="destination"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddLaneSums(V first, V second, ref double destination)
        {
            if (Avx.IsSupported)
            {
                // [f0 + f1, s0 + s1, f2 + f3, s2 + s3]: its halves added are both sums.
                V pairs = Avx.HorizontalAdd(first, second);
                (Vector128.LoadUnsafe(ref destination) + pairs.GetLower() + pairs.GetUpper()).StoreUnsafe(ref destination);
                return;
            }

            destination += Vector256.Sum(first);
            Unsafe.Add(ref destination, 1) += Vector256.Sum(second);
        }

        /// <summary>db += the chunk's dz summed over its rows.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void BiasSums(SoftmaxRowLanesWorkspace workspace, int groups, int k)
        {
            ref double gradient = ref MemoryMarshal.GetArrayDataReference(workspace.Logits);
            double[] output = workspace.BiasGradient;
            int lanes = groups * 4;
            for (int c = 0; c < k; c++)
            {
                ref double row = ref Unsafe.Add(ref gradient, c * Chunk);
                V first = V.Zero, second = V.Zero;
                int r = 0;
                for (; r + 8 <= lanes; r += 8)
                {
                    first += Vector256.LoadUnsafe(ref row, (nuint)r);
                    second += Vector256.LoadUnsafe(ref row, (nuint)(r + 4));
                }

                if (r < lanes)
                {
                    first += Vector256.LoadUnsafe(ref row, (nuint)r);
                }

                output[c] += Vector256.Sum(first + second);
            }
        }
    }
}
