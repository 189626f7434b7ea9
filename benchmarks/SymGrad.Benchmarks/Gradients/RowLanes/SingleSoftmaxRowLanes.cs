using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Gradients.Blocked.Single;
using V = System.Runtime.Intrinsics.Vector256<float>;

namespace SymGrad.Benchmarks.Gradients.RowLanes
{
    /// <summary>
    /// <see cref="SoftmaxRowLanes"/> in <c>float</c>: the same loss and gradient as
    /// <see cref="SingleSoftmaxBlocked"/>, eight rows a <c>Vector256&lt;float&gt;</c>.
    /// </summary>
    /// <remarks>
    /// Per chunk of <see cref="SingleSoftmaxRowLanesWorkspace.Chunk"/> rows: x transposed eight rows by eight features
    /// at a time (<see cref="SingleLanes256.Transpose"/>); the logits a register-blocked product, five classes by sixteen
    /// rows (ten accumulators); the softmax cross-entropy sixteen rows at a time, as two vectors whose steps alternate,
    /// with the blocked kernels' <see cref="SingleVectorExp"/> and <see cref="SingleVectorLog"/>; dW a second
    /// register-blocked product over the rows, five classes by two features. 256-bit only, as the <c>double</c> kernel.
    /// </remarks>
    public static class SingleSoftmaxRowLanes
    {
        private const int Chunk = SingleSoftmaxRowLanesWorkspace.Chunk;

        public static float Gradient(float[] w, float[] b, float[] x, float[] y, int m, int n, int k, float[] dw, float[] db, SingleSoftmaxRowLanesWorkspace workspace)
        {
            if (workspace.N != n || workspace.K != k)
            {
                throw new ArgumentException($"The workspace is for n = {workspace.N}, k = {workspace.K}, not n = {n}, k = {k}.", nameof(workspace));
            }

            SingleTiling.Require(w, (long)k * n, nameof(w));
            SingleTiling.Require(b, k, nameof(b));
            SingleTiling.Require(x, (long)m * n, nameof(x));
            SingleTiling.Require(y, (long)m * k, nameof(y));
            SingleTiling.Require(dw, (long)k * n, nameof(dw));
            SingleTiling.Require(db, k, nameof(db));

            int paddedClasses = workspace.PaddedClasses;
            int paddedFeatures = workspace.PaddedFeatures;
            Array.Copy(w, workspace.Weights, k * n);
            Array.Copy(b, workspace.Bias, k);
            Array.Clear(workspace.WeightGradient);
            Array.Clear(workspace.BiasGradient);

            double loss = 0.0;
            for (int start = 0; start < m; start += Chunk)
            {
                int rows = Math.Min(Chunk, m - start);
                int groups = (rows + 7) / 8;
                TransposeRows(x, start * n, rows, n, workspace);
                Logits(workspace, groups, n, paddedClasses);
                loss += Vector256.Sum(Softmax(workspace, y, start * k, rows, groups, k, paddedClasses));
                WeightProducts(workspace, groups, paddedFeatures, paddedClasses);
                BiasSums(workspace, groups, k);
            }

            float scale = 1.0f / m;
            for (int c = 0; c < k; c++)
            {
                for (int j = 0; j < n; j++)
                {
                    dw[(c * n) + j] = workspace.WeightGradient[(c * paddedFeatures) + j] * scale;
                }

                db[c] = workspace.BiasGradient[c] * scale;
            }

            return (float)(loss / m);
        }

        /// <summary>The chunk's rows into <see cref="SingleSoftmaxRowLanesWorkspace.Columns"/>, eight at a time; a last partial group from a zero-padded copy.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void TransposeRows(float[] x, int offset, int rows, int n, SingleSoftmaxRowLanesWorkspace workspace)
        {
            ref float columns = ref MemoryMarshal.GetArrayDataReference(workspace.Columns);
            int whole = rows & ~7;
            for (int r = 0; r < whole; r += 8)
            {
                TransposeEightRows(ref x[offset + (r * n)], n, n, ref Unsafe.Add(ref columns, r), Chunk);
            }

            if (whole < rows)
            {
                float[] tail = workspace.TailRows;
                Array.Clear(tail);
                Array.Copy(x, offset + (whole * n), tail, 0, (rows - whole) * n);
                TransposeEightRows(ref tail[0], n, n, ref Unsafe.Add(ref columns, whole), Chunk);
            }
        }

