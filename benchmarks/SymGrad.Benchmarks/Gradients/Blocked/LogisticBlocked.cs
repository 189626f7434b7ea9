using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// The register-blocked gradient of <see cref="Models.LogisticRegression.Loss"/>, the same loss and gradient as
    /// <see cref="LogisticRegressionGradients.Loops"/> (mean over rows; dw = sum_i (sigmoid(z_i) - y_i) x_i / m).
    /// </summary>
    /// <remarks>
    /// Lanes run along the features. A tile of <see cref="Tiling.Rows"/> samples keeps one accumulator per sample, so
    /// each weight vector is loaded once per tile and feeds eight independent FMA chains. The tile's eight logits form
    /// whole vectors, on which softplus and sigmoid run vectorised; the backward pass then adds the eight rows, still
    /// in L1 from the forward pass, into the gradient (two chains of four FMAs per gradient vector). The weights are
    /// padded with zeros to whole vectors, so a direct tile reads a row's last vector partly from the next row (times
    /// zero weight; the gradient lanes past n are discarded); the last rows, where that would leave the array, go
    /// through a zero-padded copy. Cost: 2mn FMAs and one pass over x.
    /// </remarks>
    public static class LogisticBlocked
    {
        public static double Gradient(
            double[] w, double b, double[] x, double[] y, int m, int n, double[] dw, out double db, LogisticBlockedWorkspace workspace, LaneWidth width = LaneWidth.Widest)
        {
            if (workspace.N != n)
            {
                throw new ArgumentException($"The workspace is for n = {workspace.N}, not {n}.", nameof(workspace));
            }

            Tiling.Require(w, n, nameof(w));
            Tiling.Require(x, (long)m * n, nameof(x));
            Tiling.Require(y, m, nameof(y));
            Tiling.Require(dw, n, nameof(dw));
            return width == LaneWidth.Widest && Vector512.IsHardwareAccelerated
                ? Run<Lanes512, Vector512<double>>(w, b, x, y, m, n, dw, out db, workspace)
                : Run<Lanes256, Vector256<double>>(w, b, x, y, m, n, dw, out db, workspace);
        }

        private static double Run<TLanes, TVec>(double[] w, double b, double[] x, double[] y, int m, int n, double[] dw, out double db, LogisticBlockedWorkspace workspace)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            int paddedN = Tiling.RoundUp(n, TLanes.Count);
            double[] weights = workspace.Weights;
            double[] gradient = workspace.Gradient;
            Array.Copy(w, weights, n);
            Array.Clear(weights, n, paddedN - n);
            Array.Clear(gradient, 0, paddedN);

            // Per lane of a tile: the summed losses, then the summed dL/dz (the bias gradient); then the tile's scratch.
            Span<double> buffers = stackalloc double[4 * Tiling.Rows];
            buffers.Clear();
            ref double sums = ref buffers[0];
            ref double scratch = ref buffers[2 * Tiling.Rows];
            ref double weightStart = ref weights[0];
            ref double gradientStart = ref gradient[0];

            int directEnd = DirectRows(m, n, paddedN) / Tiling.Rows * Tiling.Rows;
            for (int i = 0; i < directEnd; i += Tiling.Rows)
            {
                Tile<TLanes, TVec>(ref x[i * n], n, ref y[i], Tiling.Rows, b, ref weightStart, ref gradientStart, paddedN, ref sums, ref scratch);
            }

            double[] tailRows = workspace.TailRows;
            double[] tailTargets = workspace.TailTargets;
            for (int i = directEnd; i < m; i += Tiling.Rows)
            {
                int valid = Math.Min(Tiling.Rows, m - i);
                Array.Clear(tailRows);
                Array.Clear(tailTargets);
                for (int r = 0; r < valid; r++)
                {
                    Array.Copy(x, (i + r) * n, tailRows, r * paddedN, n);
                    tailTargets[r] = y[i + r];
                }

                Tile<TLanes, TVec>(ref tailRows[0], paddedN, ref tailTargets[0], valid, b, ref weightStart, ref gradientStart, paddedN, ref sums, ref scratch);
            }

            double scale = 1.0 / m;
            for (int j = 0; j < n; j++)
            {
                dw[j] = gradient[j] * scale;
            }

            double total = 0.0;
            double bias = 0.0;
            for (int lane = 0; lane < Tiling.Rows; lane++)
            {
                total += buffers[lane];
                bias += buffers[Tiling.Rows + lane];
            }

            db = bias * scale;
            return total / m;
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
        /// Eight rows at <paramref name="rows"/> (<paramref name="stride"/> apart): their logits, losses and dL/dz, added
        /// into <paramref name="sums"/> (rows from <paramref name="valid"/> on count zero), and their gradient.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Tile<TLanes, TVec>(
            ref double rows, nint stride, ref double targets, int valid, double b, ref double weights, ref double gradient, int paddedN, ref double sums, ref double scratch)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            ref double x0 = ref rows;
            ref double x1 = ref Unsafe.Add(ref rows, stride);
            ref double x2 = ref Unsafe.Add(ref rows, 2 * stride);
            ref double x3 = ref Unsafe.Add(ref rows, 3 * stride);
            ref double x4 = ref Unsafe.Add(ref rows, 4 * stride);
            ref double x5 = ref Unsafe.Add(ref rows, 5 * stride);
            ref double x6 = ref Unsafe.Add(ref rows, 6 * stride);
            ref double x7 = ref Unsafe.Add(ref rows, 7 * stride);
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

            scratch = b + TLanes.Sum(a0);
            Unsafe.Add(ref scratch, 1) = b + TLanes.Sum(a1);
            Unsafe.Add(ref scratch, 2) = b + TLanes.Sum(a2);
            Unsafe.Add(ref scratch, 3) = b + TLanes.Sum(a3);
            Unsafe.Add(ref scratch, 4) = b + TLanes.Sum(a4);
            Unsafe.Add(ref scratch, 5) = b + TLanes.Sum(a5);
            Unsafe.Add(ref scratch, 6) = b + TLanes.Sum(a6);
            Unsafe.Add(ref scratch, 7) = b + TLanes.Sum(a7);

            // Loss softplus(z) - y z and dL/dz = sigmoid(z) - y, vectorised over the tile's rows.
            for (nint o = 0; o < Tiling.Rows; o += TLanes.Count)
            {
                TVec z = TLanes.Load(ref scratch, o);
                TVec target = TLanes.Load(ref targets, o);
                TVec softplus = VectorActivations.Softplus<TLanes, TVec>(z, out TVec sigmoid);
                TVec loss = TLanes.Subtract(softplus, TLanes.Multiply(target, z));
                TVec dz = TLanes.Subtract(sigmoid, target);
                TLanes.Store(loss, ref scratch, o);
                TLanes.Store(dz, ref scratch, Tiling.Rows + o);
            }

            for (int r = valid; r < Tiling.Rows; r++)
            {
                Unsafe.Add(ref scratch, r) = 0.0;
                Unsafe.Add(ref scratch, Tiling.Rows + r) = 0.0;
            }

            for (nint o = 0; o < 2 * Tiling.Rows; o += TLanes.Count)
            {
                TLanes.Store(TLanes.Add(TLanes.Load(ref sums, o), TLanes.Load(ref scratch, o)), ref sums, o);
            }

            TVec d0 = TLanes.Create(Unsafe.Add(ref scratch, Tiling.Rows));
            TVec d1 = TLanes.Create(Unsafe.Add(ref scratch, Tiling.Rows + 1));
            TVec d2 = TLanes.Create(Unsafe.Add(ref scratch, Tiling.Rows + 2));
            TVec d3 = TLanes.Create(Unsafe.Add(ref scratch, Tiling.Rows + 3));
            TVec d4 = TLanes.Create(Unsafe.Add(ref scratch, Tiling.Rows + 4));
            TVec d5 = TLanes.Create(Unsafe.Add(ref scratch, Tiling.Rows + 5));
            TVec d6 = TLanes.Create(Unsafe.Add(ref scratch, Tiling.Rows + 6));
            TVec d7 = TLanes.Create(Unsafe.Add(ref scratch, Tiling.Rows + 7));
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
    }
}
