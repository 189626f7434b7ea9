using System;
using SymGrad.Models;
using SymGrad.Training;

namespace SymGrad.Samples.Training;

/// <summary>
/// The trainer's <see cref="LossAndGradient"/> for each model, every one calling the gradient SymGrad generated
/// (<c>LossGradient</c>, <c>BinaryLossGradient</c>, ...). Nothing here differentiates by hand.
/// </summary>
internal static class GeneratedLosses
{
    /// <summary>Logistic regression: <c>LogisticRegression.LossGradient</c> on a batch with 0/1 targets.</summary>
    public static LossAndGradient Logistic() =>
        (w, batch, dw) => LogisticRegression.LossGradient(w, batch.Features, batch.Targets, batch.FeatureCount, dw);

    /// <summary>Softmax regression over <paramref name="classes"/> classes: <c>SoftmaxRegression.LossGradient</c>.</summary>
    public static LossAndGradient Softmax(int classes)
    {
        var labels = new LabelBuffer();
        return (w, batch, dw) => SoftmaxRegression.LossGradient(w, batch.Features, labels.Of(batch.Targets), batch.FeatureCount, classes, dw);
    }

    /// <summary>The two-layer network with a linear output and squared error: <c>TwoLayerNetwork.RegressionLossGradient</c>.</summary>
    public static LossAndGradient NetworkRegression(int hidden) =>
        (p, batch, dp) => TwoLayerNetwork.RegressionLossGradient(p, batch.Features, batch.Targets, batch.FeatureCount, hidden, dp);

    /// <summary>The two-layer network with a sigmoid output: <c>TwoLayerNetwork.BinaryLossGradient</c>.</summary>
    public static LossAndGradient NetworkBinary(int hidden) =>
        (p, batch, dp) => TwoLayerNetwork.BinaryLossGradient(p, batch.Features, batch.Targets, batch.FeatureCount, hidden, dp);

    /// <summary>The two-layer network with a softmax output: <c>TwoLayerNetwork.MulticlassLossGradient</c>.</summary>
    public static LossAndGradient NetworkMulticlass(int hidden, int classes)
    {
        var labels = new LabelBuffer();
        return (p, batch, dp) => TwoLayerNetwork.MulticlassLossGradient(p, batch.Features, labels.Of(batch.Targets), batch.FeatureCount, hidden, classes, dp);
    }

    /// <summary>
    /// Robust regression with Student-t noise: <c>StudentTRegression.NegativeLogLikelihoodGradient</c>, which reaches
    /// ln Γ through its <c>[DerivativeOf]</c> derivative <c>SpecialFunctions.LogGammaGradient</c>.
    /// </summary>
    public static LossAndGradient StudentT() =>
        (w, batch, dw) => StudentTRegression.NegativeLogLikelihoodGradient(w, batch.Features, batch.Targets, batch.FeatureCount, dw);

    /// <summary>Converts a batch's double targets to the int labels the multi-class losses take, reusing one buffer.</summary>
    private sealed class LabelBuffer
    {
        private int[] buffer = Array.Empty<int>();

        public ReadOnlySpan<int> Of(ReadOnlySpan<double> targets)
        {
            if (buffer.Length < targets.Length)
            {
                buffer = new int[targets.Length];
            }

            for (int i = 0; i < targets.Length; i++)
            {
                buffer[i] = (int)targets[i];
            }

            return buffer.AsSpan(0, targets.Length);
        }
    }
}
