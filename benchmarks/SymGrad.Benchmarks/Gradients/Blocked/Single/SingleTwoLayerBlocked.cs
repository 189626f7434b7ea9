using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// The register-blocked float gradient of <see cref="Models.Single.SingleTwoLayerClassifier.Loss"/>: mean over rows
    /// of the cross-entropy of softmax(W2 a + b2) with a = sigmoid(W1 x + b1). <see cref="TwoLayerBlocked"/>'s design in
    /// float.
    /// </summary>
    /// <remarks>
    /// Lanes run along the hidden units and the classes: W1 and W2 are transposed once per call and padded to whole
    /// vectors. Per tile of <see cref="SingleTiling.Rows"/> samples: a = sigmoid(b1 + X W1^T) and z = b2 + a W2^T
    /// (<see cref="SingleAffineTile"/>), the softmax cross-entropy (<see cref="SingleSoftmaxTile"/>), dW2^T += a^T dz,
    /// da = dz W2 (<see cref="SingleAffineTile"/> again, on W2's padded rows), ds = da a (1 - a), dW1^T += X^T ds
    /// (<see cref="SingleOuterProductTile"/>). Every product is register-blocked over eight of the tile's samples, every
    /// nonlinear function runs on whole vectors. Everything is float, the per-lane loss sums too. Cost: 2 m n h FMAs
    /// for the hidden layer and 3 m h kPad lane-FMAs for the output layer (kPad = 16 for k = 10).
    /// </remarks>
    public static class SingleTwoLayerBlocked
    {
        public static float Gradient(
            float[] w1, float[] b1, float[] w2, float[] b2, float[] x, float[] y, int m, int n, int h, int k,
            float[] dw1, float[] db1, float[] dw2, float[] db2, SingleTwoLayerBlockedWorkspace workspace, LaneWidth width = LaneWidth.Widest)
        {
            if (workspace.N != n || workspace.H != h || workspace.K != k)
            {
                throw new ArgumentException($"The workspace is for n = {workspace.N}, h = {workspace.H}, k = {workspace.K}.", nameof(workspace));
            }

            SingleTiling.Require(w1, (long)h * n, nameof(w1));
            SingleTiling.Require(b1, h, nameof(b1));
            SingleTiling.Require(w2, (long)k * h, nameof(w2));
            SingleTiling.Require(b2, k, nameof(b2));
            SingleTiling.Require(x, (long)m * n, nameof(x));
            SingleTiling.Require(y, (long)m * k, nameof(y));
            SingleTiling.Require(dw1, (long)h * n, nameof(dw1));
            SingleTiling.Require(db1, h, nameof(db1));
            SingleTiling.Require(dw2, (long)k * h, nameof(dw2));
            SingleTiling.Require(db2, k, nameof(db2));
            Parameters parameters = new(w1, b1, w2, b2, dw1, db1, dw2, db2);
            return SingleTiling.Widest(width)
                ? Run<SingleLanes512, Vector512<float>>(parameters, x, y, m, n, h, k, workspace)
                : Run<SingleLanes256, Vector256<float>>(parameters, x, y, m, n, h, k, workspace);
        }

        private static float Run<TLanes, TVec>(Parameters p, float[] x, float[] y, int m, int n, int h, int k, SingleTwoLayerBlockedWorkspace s)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            int hidden = SingleTiling.RoundUp(h, TLanes.Count);
            int classes = SingleTiling.RoundUp(k, TLanes.Count);
            SingleWeightLayout.Transpose<TLanes, TVec>(p.W1, h, n, s.HiddenWeights, hidden);
            SingleWeightLayout.Pad(p.B1, h, s.HiddenBias, hidden);
            SingleWeightLayout.Transpose<TLanes, TVec>(p.W2, k, h, s.OutputWeights, classes);
            SingleWeightLayout.PadRows(p.W2, k, h, s.OutputWeightRows, hidden);
            SingleWeightLayout.Pad(p.B2, k, s.OutputBias, classes);
            Array.Clear(s.HiddenGradient, 0, n * hidden);
            Array.Clear(s.HiddenBiasGradient, 0, hidden);
            Array.Clear(s.OutputGradient, 0, h * classes);
            Array.Clear(s.OutputBiasGradient, 0, classes);

            ref float activations = ref s.Activations[0];
            ref float adjoints = ref s.HiddenAdjoints[0];
            ref float logits = ref s.Logits[0];
            TVec losses = TLanes.Zero;
            for (int i = 0; i < m; i += SingleTiling.Rows)
            {
                bool whole = i + SingleTiling.Rows <= m;
                if (!whole)
                {
                    SingleTileRows.CopyInputs(x, i, m, n, s.TailRows);
                }

                ref float rows = ref whole ? ref x[i * n] : ref s.TailRows[0];
                bool targetsInPlace = SingleTileRows.InPlace(i, m, k, classes);
                if (!targetsInPlace)
                {
                    SingleTileRows.CopyTargets(y, i, m, k, s.Targets, classes);
                }

                SingleAffineTile.Apply<TLanes, TVec>(ref rows, n, n, ref s.HiddenWeights[0], hidden, ref s.HiddenBias[0], ref activations, hidden, hidden);
                Sigmoids<TLanes, TVec>(ref activations, SingleTiling.Rows * hidden);
                SingleAffineTile.Apply<TLanes, TVec>(ref activations, hidden, h, ref s.OutputWeights[0], classes, ref s.OutputBias[0], ref logits, classes, classes);
                TVec tileLosses = SingleSoftmaxTile.CrossEntropy<TLanes, TVec>(
                    ref logits, k, classes, ref targetsInPlace ? ref y[i * k] : ref s.Targets[0], targetsInPlace ? k : classes, ref s.Columns[0], ref s.TargetColumns[0]);
                losses = TLanes.Add(losses, tileLosses);

                SingleOuterProductTile.Add<TLanes, TVec>(ref activations, hidden, h, ref logits, classes, ref s.OutputGradient[0], classes, classes);
                SingleTileSums.AddRows<TLanes, TVec>(ref logits, classes, ref s.OutputBiasGradient[0]);
                SingleAffineTile.Apply<TLanes, TVec>(ref logits, classes, k, ref s.OutputWeightRows[0], hidden, ref s.NoBias[0], ref adjoints, hidden, hidden);
                SigmoidAdjoints<TLanes, TVec>(ref adjoints, ref activations, SingleTiling.Rows * hidden);
                SingleOuterProductTile.Add<TLanes, TVec>(ref rows, n, n, ref adjoints, hidden, ref s.HiddenGradient[0], hidden, hidden);
                SingleTileSums.AddRows<TLanes, TVec>(ref adjoints, hidden, ref s.HiddenBiasGradient[0]);
            }

            float scale = 1.0f / m;
            SingleWeightLayout.TransposeBack<TLanes, TVec>(s.HiddenGradient, hidden, h, n, p.Dw1, scale);
            SingleWeightLayout.Scale<TLanes, TVec>(s.HiddenBiasGradient, h, p.Db1, scale);
            SingleWeightLayout.TransposeBack<TLanes, TVec>(s.OutputGradient, classes, k, h, p.Dw2, scale);
            SingleWeightLayout.Scale<TLanes, TVec>(s.OutputBiasGradient, k, p.Db2, scale);
            return TLanes.Sum(losses) / m;
        }

        /// <summary>values = sigmoid(values), in place (padding lanes too: they are never read as activations).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Sigmoids<TLanes, TVec>(ref float values, int count)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            for (nint o = 0; o < count; o += TLanes.Count)
            {
                TLanes.Store(SingleVectorActivations.Sigmoid<TLanes, TVec>(TLanes.Load(ref values, o)), ref values, o);
            }
        }

        /// <summary>ds = da a (1 - a), in place in da: the adjoint of the hidden pre-activations.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void SigmoidAdjoints<TLanes, TVec>(ref float adjoints, ref float activations, int count)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            TVec one = TLanes.Create(1.0f);
            for (nint o = 0; o < count; o += TLanes.Count)
            {
                TVec a = TLanes.Load(ref activations, o);
                TVec da = TLanes.Load(ref adjoints, o);
                TLanes.Store(TLanes.Multiply(TLanes.Multiply(da, a), TLanes.Subtract(one, a)), ref adjoints, o);
            }
        }

        /// <summary>The model's parameters and their gradients, passed as one value.</summary>
        private readonly record struct Parameters(
            float[] W1, float[] B1, float[] W2, float[] B2, float[] Dw1, float[] Db1, float[] Dw2, float[] Db2);
    }
}
