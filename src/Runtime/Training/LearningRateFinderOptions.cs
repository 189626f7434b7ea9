namespace SymGrad.Training
{
    /// <summary>Settings for <see cref="LearningRateFinder"/> (the learning-rate range test).</summary>
    public sealed record LearningRateFinderOptions
    {
        /// <summary>The first learning rate tried (default 1e-7).</summary>
        public double MinLearningRate { get; init; } = 1e-7;

        /// <summary>The last learning rate tried (default 10).</summary>
        public double MaxLearningRate { get; init; } = 10.0;

        /// <summary>The number of steps; the rate grows geometrically from min to max over them (default 200).</summary>
        public int Steps { get; init; } = 200;

        /// <summary>The mini-batch size (default 32).</summary>
        public int BatchSize { get; init; } = 32;

        /// <summary>The shuffling seed (default 0).</summary>
        public int Seed { get; init; }

        /// <summary>The exponential smoothing factor beta of the loss, in [0, 1) (default 0.98; the average is bias-corrected).</summary>
        public double Smoothing { get; init; } = 0.98;

        /// <summary>Stop when the smoothed loss exceeds this factor times the lowest smoothed loss so far (default 4).</summary>
        public double DivergenceFactor { get; init; } = 4.0;

        /// <summary>When set, each batch's loss and gradient are computed on several cores (see <see cref="TrainerOptions.Parallel"/>).</summary>
        public ShardedGradientOptions? Parallel { get; init; }
    }
}