        /// <summary>
        /// Eight rows at <paramref name="stride"/>, their first <paramref name="count"/> values, into <paramref name="count"/>
        /// eight-lane columns at <paramref name="destinationStride"/>: whole 8 x 8 blocks in registers, then column by column.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void TransposeEightRows(ref float row0, int stride, int count, ref float destination, int destinationStride)
        {
            int c = 0;
            for (; c + 8 <= count; c += 8)
            {
                SingleLanes256.Transpose(ref Unsafe.Add(ref row0, c), stride, ref Unsafe.Add(ref destination, c * destinationStride), destinationStride);
            }

            for (; c < count; c++)
            {
                ref float value = ref Unsafe.Add(ref row0, c);
                Vector256.Create(
                    value, Unsafe.Add(ref value, stride), Unsafe.Add(ref value, 2 * stride), Unsafe.Add(ref value, 3 * stride),
                    Unsafe.Add(ref value, 4 * stride), Unsafe.Add(ref value, 5 * stride), Unsafe.Add(ref value, 6 * stride), Unsafe.Add(ref value, 7 * stride))
                    .StoreUnsafe(ref destination, (nuint)(c * destinationStride));
            }
        }

        /// <summary>z = b + W x for the chunk's rows: five classes by sixteen rows (two groups) per block, then a last group of eight.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Logits(SingleSoftmaxRowLanesWorkspace workspace, int groups, int n, int paddedClasses)
        {
            ref float columns = ref MemoryMarshal.GetArrayDataReference(workspace.Columns);
            ref float logits = ref MemoryMarshal.GetArrayDataReference(workspace.Logits);
            ref float weights = ref MemoryMarshal.GetArrayDataReference(workspace.Weights);
            ref float bias = ref MemoryMarshal.GetArrayDataReference(workspace.Bias);
            int group = 0;
            for (; group + 2 <= groups; group += 2)
            {
                ref float x = ref Unsafe.Add(ref columns, 8 * group);
                ref float z = ref Unsafe.Add(ref logits, 8 * group);
                for (int c = 0; c < paddedClasses; c += SoftmaxRowLanesWorkspace.ClassBlock)
                {
                    ref float w0 = ref Unsafe.Add(ref weights, c * n);
                    V z00 = Vector256.Create(Unsafe.Add(ref bias, c)), z10 = Vector256.Create(Unsafe.Add(ref bias, c + 1)), z20 = Vector256.Create(Unsafe.Add(ref bias, c + 2));
                    V z30 = Vector256.Create(Unsafe.Add(ref bias, c + 3)), z40 = Vector256.Create(Unsafe.Add(ref bias, c + 4));
                    V z01 = z00, z11 = z10, z21 = z20, z31 = z30, z41 = z40;
                    for (int j = 0; j < n; j++)
                    {
                        V x0 = Vector256.LoadUnsafe(ref x, (nuint)(j * Chunk));
                        V x1 = Vector256.LoadUnsafe(ref x, (nuint)((j * Chunk) + 8));
                        V weight = Vector256.Create(Unsafe.Add(ref w0, j));
                        z00 = Vector256.FusedMultiplyAdd(weight, x0, z00);
                        z01 = Vector256.FusedMultiplyAdd(weight, x1, z01);
                        weight = Vector256.Create(Unsafe.Add(ref w0, n + j));
                        z10 = Vector256.FusedMultiplyAdd(weight, x0, z10);
                        z11 = Vector256.FusedMultiplyAdd(weight, x1, z11);
                        weight = Vector256.Create(Unsafe.Add(ref w0, (2 * n) + j));
                        z20 = Vector256.FusedMultiplyAdd(weight, x0, z20);
                        z21 = Vector256.FusedMultiplyAdd(weight, x1, z21);
                        weight = Vector256.Create(Unsafe.Add(ref w0, (3 * n) + j));
                        z30 = Vector256.FusedMultiplyAdd(weight, x0, z30);
                        z31 = Vector256.FusedMultiplyAdd(weight, x1, z31);
                        weight = Vector256.Create(Unsafe.Add(ref w0, (4 * n) + j));
                        z40 = Vector256.FusedMultiplyAdd(weight, x0, z40);
                        z41 = Vector256.FusedMultiplyAdd(weight, x1, z41);
                    }

                    ref float row = ref Unsafe.Add(ref z, c * Chunk);
                    StorePair(z00, z01, ref row, 0);
                    StorePair(z10, z11, ref row, Chunk);
                    StorePair(z20, z21, ref row, 2 * Chunk);
                    StorePair(z30, z31, ref row, 3 * Chunk);
                    StorePair(z40, z41, ref row, 4 * Chunk);
                }
            }

            if (group < groups)
            {
                ref float x = ref Unsafe.Add(ref columns, 8 * group);
                ref float z = ref Unsafe.Add(ref logits, 8 * group);
                for (int c = 0; c < paddedClasses; c += SoftmaxRowLanesWorkspace.ClassBlock)
                {
                    ref float w0 = ref Unsafe.Add(ref weights, c * n);
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

                    ref float row = ref Unsafe.Add(ref z, c * Chunk);
                    z0.StoreUnsafe(ref row);
                    z1.StoreUnsafe(ref row, Chunk);
                    z2.StoreUnsafe(ref row, 2 * Chunk);
                    z3.StoreUnsafe(ref row, 3 * Chunk);
                    z4.StoreUnsafe(ref row, 4 * Chunk);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StorePair(V first, V second, ref float row, nuint offset)
        {
            first.StoreUnsafe(ref row, offset);
            second.StoreUnsafe(ref row, offset + 8);
        }

        /// <summary>
        /// The softmax cross-entropy of the chunk's rows, sixteen at a time; leaves dL/dz (not yet divided by m) in the
        /// logits' place, 0 for the padding classes. Returns each lane's loss summed over its rows.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static V Softmax(SingleSoftmaxRowLanesWorkspace workspace, float[] y, int offset, int rows, int groups, int k, int paddedClasses)
        {
            ref float logits = ref MemoryMarshal.GetArrayDataReference(workspace.Logits);
            ref float lanesOfTargets = ref MemoryMarshal.GetArrayDataReference(workspace.TargetLanes);
            int lanes = groups * 8;
            V loss = V.Zero;
            for (int r = 0; r < lanes; r += 16)
            {
                ref float targets = ref Unsafe.NullRef<float>();
                if (r + 16 <= rows)
                {
                    targets = ref y[offset + (r * k)];
                }
                else
                {
                    // Rows past the chunk's last get zero targets: their loss (S lse - y . z with S = 0) and dz are exactly 0.
                    float[] tail = workspace.TailTargets;
                    Array.Clear(tail);
                    Array.Copy(y, offset + (r * k), tail, 0, (rows - r) * k);
                    targets = ref tail[0];
                }

                if (r + 16 > lanes)
                {
                    // A last single group: its partner's lanes hold what an earlier chunk or call left, which may be a NaN or an
                    // infinity (0 times it is NaN); 0 there keeps that half's loss term and dz exactly 0.
                    for (int c = 0; c < k; c++)
                    {
                        V.Zero.StoreUnsafe(ref logits, (nuint)((c * Chunk) + lanes));
                    }
                }

                TransposeEightRows(ref targets, k, k, ref lanesOfTargets, 16);
                TransposeEightRows(ref Unsafe.Add(ref targets, 8 * k), k, k, ref Unsafe.Add(ref lanesOfTargets, 8), 16);
                loss += SixteenRows(ref Unsafe.Add(ref logits, r), ref lanesOfTargets, k, paddedClasses);
            }

            return loss;
        }

        /// <summary>Sixteen rows (lanes r..r+15 of every class's row of logits): loss lanes, and dz in place of the logits.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static V SixteenRows(ref float z, ref float targets, int k, int paddedClasses)
        {
            V sumOfTargets0 = V.Zero, sumOfTargets1 = V.Zero;
            V max0 = Vector256.LoadUnsafe(ref z), max1 = Vector256.LoadUnsafe(ref z, 8);
            for (int c = 0; c < k; c++)
            {
                sumOfTargets0 += Vector256.LoadUnsafe(ref targets, (nuint)(c * 16));
                sumOfTargets1 += Vector256.LoadUnsafe(ref targets, (nuint)((c * 16) + 8));
                max0 = SingleLanes256.Max(max0, Vector256.LoadUnsafe(ref z, (nuint)(c * Chunk)));
                max1 = SingleLanes256.Max(max1, Vector256.LoadUnsafe(ref z, (nuint)((c * Chunk) + 8)));
            }

            V sum0 = V.Zero, sum1 = V.Zero, dot0 = V.Zero, dot1 = V.Zero;
            for (int c = 0; c < k; c++)
            {
                V logit0 = Vector256.LoadUnsafe(ref z, (nuint)(c * Chunk));
                V logit1 = Vector256.LoadUnsafe(ref z, (nuint)((c * Chunk) + 8));
                V exp0 = SingleVectorExp.Exp<SingleLanes256, V>(logit0 - max0);
                V exp1 = SingleVectorExp.Exp<SingleLanes256, V>(logit1 - max1);
                exp0.StoreUnsafe(ref z, (nuint)(c * Chunk));
                exp1.StoreUnsafe(ref z, (nuint)((c * Chunk) + 8));
                sum0 += exp0;
                sum1 += exp1;
                dot0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref targets, (nuint)(c * 16)), logit0, dot0);
                dot1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref targets, (nuint)((c * 16) + 8)), logit1, dot1);
            }

