using System;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// The register-blocked float gradient of <see cref="Models.Single.SingleSoftmaxRegression.Loss"/>: mean over rows of
    /// the cross-entropy sum_c y_c (lse - z_c) with z = W x + b; dW = sum_i dz_i x_i^T / m, dz_i = softmax(z_i) S_i - y_i
    /// (S_i = sum_c y_ic, 1 for one-hot rows), db = sum_i dz_i / m. <see cref="SoftmaxBlocked"/>'s design in float.
    /// </summary>
    /// <remarks>
    /// Lanes run along the classes: W is transposed once per call to n rows of k classes padded to whole vectors (k = 10
    /// takes one 16-lane vector). Per tile of <see cref="SingleTiling.Rows"/> samples, the logits are the tile's rank-n
    /// update of the bias (<see cref="SingleAffineTile"/>: each x element broadcast once, each weight vector loaded once
    /// for eight samples), the softmax cross-entropy runs on whole vectors of rows (<see cref="SingleSoftmaxTile"/>), and
    /// the transposed gradient takes the tile's rank-16 update (<see cref="SingleOuterProductTile"/>) while its x rows
    /// are still in L1. No horizontal sum in the products. Everything is float, the per-lane loss sums too. Cost:
    /// 2 m n kPad lane-FMAs (kPad = 16 for k = 10) and one pass over x.
    /// </remarks>
    public static class SingleSoftmaxBlocked
    {
        public static float Gradient(
            float[] w, float[] b, float[] x, float[] y, int m, int n, int k, float[] dw, float[] db, SingleSoftmaxBlockedWorkspace workspace, LaneWidth width = LaneWidth.Widest)
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
            return SingleTiling.Widest(width)
                ? Run<SingleLanes512, Vector512<float>>(w, b, x, y, m, n, k, dw, db, workspace)
                : Run<SingleLanes256, Vector256<float>>(w, b, x, y, m, n, k, dw, db, workspace);
        }

        private static float Run<TLanes, TVec>(float[] w, float[] b, float[] x, float[] y, int m, int n, int k, float[] dw, float[] db, SingleSoftmaxBlockedWorkspace workspace)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            const int rows = SingleTiling.Rows;
            int width = SingleTiling.RoundUp(k, TLanes.Count);
            float[] weights = workspace.TransposedWeights;
            float[] gradient = workspace.TransposedGradient;
            float[] bias = workspace.Bias;
            float[] biasGradient = workspace.BiasGradient;
            float[] logits = workspace.Logits;
            float[] targets = workspace.Targets;
            SingleWeightLayout.Transpose<TLanes, TVec>(w, k, n, weights, width);
            SingleWeightLayout.Pad(b, k, bias, width);
            Array.Clear(gradient, 0, n * width);
            Array.Clear(biasGradient, 0, width);

            TVec losses = TLanes.Zero;
            for (int i = 0; i < m; i += rows)
            {
                bool whole = i + rows <= m;
                if (!whole)
                {
                    SingleTileRows.CopyInputs(x, i, m, n, workspace.TailRows);
                }

                ref float tileRows = ref whole ? ref x[i * n] : ref workspace.TailRows[0];
                bool targetsInPlace = SingleTileRows.InPlace(i, m, k, width);
                if (!targetsInPlace)
                {
                    SingleTileRows.CopyTargets(y, i, m, k, targets, width);
                }

                SingleAffineTile.Apply<TLanes, TVec>(ref tileRows, n, n, ref weights[0], width, ref bias[0], ref logits[0], width, width);
                TVec tileLosses = SingleSoftmaxTile.CrossEntropy<TLanes, TVec>(
                    ref logits[0], k, width, ref targetsInPlace ? ref y[i * k] : ref targets[0], targetsInPlace ? k : width, ref workspace.Columns[0], ref workspace.TargetColumns[0]);
                losses = TLanes.Add(losses, tileLosses);
                SingleOuterProductTile.Add<TLanes, TVec>(ref tileRows, n, n, ref logits[0], width, ref gradient[0], width, width);
                SingleTileSums.AddRows<TLanes, TVec>(ref logits[0], width, ref biasGradient[0]);
            }

            float scale = 1.0f / m;
            SingleWeightLayout.TransposeBack<TLanes, TVec>(gradient, width, k, n, dw, scale);
            SingleWeightLayout.Scale<TLanes, TVec>(biasGradient, k, db, scale);
            return TLanes.Sum(losses) / m;
        }
    }
}
