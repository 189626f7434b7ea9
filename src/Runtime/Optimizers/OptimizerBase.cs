using System;
using System.Collections.Generic;
using System.Globalization;

namespace SymGrad.Optimizers
{
    /// <summary>
    /// Shared plumbing for the built-in optimizers: learning-rate validation, argument checks before any update,
    /// lazily allocated per-parameter buffers and exact state save/restore.
    /// </summary>
    public abstract partial class OptimizerBase : IStatefulOptimizer
    {
        private readonly string[] bufferNames;
        private double learningRate;
        private double[][] buffers;
        private int boundCount;

        /// <summary>Initialises the optimizer.</summary>
        /// <param name="learningRate">The initial learning rate (finite, non-negative).</param>
        /// <param name="bufferNames">The names of the per-parameter buffers this optimizer keeps, in save order.</param>
        protected OptimizerBase(double learningRate, IReadOnlyList<string> bufferNames)
        {
            ArgumentNullException.ThrowIfNull(bufferNames);
            ValidateLearningRate(learningRate, nameof(learningRate));
            this.learningRate = learningRate;
            this.bufferNames = new string[bufferNames.Count];
            for (int i = 0; i < bufferNames.Count; i++)
            {
                this.bufferNames[i] = bufferNames[i];
            }

            buffers = CreateEmptyBuffers(this.bufferNames.Length);
        }

        /// <inheritdoc />
        /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite or negative.</exception>
        public double LearningRate
        {
            get => learningRate;
            set
            {
                ValidateLearningRate(value, nameof(value));
                learningRate = value;
            }
        }

        /// <summary>The number of steps taken so far (torch's <c>state['step']</c>).</summary>
        public long StepCount { get; private set; }

        /// <summary>The number of parameters this optimizer is bound to, or 0 before the first step.</summary>
        public int ParameterCount => boundCount;

        /// <summary>
        /// Applies one update in place. Checks lengths and that every gradient entry is finite before touching anything,
        /// so a bad gradient never corrupts the parameters or the optimizer state.
        /// </summary>
        /// <param name="parameters">The parameters, updated in place.</param>
        /// <param name="gradient">The gradient, same length as the parameters.</param>
        /// <exception cref="ArgumentException">The lengths differ, differ from earlier steps, or the gradient has a NaN or infinite entry.</exception>
        public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
        {
            if (gradient.Length != parameters.Length)
            {
                throw new ArgumentException($"The gradient has {gradient.Length} entries but there are {parameters.Length} parameters.", nameof(gradient));
            }

            if (parameters.Length == 0)
            {
                throw new ArgumentException("There are no parameters to update.", nameof(parameters));
            }

            int bound = ParameterCount;
            if (bound != 0 && bound != parameters.Length)
            {
                throw new ArgumentException($"This optimizer was used with {bound} parameters; it cannot step {parameters.Length}. Create one optimizer per parameter vector.", nameof(parameters));
            }

            for (int i = 0; i < gradient.Length; i++)
            {
                if (!double.IsFinite(gradient[i]))
                {
                    throw new ArgumentException($"gradient[{i}] is {gradient[i]}; the update was not applied. A non-finite gradient usually means the learning rate is too large or the data are not standardised.", nameof(gradient));
                }
            }

            if (bound == 0)
            {
                boundCount = parameters.Length;
                for (int b = 0; b < buffers.Length; b++)
                {
                    buffers[b] = new double[parameters.Length];
                }
            }

            StepCount++;
            Update(parameters, gradient, StepCount);
        }

        /// <summary>Performs the optimizer-specific update after the arguments were validated.</summary>
        /// <param name="parameters">The parameters, updated in place.</param>
        /// <param name="gradient">The finite gradient.</param>
        /// <param name="step">The 1-based step number (torch's <c>step</c> after its increment).</param>
        protected abstract void Update(Span<double> parameters, ReadOnlySpan<double> gradient, long step);

        /// <summary>Returns the buffer with the given index in the order passed to the constructor.</summary>
        /// <param name="index">The buffer index.</param>
        /// <returns>The buffer, sized to the parameters.</returns>
        protected double[] Buffer(int index) => buffers[index];

        /// <inheritdoc />
        public OptimizerState SaveState()
        {
            var list = new List<KeyValuePair<string, double[]>>(bufferNames.Length);
            for (int i = 0; i < bufferNames.Length; i++)
            {
                list.Add(new KeyValuePair<string, double[]>(bufferNames[i], buffers[i]));
            }

            return new OptimizerState(Kind, StepCount, learningRate, list, Hyperparameters);
        }

