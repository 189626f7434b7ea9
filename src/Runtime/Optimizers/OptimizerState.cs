using System;
using System.Collections.Generic;
using System.Linq;

namespace SymGrad.Optimizers
{
    /// <summary>
    /// A snapshot of an optimizer's state: its kind, the number of steps taken, the learning rate and the named
    /// per-parameter buffers (for example Adam's <c>exp_avg</c> and <c>exp_avg_sq</c>). Instances are immutable copies.
    /// </summary>
    public sealed class OptimizerState
    {
        private readonly KeyValuePair<string, double[]>[] buffers;

        /// <summary>Creates a state; the buffers are copied.</summary>
        /// <param name="kind">The optimizer kind, for example "Adam".</param>
        /// <param name="stepCount">The number of steps taken so far (non-negative).</param>
        /// <param name="learningRate">The learning rate at the time of the snapshot.</param>
        /// <param name="buffers">Named buffers in a fixed order; names must be unique and non-empty.</param>
        /// <exception cref="ArgumentException">A name is empty or repeated, or the step count is negative.</exception>
        public OptimizerState(string kind, long stepCount, double learningRate, IEnumerable<KeyValuePair<string, double[]>> buffers)
        {
            ArgumentException.ThrowIfNullOrEmpty(kind);
            ArgumentNullException.ThrowIfNull(buffers);
            if (stepCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(stepCount), stepCount, "The step count cannot be negative.");
            }

            var copy = new List<KeyValuePair<string, double[]>>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, double[]> pair in buffers)
            {
                if (string.IsNullOrEmpty(pair.Key))
                {
                    throw new ArgumentException("Buffer names must be non-empty.", nameof(buffers));
                }

                if (!names.Add(pair.Key))
                {
                    throw new ArgumentException($"The buffer name '{pair.Key}' appears twice.", nameof(buffers));
                }

                ArgumentNullException.ThrowIfNull(pair.Value, nameof(buffers));
                copy.Add(new KeyValuePair<string, double[]>(pair.Key, (double[])pair.Value.Clone()));
            }

            Kind = kind;
            StepCount = stepCount;
            LearningRate = learningRate;
            this.buffers = copy.ToArray();
        }

        /// <summary>The optimizer kind, for example "Sgd" or "AdamW".</summary>
        public string Kind { get; }

        /// <summary>The number of steps taken when the snapshot was made.</summary>
        public long StepCount { get; }

        /// <summary>The learning rate when the snapshot was made.</summary>
        public double LearningRate { get; }

        /// <summary>The buffer names in order.</summary>
        public IReadOnlyList<string> BufferNames => buffers.Select(b => b.Key).ToArray();

        /// <summary>The number of buffers.</summary>
        public int BufferCount => buffers.Length;

        /// <summary>Returns a read-only view of the named buffer.</summary>
        /// <param name="name">The buffer name.</param>
        /// <returns>The buffer's values.</returns>
        /// <exception cref="KeyNotFoundException">There is no buffer with that name.</exception>
        public ReadOnlySpan<double> GetBuffer(string name)
        {
            foreach (KeyValuePair<string, double[]> pair in buffers)
            {
                if (string.Equals(pair.Key, name, StringComparison.Ordinal))
                {
                    return pair.Value;
                }
            }

            throw new KeyNotFoundException($"The {Kind} optimizer state has no buffer named '{name}'.");
        }

        /// <summary>Returns true when a buffer with that name exists.</summary>
        /// <param name="name">The buffer name.</param>
        /// <returns>Whether the buffer exists.</returns>
        public bool HasBuffer(string name) => buffers.Any(b => string.Equals(b.Key, name, StringComparison.Ordinal));

        /// <summary>The buffers in order, as read-only memory.</summary>
        public IEnumerable<KeyValuePair<string, ReadOnlyMemory<double>>> Buffers =>
            buffers.Select(b => new KeyValuePair<string, ReadOnlyMemory<double>>(b.Key, b.Value));
    }
}
