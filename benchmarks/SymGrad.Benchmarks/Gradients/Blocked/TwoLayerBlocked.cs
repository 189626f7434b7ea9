using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// The register-blocked gradient of <see cref="Models.TwoLayerClassifier.Loss"/>, the same loss and gradient as
    /// <see cref="TwoLayerClassifierGradients.Loops"/> (mean over rows).
    /// </summary>
    /// <remarks>
    /// Lanes run along the hidden units and the classes: W1 and W2 are transposed once per call and padded to whole
    /// vectors. Per tile of <see cref="Tiling.Rows"/> samples: a = sigmoid(b1 + X W1^T) and z = b2 + a W2^T
    /// (<see cref="AffineTile"/>), the softmax cross-entropy (<see cref="SoftmaxTile"/>), dW2^T += a^T dz, da = dz W2
    /// (<see cref="AffineTile"/> again, on W2's padded rows), ds = da a (1 - a), dW1^T += X^T ds
    /// (<see cref="OuterProductTile"/>). Every product is register-blocked over the tile's eight samples, every
    /// nonlinear function runs on whole vectors. Cost: 2 m n h FMAs for the hidden layer and 3 m h kPad lane-FMAs for
    /// the output layer (kPad = 16 for k = 10).
    /// </remarks>
    public static class TwoLayerBlocked
    {
        public static double Gradient(
            double[] w1, double[] b1, double[] w2, double[] b2, double[] x, double[] y, int m, int n, int h, int k,
            double[] dw1, double[] db1, double[] dw2, double[] db2, TwoLayerBlockedWorkspace workspace, LaneWidth width = LaneWidth.Widest)
        {
            if (workspace.N != n || workspace.H != h || workspace.K != k)
            {
                throw new ArgumentException($"The workspace is for n = {workspace.N}, h = {workspace.H}, k = {workspace.K}.", nameof(workspace));
            }

            Tiling.Require(w1, (long)h * n, nameof(w1));
            Tiling.Require(b1, h, nameof(b1));
            Tiling.Require(w2, (long)k * h, nameof(w2));
            Tiling.Require(b2, k, nameof(b2));
            Tiling.Require(x, (long)m * n, nameof(x));
            Tiling.Require(y, (long)m * k, nameof(y));
            Tiling.Require(dw1, (long)h * n, nameof(dw1));
            Tiling.Require(db1, h, nameof(db1));
            Tiling.Require(dw2, (long)k * h, nameof(dw2));
            Tiling.Require(db2, k, nameof(db2));
            Parameters parameters = new(w1, b1, w2, b2, dw1, db1, dw2, db2);
            return width == LaneWidth.Widest && Vector512.IsHardwareAccelerated
                ? Run<Lanes512, Vector512<double>>(parameters, x, y, m, n, h, k, workspace)
                : Run<Lanes256, Vector256<double>>(parameters, x, y, m, n, h, k, workspace);
        }

        private static double Run<TLanes, TVec>(Parameters p, double[] x, double[] y, int m, int n, int h, int k, TwoLayerBlockedWorkspace s)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            int hidden = Tiling.RoundUp(h, TLanes.Count);
            int classes = Tiling.RoundUp(k, TLanes.Count);
            WeightLayout.Transpose<TLanes, TVec>(p.W1, h, n, s.HiddenWeights, hidden);
            WeightLayout.Pad(p.B1, h, s.HiddenBias, hidden);
            WeightLayout.Transpose<TLanes, TVec>(p.W2, k, h, s.OutputWeights, classes);
            WeightLayout.PadRows(p.W2, k, h, s.OutputWeightRows, hidden);
            WeightLayout.Pad(p.B2, k, s.OutputBias, classes);
            Array.Clear(s.HiddenGradient, 0, n * hidden);
            Array.Clear(s.HiddenBiasGradient, 0, hidden);
            Array.Clear(s.OutputGradient, 0, h * classes);
            Array.Clear(s.OutputBiasGradient, 0, classes);

            ref double activations = ref s.Activations[0];
            ref double adjoints = ref s.HiddenAdjoints[0];
            ref double logits = ref s.Logits[0];
            double total = 0.0;
            for (int i = 0; i < m; i += Tiling.Rows)
            {
                bool whole = i + Tiling.Rows <= m;
                if (!whole)
                {
                    TileRows.CopyInputs(x, i, m, n, s.TailRows);
                }

                ref double rows = ref whole ? ref x[i * n] : ref s.TailRows[0];
                bool targetsInPlace = TileRows.InPlace(i, m, k, classes);
                if (!targetsInPlace)
                {
                    TileRows.CopyTargets(y, i, m, k, s.Targets, classes);
                }

                AffineTile.Apply<TLanes, TVec>(ref rows, n, n, ref s.HiddenWeights[0], hidden, ref s.HiddenBias[0], ref activations, hidden, hidden);
                Sigmoids<TLanes, TVec>(ref activations, Tiling.Rows * hidden);
                AffineTile.Apply<TLanes, TVec>(ref activations, hidden, h, ref s.OutputWeights[0], classes, ref s.OutputBias[0], ref logits, classes, classes);
                total += SoftmaxTile.CrossEntropy<TLanes, TVec>(
                    ref logits, k, classes, ref targetsInPlace ? ref y[i * k] : ref s.Targets[0], targetsInPlace ? k : classes, ref s.Columns[0], ref s.TargetColumns[0]);

                OuterProductTile.Add<TLanes, TVec>(ref activations, hidden, h, ref logits, classes, ref s.OutputGradient[0], classes, classes);
                TileSums.AddRows<TLanes, TVec>(ref logits, classes, ref s.OutputBiasGradient[0]);
                AffineTile.Apply<TLanes, TVec>(ref logits, classes, k, ref s.OutputWeightRows[0], hidden, ref s.NoBias[0], ref adjoints, hidden, hidden);
                SigmoidAdjoints<TLanes, TVec>(ref adjoints, ref activations, Tiling.Rows * hidden);
                OuterProductTile.Add<TLanes, TVec>(ref rows, n, n, ref adjoints, hidden, ref s.HiddenGradient[0], hidden, hidden);
                TileSums.AddRows<TLanes, TVec>(ref adjoints, hidden, ref s.HiddenBiasGradient[0]);
            }

            double scale = 1.0 / m;
            WeightLayout.TransposeBack<TLanes, TVec>(s.HiddenGradient, hidden, h, n, p.Dw1, scale);
            WeightLayout.Scale<TLanes, TVec>(s.HiddenBiasGradient, h, p.Db1, scale);
            WeightLayout.TransposeBack<TLanes, TVec>(s.OutputGradient, classes, k, h, p.Dw2, scale);
            WeightLayout.Scale<TLanes, TVec>(s.OutputBiasGradient, k, p.Db2, scale);
            return total / m;
        }

        /// <summary>values = sigmoid(values), in place (padding lanes too: they are never read as activations).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Sigmoids<TLanes, TVec>(ref double values, int count)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            for (nint o = 0; o < count; o += TLanes.Count)
            {
                TLanes.Store(VectorActivations.Sigmoid<TLanes, TVec>(TLanes.Load(ref values, o)), ref values, o);
            }
        }

        /// <summary>ds = da a (1 - a), in place in da: the adjoint of the hidden pre-activations.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void SigmoidAdjoints<TLanes, TVec>(ref double adjoints, ref double activations, int count)
            where TLanes : struct, ILanes<TVec>
            where TVec : struct
        {
            TVec one = TLanes.Create(1.0);
            for (nint o = 0; o < count; o += TLanes.Count)
            {
                TVec a = TLanes.Load(ref activations, o);
                TVec da = TLanes.Load(ref adjoints, o);
                TLanes.Store(TLanes.Multiply(TLanes.Multiply(da, a), TLanes.Subtract(one, a)), ref adjoints, o);
            }
        }

        /// <summary>The model's parameters and their gradients, passed as one value.</summary>
        private readonly record struct Parameters(
            double[] W1, double[] B1, double[] W2, double[] B2, double[] Dw1, double[] Db1, double[] Dw2, double[] Db2);
    }
}
