using System;

namespace SymGrad.Training
{
    /// <summary>What the trainer reports through <see cref="IProgress{T}"/> after each epoch.</summary>
    /// <param name="Epoch">The 1-based epoch that just finished.</param>
    /// <param name="TotalEpochs">The maximum number of epochs.</param>
    /// <param name="TrainingLoss">The row-weighted mean of the epoch's batch losses.</param>
    /// <param name="ValidationMetric">The validation metric after the epoch, or null without a validation set.</param>
    /// <param name="LearningRate">The learning rate used during the epoch.</param>
    /// <param name="SamplesPerSecond">The training throughput during the epoch.</param>
    /// <param name="Elapsed">The time since training started.</param>
    public readonly record struct EpochProgress(
        int Epoch,
        int TotalEpochs,
        double TrainingLoss,
        double? ValidationMetric,
        double LearningRate,
        double SamplesPerSecond,
        TimeSpan Elapsed);
}