            // Each row's loss: S lse - y . z, lse = max + log(sum e); dz = e S / sum - y.
            V logSumExp0 = max0 + SingleVectorLog.Log<SingleLanes256, V>(sum0);
            V logSumExp1 = max1 + SingleVectorLog.Log<SingleLanes256, V>(sum1);
            V loss = Vector256.FusedMultiplyAdd(sumOfTargets0, logSumExp0, -dot0) + Vector256.FusedMultiplyAdd(sumOfTargets1, logSumExp1, -dot1);
            V factor0 = sumOfTargets0 / sum0, factor1 = sumOfTargets1 / sum1;
            for (int c = 0; c < k; c++)
            {
                nuint at = (nuint)(c * Chunk);
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref z, at), factor0, -Vector256.LoadUnsafe(ref targets, (nuint)(c * 16))).StoreUnsafe(ref z, at);
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref z, at + 8), factor1, -Vector256.LoadUnsafe(ref targets, (nuint)((c * 16) + 8))).StoreUnsafe(ref z, at + 8);
            }

            for (int c = k; c < paddedClasses; c++)
            {
                StorePair(V.Zero, V.Zero, ref z, (nuint)(c * Chunk));
            }

            return loss;
        }

        /// <summary>dW += dz x^T over the chunk's rows: five classes by two features per block, the rows' lanes summed once per block.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void WeightProducts(SingleSoftmaxRowLanesWorkspace workspace, int groups, int paddedFeatures, int paddedClasses)
        {
            ref float columns = ref MemoryMarshal.GetArrayDataReference(workspace.Columns);
            ref float gradient = ref MemoryMarshal.GetArrayDataReference(workspace.Logits);
            ref float output = ref MemoryMarshal.GetArrayDataReference(workspace.WeightGradient);
            int lanes = groups * 8;
            for (int c = 0; c < paddedClasses; c += SoftmaxRowLanesWorkspace.ClassBlock)
            {
                ref float d0 = ref Unsafe.Add(ref gradient, c * Chunk);
                for (int j = 0; j < paddedFeatures; j += SoftmaxRowLanesWorkspace.FeatureBlock)
                {
                    ref float x0 = ref Unsafe.Add(ref columns, j * Chunk);
                    V a00 = V.Zero, a01 = V.Zero, a10 = V.Zero, a11 = V.Zero, a20 = V.Zero, a21 = V.Zero, a30 = V.Zero, a31 = V.Zero, a40 = V.Zero, a41 = V.Zero;
                    for (int r = 0; r < lanes; r += 8)
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

                    ref float block = ref Unsafe.Add(ref output, (c * paddedFeatures) + j);
                    AddLaneSums(a00, a01, ref block);
                    AddLaneSums(a10, a11, ref Unsafe.Add(ref block, paddedFeatures));
                    AddLaneSums(a20, a21, ref Unsafe.Add(ref block, 2 * paddedFeatures));
                    AddLaneSums(a30, a31, ref Unsafe.Add(ref block, 3 * paddedFeatures));
                    AddLaneSums(a40, a41, ref Unsafe.Add(ref block, 4 * paddedFeatures));
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddLaneSums(V first, V second, ref float destination)
        {
            destination += Vector256.Sum(first);
            Unsafe.Add(ref destination, 1) += Vector256.Sum(second);
        }

        /// <summary>db += the chunk's dz summed over its rows.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void BiasSums(SingleSoftmaxRowLanesWorkspace workspace, int groups, int k)
        {
            ref float gradient = ref MemoryMarshal.GetArrayDataReference(workspace.Logits);
            float[] output = workspace.BiasGradient;
            int lanes = groups * 8;
            for (int c = 0; c < k; c++)
            {
                ref float row = ref Unsafe.Add(ref gradient, c * Chunk);
                V first = V.Zero, second = V.Zero;
                int r = 0;
                for (; r + 16 <= lanes; r += 16)
                {
                    first += Vector256.LoadUnsafe(ref row, (nuint)r);
                    second += Vector256.LoadUnsafe(ref row, (nuint)(r + 8));
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
