using System.Collections.Generic;

namespace SymGrad.Training
{
    /// <summary>
    /// The outcome of a <see cref="Trainer"/> run. The parameter vector holds: after <see cref="StopReason.Completed"/>, the
    /// parameters after the last epoch; after <see cref="StopReason.EarlyStopped"/>, the best validation epoch's parameters;
    /// after <see cref="StopReason.Diverged"/> or <see cref="StopReason.Cancelled"/>, the parameters at the end of the last
    /// completed epoch (the initial ones if none completed); an <see cref="SymGrad.Optimizers.IStatefulOptimizer"/> is rolled back to the same point,
    /// so training can continue, for example with a smaller learning rate.
    /// </summary>
    public sealed class TrainingResult
    {
        internal TrainingResult(StopReason stopReason, string message, int epochsRun, int bestEpoch, double? bestValidationMetric, IReadOnlyList<EpochProgress> history)
        {
            StopReason = stopReason;
            Message = message;
            EpochsRun = epochsRun;
            BestEpoch = bestEpoch;
            BestValidationMetric = bestValidationMetric;
            History = history;
        }

        /// <summary>Why training ended.</summary>
        public StopReason StopReason { get; }

        /// <summary>A human-readable explanation (for divergence: the epoch and a suggestion to lower the learning rate).</summary>
        public string Message { get; }

        /// <summary>The number of completed epochs.</summary>
        public int EpochsRun { get; }

        /// <summary>With validation data, the 1-based epoch with the best validation metric; without, the last completed epoch (0: none).</summary>
        public int BestEpoch { get; }

        /// <summary>The best validation metric seen, or null without validation.</summary>
        public double? BestValidationMetric { get; }

        /// <summary>One entry per completed epoch.</summary>
        public IReadOnlyList<EpochProgress> History { get; }

        /// <summary>The training loss of the last completed epoch, or NaN if none completed.</summary>
        public double FinalTrainingLoss => History.Count == 0 ? double.NaN : History[History.Count - 1].TrainingLoss;

        /// <summary>True when training diverged.</summary>
        public bool Diverged => StopReason == StopReason.Diverged;
    }
}
