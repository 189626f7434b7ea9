using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// The register-blocked float gradient of <see cref="Models.Single.SingleLogisticRegression.Loss"/>: mean over rows
    /// of softplus(z) - y z with z = w·x + b; dw = sum_i (sigmoid(z_i) - y_i) x_i / m, db = sum_i (sigmoid(z_i) - y_i) / m.
    /// <see cref="LogisticBlocked"/>'s design in float.
    /// </summary>
    /// <remarks>
    /// Lanes run along the features. A tile of <see cref="SingleTiling.Rows"/> samples is two halves of eight, each
    /// with one accumulator per sample, so each weight vector is loaded once per half and feeds eight independent FMA
    /// chains (eight row pointers stay in registers). The sixteen dot products are reduced by transposing and adding
    /// (<see cref="ISingleLanes{TVec}.InterleaveSums"/>, <see cref="ISingleLanes{TVec}.PairSums"/>,
    /// <see cref="ISingleLanes{TVec}.BlockSums"/>: 15 pair steps instead of 16 horizontal sums) into one vector of
    /// logits, on which softplus and sigmoid run vectorised; the backward pass then adds the rows, still in L1 from
    /// the forward pass, into the gradient (per half, two chains of four FMAs per gradient vector). The tiles are
    /// software-pipelined: tile t's losses, then tile t + 1's dot products, then tile t's backward pass, so the serial
    /// chain of the losses (reduction, exp, log1p, two divisions) runs under the next tile's FMAs instead of stalling
    /// them (a tile is more instructions than the out-of-order window holds; 1.1x to 1.2x faster than tile by tile).
    /// The weights are padded with zeros to whole vectors, so a direct tile reads a row's last vector partly from the
    /// next row (times zero weight; the gradient lanes past n are discarded); the last rows, where that would leave the
    /// array, are copied once per call with zero padding. Everything is float, the per-lane loss and bias sums too.
    /// Cost: 2mn FMAs and one pass over x. Unless x is 64-byte aligned and n a multiple of 16, most 16-lane loads of x
    /// span two cache lines, which costs more than the FMAs (an aligned x with n = 96 ran about 1.4x faster).
    /// </remarks>
    public static class SingleLogisticBlocked
    {
        public static float Gradient(
            float[] w, float b, float[] x, float[] y, int m, int n, float[] dw, out float db, SingleLogisticBlockedWorkspace workspace, LaneWidth width = LaneWidth.Widest)
        {
            if (workspace.N != n)
            {
                throw new ArgumentException($"The workspace is for n = {workspace.N}, not {n}.", nameof(workspace));
            }

            SingleTiling.Require(w, n, nameof(w));
            SingleTiling.Require(x, (long)m * n, nameof(x));
            SingleTiling.Require(y, m, nameof(y));
            SingleTiling.Require(dw, n, nameof(dw));
            return SingleTiling.Widest(width)
                ? Run<SingleLanes512, Vector512<float>>(w, b, x, y, m, n, dw, out db, workspace)
                : Run<SingleLanes256, Vector256<float>>(w, b, x, y, m, n, dw, out db, workspace);
        }

        private static float Run<TLanes, TVec>(float[] w, float b, float[] x, float[] y, int m, int n, float[] dw, out float db, SingleLogisticBlockedWorkspace workspace)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            const int rows = SingleTiling.Rows;
            int paddedN = SingleTiling.RoundUp(n, TLanes.Count);
            float[] weights = workspace.Weights;
            float[] gradient = workspace.Gradient;
            Array.Copy(w, weights, n);
            Array.Clear(weights, n, paddedN - n);
            Array.Clear(gradient, 0, paddedN);
            int directEnd = DirectRows(m, n, paddedN) / rows * rows;
            CopyTail(x, y, m, n, paddedN, directEnd, workspace);

            // Per lane of a tile: the summed losses, then the summed dL/dz (the bias gradient); then two slots of a
            // tile's logits (then losses) and dL/dz, one for the tile whose losses are taken and one for the next.
            Span<float> buffers = stackalloc float[6 * rows];
            buffers.Clear();
            ref float sums = ref buffers[0];
            ref float slots = ref buffers[2 * rows];
            ref float weightStart = ref weights[0];
            ref float gradientStart = ref gradient[0];
            Source source = new(x, y, workspace.TailRows, workspace.TailTargets, m, n, paddedN, directEnd);

            int tiles = (m + rows - 1) / rows;
            Dots<TLanes, TVec>(ref source.Rows(0, out nint stride), stride, ref weightStart, paddedN, ref slots);
            for (int tile = 0; tile < tiles; tile++)
            {
                int first = tile * rows;
                ref float slot = ref Unsafe.Add(ref slots, (tile & 1) * 2 * rows);
                Losses<TLanes, TVec>(ref slot, ref source.Targets(first), source.Valid(first), b, ref sums);
                if (tile + 1 < tiles)
                {
                    Dots<TLanes, TVec>(ref source.Rows(first + rows, out nint nextStride), nextStride, ref weightStart, paddedN, ref Unsafe.Add(ref slots, ((tile + 1) & 1) * 2 * rows));
                }

                Backward<TLanes, TVec>(ref source.Rows(first, out stride), stride, ref Unsafe.Add(ref slot, rows), ref gradientStart, paddedN);
            }

            float scale = 1.0f / m;
            SingleWeightLayout.Scale<TLanes, TVec>(gradient, n, dw, scale);
            float total = 0.0f;
            float bias = 0.0f;
            for (int lane = 0; lane < rows; lane++)
            {
                total += buffers[lane];
                bias += buffers[rows + lane];
            }

            db = bias * scale;
            return total / m;
        }

        /// <summary>
        /// The rows from <paramref name="directEnd"/> on into the workspace's tail, rows paddedN apart and zero-padded,
        /// with their targets; rows past m stay zero. They fill less than two tiles: at most 15 rows whose padded read
        /// would leave x (ceil((paddedN - n) / n)), and at most 15 direct rows short of a whole tile before them.
        /// </summary>
        private static void CopyTail(float[] x, float[] y, int m, int n, int paddedN, int directEnd, SingleLogisticBlockedWorkspace workspace)
        {
            float[] tailRows = workspace.TailRows;
            float[] tailTargets = workspace.TailTargets;
            int count = m - directEnd;
            Array.Clear(tailRows, 0, Math.Min(tailRows.Length, SingleTiling.RoundUp(count, SingleTiling.Rows) * paddedN));
            Array.Clear(tailTargets);
            for (int r = 0; r < count; r++)
            {
                Array.Copy(x, (directEnd + r) * n, tailRows, r * paddedN, n);
                tailTargets[r] = y[directEnd + r];
            }
        }

        /// <summary>The rows whose whole padded vectors lie inside x (all of them when n fills whole vectors).</summary>
        private static int DirectRows(int m, int n, int paddedN)
        {
            if (paddedN == n)
            {
                return m;
            }

            long lastRow = ((long)m * n - paddedN) / n;
            return (int)Math.Clamp(lastRow + 1, 0, m);
        }

        /// <summary>
        /// The dot products of sixteen rows at <paramref name="rows"/> (<paramref name="stride"/> apart) with the
        /// weights, one vector of them (two at 8 lanes) into the first 16 floats of <paramref name="slot"/>.
        /// </summary>
        private static void Dots<TLanes, TVec>(ref float rows, nint stride, ref float weights, int paddedN, ref float slot)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            const int half = SingleTiling.HalfRows;
            TVec first = HalfDots<TLanes, TVec>(ref rows, stride, ref weights, paddedN);
            TVec second = HalfDots<TLanes, TVec>(ref Unsafe.Add(ref rows, half * stride), stride, ref weights, paddedN);
            if (TLanes.Count == SingleTiling.Rows)
            {
                TLanes.Store(TLanes.BlockSums(first, second), ref slot, 0);
            }
            else
            {
                TLanes.Store(first, ref slot, 0);
                TLanes.Store(second, ref slot, half);
            }
        }

        /// <summary>
        /// From a tile's dot products in <paramref name="slot"/>: the losses softplus(z) - y z over them and dL/dz =
        /// sigmoid(z) - y after them, vectorised over the tile's rows (rows from <paramref name="valid"/> on count
        /// zero), both added into <paramref name="sums"/>.
        /// </summary>
        private static void Losses<TLanes, TVec>(ref float slot, ref float targets, int valid, float b, ref float sums)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            const int tile = SingleTiling.Rows;
            TVec bias = TLanes.Create(b);
            for (nint o = 0; o < tile; o += TLanes.Count)
            {
                TVec z = TLanes.Add(TLanes.Load(ref slot, o), bias);
                TVec target = TLanes.Load(ref targets, o);
                TVec softplus = SingleVectorActivations.Softplus<TLanes, TVec>(z, out TVec sigmoid);
                TVec loss = TLanes.Subtract(softplus, TLanes.Multiply(target, z));
                TVec dz = TLanes.Subtract(sigmoid, target);
                TLanes.Store(loss, ref slot, o);
                TLanes.Store(dz, ref slot, tile + o);
            }

            for (int r = valid; r < tile; r++)
            {
                Unsafe.Add(ref slot, r) = 0.0f;
                Unsafe.Add(ref slot, tile + r) = 0.0f;
            }

            for (nint o = 0; o < 2 * tile; o += TLanes.Count)
            {
                TLanes.Store(TLanes.Add(TLanes.Load(ref sums, o), TLanes.Load(ref slot, o)), ref sums, o);
            }
        }

        /// <summary>gradient += sum_r dz[r] x_r over the sixteen rows at <paramref name="rows"/>.</summary>
        private static void Backward<TLanes, TVec>(ref float rows, nint stride, ref float dz, ref float gradient, int paddedN)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            const int half = SingleTiling.HalfRows;
            HalfGradient<TLanes, TVec>(ref rows, stride, ref dz, ref gradient, paddedN);
            HalfGradient<TLanes, TVec>(ref Unsafe.Add(ref rows, half * stride), stride, ref Unsafe.Add(ref dz, half), ref gradient, paddedN);
        }

        /// <summary>
        /// The dot products of eight rows with the weights, reduced to one vector: at 8 lanes the eight sums in row
        /// order; at 16, each row's sum in two parts laid out as <see cref="ISingleLanes{TVec}.BlockSums"/> leaves them,
        /// which a last BlockSums with the other half's vector completes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TVec HalfDots<TLanes, TVec>(ref float rows, nint stride, ref float weights, int paddedN)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            ref float x0 = ref rows;
            ref float x1 = ref Unsafe.Add(ref rows, stride);
            ref float x2 = ref Unsafe.Add(ref rows, 2 * stride);
            ref float x3 = ref Unsafe.Add(ref rows, 3 * stride);
            ref float x4 = ref Unsafe.Add(ref rows, 4 * stride);
            ref float x5 = ref Unsafe.Add(ref rows, 5 * stride);
            ref float x6 = ref Unsafe.Add(ref rows, 6 * stride);
            ref float x7 = ref Unsafe.Add(ref rows, 7 * stride);
            TVec a0 = TLanes.Zero, a1 = TLanes.Zero, a2 = TLanes.Zero, a3 = TLanes.Zero;
            TVec a4 = TLanes.Zero, a5 = TLanes.Zero, a6 = TLanes.Zero, a7 = TLanes.Zero;
            for (nint j = 0; j < paddedN; j += TLanes.Count)
            {
                TVec weight = TLanes.Load(ref weights, j);
                a0 = TLanes.MultiplyAdd(weight, TLanes.Load(ref x0, j), a0);
                a1 = TLanes.MultiplyAdd(weight, TLanes.Load(ref x1, j), a1);
                a2 = TLanes.MultiplyAdd(weight, TLanes.Load(ref x2, j), a2);
                a3 = TLanes.MultiplyAdd(weight, TLanes.Load(ref x3, j), a3);
                a4 = TLanes.MultiplyAdd(weight, TLanes.Load(ref x4, j), a4);
                a5 = TLanes.MultiplyAdd(weight, TLanes.Load(ref x5, j), a5);
                a6 = TLanes.MultiplyAdd(weight, TLanes.Load(ref x6, j), a6);
                a7 = TLanes.MultiplyAdd(weight, TLanes.Load(ref x7, j), a7);
            }

            TVec rows0To3 = TLanes.PairSums(TLanes.InterleaveSums(a0, a1), TLanes.InterleaveSums(a2, a3));
            TVec rows4To7 = TLanes.PairSums(TLanes.InterleaveSums(a4, a5), TLanes.InterleaveSums(a6, a7));
            return TLanes.BlockSums(rows0To3, rows4To7);
        }

        /// <summary>gradient += sum_r dz[r] x_r over eight rows, in two chains of four FMAs per gradient vector.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void HalfGradient<TLanes, TVec>(ref float rows, nint stride, ref float dz, ref float gradient, int paddedN)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            ref float x0 = ref rows;
            ref float x1 = ref Unsafe.Add(ref rows, stride);
            ref float x2 = ref Unsafe.Add(ref rows, 2 * stride);
            ref float x3 = ref Unsafe.Add(ref rows, 3 * stride);
            ref float x4 = ref Unsafe.Add(ref rows, 4 * stride);
            ref float x5 = ref Unsafe.Add(ref rows, 5 * stride);
            ref float x6 = ref Unsafe.Add(ref rows, 6 * stride);
            ref float x7 = ref Unsafe.Add(ref rows, 7 * stride);
            TVec d0 = TLanes.Create(dz);
            TVec d1 = TLanes.Create(Unsafe.Add(ref dz, 1));
            TVec d2 = TLanes.Create(Unsafe.Add(ref dz, 2));
            TVec d3 = TLanes.Create(Unsafe.Add(ref dz, 3));
            TVec d4 = TLanes.Create(Unsafe.Add(ref dz, 4));
            TVec d5 = TLanes.Create(Unsafe.Add(ref dz, 5));
            TVec d6 = TLanes.Create(Unsafe.Add(ref dz, 6));
            TVec d7 = TLanes.Create(Unsafe.Add(ref dz, 7));
            for (nint j = 0; j < paddedN; j += TLanes.Count)
            {
                TVec first = TLanes.MultiplyAdd(d0, TLanes.Load(ref x0, j), TLanes.Load(ref gradient, j));
                TVec second = TLanes.Multiply(d4, TLanes.Load(ref x4, j));
                first = TLanes.MultiplyAdd(d1, TLanes.Load(ref x1, j), first);
                second = TLanes.MultiplyAdd(d5, TLanes.Load(ref x5, j), second);
                first = TLanes.MultiplyAdd(d2, TLanes.Load(ref x2, j), first);
                second = TLanes.MultiplyAdd(d6, TLanes.Load(ref x6, j), second);
                first = TLanes.MultiplyAdd(d3, TLanes.Load(ref x3, j), first);
                second = TLanes.MultiplyAdd(d7, TLanes.Load(ref x7, j), second);
                TLanes.Store(TLanes.Add(first, second), ref gradient, j);
            }
        }

        /// <summary>Where each tile's rows and targets are: in x and y up to the direct end, then in the workspace's tail.</summary>
        private readonly struct Source(float[] x, float[] y, float[] tailRows, float[] tailTargets, int m, int n, int paddedN, int directEnd)
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public ref float Rows(int first, out nint stride)
            {
                if (first < directEnd)
                {
                    stride = n;
                    return ref x[first * n];
                }

                stride = paddedN;
                return ref tailRows[(first - directEnd) * paddedN];
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public ref float Targets(int first) => ref first < directEnd ? ref y[first] : ref tailTargets[first - directEnd];

            public int Valid(int first) => Math.Min(SingleTiling.Rows, m - first);
        }
    }
}