        /// <inheritdoc />
        public void LoadState(OptimizerState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            if (!string.Equals(state.Kind, Kind, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The state was saved by a {state.Kind} optimizer and cannot be loaded into {Kind}.", nameof(state));
            }

            RequireSameHyperparameters(state);

            if (state.BufferCount != bufferNames.Length)
            {
                throw new ArgumentException($"The {Kind} state has {state.BufferCount} buffers but this optimizer's settings use {bufferNames.Length} ({string.Join(", ", bufferNames)}). Construct it with the same settings (momentum, amsgrad, centered).", nameof(state));
            }

            ValidateLearningRate(state.LearningRate, nameof(state));
            var loaded = new double[bufferNames.Length][];
            int length = -1;
            for (int i = 0; i < bufferNames.Length; i++)
            {
                if (!state.HasBuffer(bufferNames[i]))
                {
                    throw new ArgumentException($"The {Kind} state has no buffer named '{bufferNames[i]}'.", nameof(state));
                }

                loaded[i] = state.GetBuffer(bufferNames[i]).ToArray();
                if (length >= 0 && loaded[i].Length != length)
                {
                    throw new ArgumentException($"The buffers of the {Kind} state have different lengths ({length} and {loaded[i].Length}).", nameof(state));
                }

                length = loaded[i].Length;
            }

            if (state.StepCount == 0 && length > 0)
            {
                throw new ArgumentException("The state has buffers but a step count of 0.", nameof(state));
            }

            if (state.StepCount > 0 && length == 0 && bufferNames.Length > 0)
            {
                throw new ArgumentException($"The state has a step count of {state.StepCount} but empty buffers.", nameof(state));
            }

            buffers = loaded;
            boundCount = Math.Max(length, 0);
            StepCount = state.StepCount;
            learningRate = state.LearningRate;
        }

        /// <summary>
        /// The settings that shape the buffers and the updates (momentum, betas, epsilon, weight decay, flags as 0 or 1), stored
        /// in saved states so that <see cref="LoadState"/> refuses a state accumulated under other settings. The learning rate
        /// is not one of them: it is part of the state itself and is restored.
        /// </summary>
        protected virtual IReadOnlyList<KeyValuePair<string, double>> Hyperparameters => Array.Empty<KeyValuePair<string, double>>();

        /// <summary>The kind name stored in saved states; the class name by default.</summary>
        protected virtual string Kind => GetType().Name;

        /// <summary>Throws when a hyper-parameter is NaN, infinite or outside a closed range.</summary>
        /// <param name="value">The value.</param>
        /// <param name="min">The smallest allowed value.</param>
        /// <param name="max">The largest allowed value.</param>
        /// <param name="name">The parameter name for the exception.</param>
        protected static void RequireInRange(double value, double min, double max, string name)
        {
            if (double.IsNaN(value) || value < min || value > max || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and in [{min}, {max}].");
            }
        }

        /// <summary>Throws when a beta-like value is not in [0, 1).</summary>
        /// <param name="value">The value.</param>
        /// <param name="name">The parameter name for the exception.</param>
        protected static void RequireUnitInterval(double value, string name)
        {
            if (double.IsNaN(value) || value < 0.0 || value >= 1.0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");
            }
        }

        /// <summary>
        /// Refuses a state saved with other hyper-parameters: Adam's moments under another beta2, say, would silently continue a
        /// different trajectory. A state without hyper-parameters (a version-1 checkpoint) cannot be checked and is accepted.
        /// </summary>
        private void RequireSameHyperparameters(OptimizerState state)
        {
            if (state.Hyperparameters.Count == 0)
            {
                return;
            }

            var mine = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, double> pair in Hyperparameters)
            {
                mine[pair.Key] = pair.Value;
            }

            var differences = new List<string>();
            foreach (KeyValuePair<string, double> saved in state.Hyperparameters)
            {
                if (!mine.Remove(saved.Key, out double current))
                {
                    differences.Add(string.Format(CultureInfo.InvariantCulture, "{0} = {1:R} was saved but this optimizer has no such setting", saved.Key, saved.Value));
                }
                else if (!saved.Value.Equals(current))
                {
                    differences.Add(string.Format(CultureInfo.InvariantCulture, "{0} was {1:R} but is {2:R} here", saved.Key, saved.Value, current));
                }
            }

            foreach (string missing in mine.Keys)
            {
                differences.Add($"{missing} is not in the saved state");
            }

            if (differences.Count > 0)
            {
                throw new ArgumentException($"The {Kind} state was saved with other hyper-parameters: {string.Join("; ", differences)}. Construct the optimizer with the saved settings, or train from a fresh optimizer instead of loading this state.", nameof(state));
            }
        }

        private static void ValidateLearningRate(double value, string name)
        {
            if (!double.IsFinite(value) || value < 0.0)
            {
                throw new ArgumentOutOfRangeException(name, value, "The learning rate must be finite and non-negative.");
            }
        }

        private static double[][] CreateEmptyBuffers(int count)
        {
            var result = new double[count][];
            for (int i = 0; i < count; i++)
            {
                result[i] = Array.Empty<double>();
            }

            return result;
        }
    }
}
