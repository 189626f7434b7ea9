using System;
using System.Collections.Generic;
using System.Linq;

namespace SymGrad.Optimizers
{
    /// <summary>
    /// A snapshot of an optimizer's state: its kind, the number of steps taken, the learning rate, the named
    /// per-parameter buffers (for example Adam's <c>exp_avg</c> and <c>exp_avg_sq</c>) and the hyper-parameters the buffers
    /// were accumulated with (for example <c>beta1</c>). Instances are immutable copies.
    /// </summary>
    public sealed class OptimizerState
    {
        private readonly KeyValuePair<string, double[]>[] buffers;
        private readonly KeyValuePair<string, double>[] hyperparameters;

        /// <summary>Creates a state; the buffers are copied.</summary>
        /// <param name="kind">The optimizer kind, for example "Adam".</param>
        /// <param name="stepCount">The number of steps taken so far (non-negative).</param>
        /// <param name="learningRate">The learning rate at the time of the snapshot.</param>
        /// <param name="buffers">Named buffers in a fixed order; names must be unique and non-empty.</param>
        /// <param name="hyperparameters">
        /// The hyper-parameters (names unique and non-empty), so that loading the state into an optimizer with other settings is
        /// refused; null or empty means unknown (states from version-1 checkpoints), which skips that check.
        /// </param>
        /// <exception cref="ArgumentException">A name is empty or repeated, or the step count is negative.</exception>
        public OptimizerState(string kind, long stepCount, double learningRate, IEnumerable<KeyValuePair<string, double[]>> buffers, IEnumerable<KeyValuePair<string, double>>? hyperparameters = null)
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

            var settings = new List<KeyValuePair<string, double>>();
            var settingNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, double> pair in hyperparameters ?? Array.Empty<KeyValuePair<string, double>>())
            {
                if (string.IsNullOrEmpty(pair.Key) || !settingNames.Add(pair.Key))
                {
                    throw new ArgumentException($"Hyper-parameter names must be non-empty and unique; '{pair.Key}' is not.", nameof(hyperparameters));
                }

                settings.Add(pair);
            }

            Kind = kind;
            StepCount = stepCount;
            LearningRate = learningRate;
            this.buffers = copy.ToArray();
            this.hyperparameters = settings.ToArray();
        }

        /// <summary>The optimizer kind, for example "Sgd" or "AdamW".</summary>
        public string Kind { get; }

        /// <summary>The number of steps taken when the snapshot was made.</summary>
        public long StepCount { get; }

        /// <summary>The learning rate when the snapshot was made.</summary>
        public double LearningRate { get; }

        /// <summary>The hyper-parameters in order (empty when unknown).</summary>
        public IReadOnlyList<KeyValuePair<string, double>> Hyperparameters => hyperparameters;

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
