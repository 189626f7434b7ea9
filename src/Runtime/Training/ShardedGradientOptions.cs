using System;

namespace SymGrad.Training
{
    /// <summary>How a <see cref="ShardedGradient"/> combines its shards.</summary>
    public enum ShardCombination
    {
        /// <summary>Each shard returns the mean over its rows; the shards are weighted by their share of the rows.</summary>
        Mean,

        /// <summary>Each shard returns the sum over its rows; the shards are added.</summary>
        Sum,
    }

    /// <summary>Settings for <see cref="ShardedGradient"/> (and the trainer's and learning-rate finder's parallel option).</summary>
    public sealed record ShardedGradientOptions
    {
        /// <summary>The number of threads, the caller's included (default: the number of cores).</summary>
        public int DegreeOfParallelism { get; init; } = Environment.ProcessorCount;

        /// <summary>
        /// Rows per shard (default 256). It fixes the shard boundaries, and so the summation order: the
        /// result depends on it, never on <see cref="DegreeOfParallelism"/>.
        /// </summary>
        public int ShardRows { get; init; } = 256;

        /// <summary>How the shards' losses and gradients are combined (default <see cref="ShardCombination.Mean"/>).</summary>
        public ShardCombination Combination { get; init; } = ShardCombination.Mean;
    }
}
