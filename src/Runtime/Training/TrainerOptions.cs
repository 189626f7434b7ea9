using SymGrad.Schedules;

namespace SymGrad.Training
{
    /// <summary>Settings for <see cref="Trainer"/>.</summary>
    /// <remarks>
    /// Validation: when <see cref="ValidationFraction"/> is positive, that fraction of the data is held out (stratified for
    /// classification data) and scored after every epoch with <see cref="ValidationMetric"/>, or with the mean loss over the
    /// whole validation set when no metric is given. Early stopping watches that score.
    /// </remarks>
    public sealed record TrainerOptions
    {
        /// <summary>The maximum number of epochs (default 100).</summary>
        public int Epochs { get; init; } = 100;

        /// <summary>The mini-batch size (default 32).</summary>
        public int BatchSize { get; init; } = 32;

        /// <summary>The seed for shuffling and for the validation split (default 0).</summary>
        public int Seed { get; init; }

        /// <summary>Reshuffle the training rows every epoch (default true).</summary>
        public bool Shuffle { get; init; } = true;

        /// <summary>The fraction of rows held out for validation, in [0, 1) (default 0: no validation).</summary>
        public double ValidationFraction { get; init; }

        /// <summary>The validation metric; null means the mean loss on the validation set (lower is better).</summary>
        public ValidationMetric? ValidationMetric { get; init; }

        /// <summary>Whether a higher validation metric is better (for example accuracy). Default false.</summary>
        public bool HigherValidationIsBetter { get; init; }

        /// <summary>Stop after this many epochs without validation improvement and restore the best parameters; null disables early stopping.</summary>
        public int? EarlyStoppingPatience { get; init; }

        /// <summary>The smallest change of the validation metric that counts as an improvement (default 0).</summary>
        public double EarlyStoppingMinDelta { get; init; }

        /// <summary>A per-epoch learning-rate schedule, or null to keep the optimizer's rate.</summary>
        public ILearningRateSchedule? Schedule { get; init; }

        /// <summary>
        /// The divergence guard: training stops when a batch loss exceeds this factor times the first batch's loss
        /// (in absolute value, with a floor of 1), besides any NaN or infinite loss or gradient. Default 1e6.
        /// </summary>
        public double ExplosionFactor { get; init; } = 1e6;

        /// <summary>When set, a checkpoint (parameters and optimizer state) is written atomically to this path after every epoch.</summary>
        public string? CheckpointPath { get; init; }

        /// <summary>
        /// When set, each batch's loss and gradient are computed on several cores by a <see cref="ShardedGradient"/>
        /// (the loss must then be a mean over the batch's rows, or a sum with <see cref="ShardCombination.Sum"/>, and the
        /// loss and gradient safe to call concurrently). The result is bitwise the same for every degree of parallelism.
        /// Null (the default) calls the loss and gradient once per batch on the caller's thread.
        /// </summary>
        public ShardedGradientOptions? Parallel { get; init; }
    }
}
