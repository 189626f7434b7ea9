using System;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// The register-blocked gradient of <see cref="Models.SoftmaxRegression.Loss"/>, the same loss and gradient as
    /// <see cref="SoftmaxRegressionGradients.Loops"/> (mean over rows; dW = sum_i dz_i x_i^T / m, dz_i = softmax(z_i) S_i - y_i).
    /// </summary>
    /// <remarks>
    /// Lanes run along the classes: W is transposed once per call to n rows of k classes padded to whole vectors (k = 10
    /// takes two 8-lane vectors). Per tile of <see cref="Tiling.Rows"/> samples, the logits are the tile's rank-n update
    /// of the bias (<see cref="AffineTile"/>: each x element broadcast once, each weight vector loaded once for eight
    /// samples), the softmax cross-entropy runs on whole vectors (<see cref="SoftmaxTile"/>), and the transposed
    /// gradient takes the tile's rank-8 update (<see cref="OuterProductTile"/>) while its x rows are still in L1. No
    /// horizontal sum in the products. Cost: 2 m n kPad lane-FMAs (kPad = 16 for k = 10) and one pass over x.
    /// </remarks>
    public static class SoftmaxBlocked
    {
        public static double Gradient(
            double[] w, double[] b, double[] x, double[] y, int m, int n, int k, double[] dw, double[] db, SoftmaxBlockedWorkspace workspace, LaneWidth width = LaneWidth.Widest)
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
            return width == LaneWidth.Widest && Vector512.IsHardwareAccelerated
                ? Run<Lanes512, Vector512<double>>(w, b, x, y, m, n, k, dw, db, workspace)
                : Run<Lanes256, Vector256<double>>(w, b, x, y, m, n, k, dw, db, workspace);
        }

        private static double Run<TLanes, TVec>(double[] w, double[] b, double[] x, double[] y, int m, int n, int k, double[] dw, double[] db, SoftmaxBlockedWorkspace workspace)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            int width = Tiling.RoundUp(k, TLanes.Count);
            double[] weights = workspace.TransposedWeights;
            double[] gradient = workspace.TransposedGradient;
            double[] bias = workspace.Bias;
            double[] biasGradient = workspace.BiasGradient;
            double[] logits = workspace.Logits;
            double[] targets = workspace.Targets;
            WeightLayout.Transpose<TLanes, TVec>(w, k, n, weights, width);
            WeightLayout.Pad(b, k, bias, width);
            Array.Clear(gradient, 0, n * width);
            Array.Clear(biasGradient, 0, width);

            double total = 0.0;
            for (int i = 0; i < m; i += Tiling.Rows)
            {
                bool whole = i + Tiling.Rows <= m;
                if (!whole)
                {
                    TileRows.CopyInputs(x, i, m, n, workspace.TailRows);
                }

                ref double rows = ref whole ? ref x[i * n] : ref workspace.TailRows[0];
                bool targetsInPlace = TileRows.InPlace(i, m, k, width);
                if (!targetsInPlace)
                {
                    TileRows.CopyTargets(y, i, m, k, targets, width);
                }

                AffineTile.Apply<TLanes, TVec>(ref rows, n, n, ref weights[0], width, ref bias[0], ref logits[0], width, width);
                total += SoftmaxTile.CrossEntropy<TLanes, TVec>(
                    ref logits[0], k, width, ref targetsInPlace ? ref y[i * k] : ref targets[0], targetsInPlace ? k : width, ref workspace.Columns[0], ref workspace.TargetColumns[0]);
                OuterProductTile.Add<TLanes, TVec>(ref rows, n, n, ref logits[0], width, ref gradient[0], width, width);
                TileSums.AddRows<TLanes, TVec>(ref logits[0], width, ref biasGradient[0]);
            }

            double scale = 1.0 / m;
            WeightLayout.TransposeBack<TLanes, TVec>(gradient, width, k, n, dw, scale);
            WeightLayout.Scale<TLanes, TVec>(biasGradient, k, db, scale);
            return total / m;
        }
    }
}
