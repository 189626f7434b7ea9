using System;

namespace SymGrad.Training
{
    /// <summary>
    /// A mini-batch in <c>float</c>, for a <c>float</c> model's <see cref="SingleLossAndGradient"/>: the batch's rows
    /// rounded to <c>float</c>. Its spans are valid only during the call.
    /// </summary>
    public readonly ref struct SingleBatch
    {
        internal SingleBatch(ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int rowCount, int featureCount)
        {
            Features = features;
            Targets = targets;
            RowCount = rowCount;
            FeatureCount = featureCount;
        }

        /// <summary>The features, row-major: <see cref="RowCount"/> rows of <see cref="FeatureCount"/>.</summary>
        public ReadOnlySpan<float> Features { get; }

        /// <summary>One target per row.</summary>
        public ReadOnlySpan<float> Targets { get; }

        /// <summary>The number of rows.</summary>
        public int RowCount { get; }

        /// <summary>The number of features per row.</summary>
        public int FeatureCount { get; }
    }

    /// <summary>
    /// The <c>float</c> form of <see cref="LossAndGradient"/>: a generated <c>float</c> gradient over a batch
    /// (docs/single-precision.md), for example
    /// <c>(w, b, g) =&gt; Model.LossGradient(w, b.Features, b.Targets, b.RowCount, b.FeatureCount, g)</c>.
    /// Turn it into a trainer's delegate with <see cref="SinglePrecision.LossAndGradient(SingleLossAndGradient)"/>.
    /// </summary>
    /// <param name="parameters">The current parameters, in <c>float</c> (read only).</param>
    /// <param name="batch">The mini-batch in <c>float</c>.</param>
    /// <param name="gradient">Receives d loss / d parameters; cleared before the call.</param>
    /// <returns>The batch loss.</returns>
    public delegate float SingleLossAndGradient(ReadOnlySpan<float> parameters, SingleBatch batch, Span<float> gradient);
}
