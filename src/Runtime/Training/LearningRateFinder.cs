using System;
using System.Collections.Generic;
using SymGrad.Data;
using SymGrad.Optimizers;

namespace SymGrad.Training
{
    /// <summary>
    /// The learning-rate range test ("LR finder", Smith 2017; fastai's <c>lr_find</c>): train for a few hundred mini-batch steps
    /// while the learning rate grows geometrically, record the smoothed loss per rate, stop when the loss diverges, and suggest the
    /// rate where the smoothed loss falls fastest. Too small a rate barely moves the loss; too large a rate makes it explode.
    /// </summary>
    public static class LearningRateFinder
    {
        /// <summary>Runs the range test on a copy of the parameters.</summary>
        /// <param name="optimizer">
        /// The optimizer to drive. A stateful optimizer (<see cref="IStatefulOptimizer"/>) is restored to its previous state and
        /// learning rate afterwards; any other optimizer keeps whatever state the test left, so pass a fresh one.
        /// </param>
        /// <param name="lossAndGradient">The batch loss and gradient.</param>
        /// <param name="initialParameters">The starting parameters (not modified).</param>
        /// <param name="data">The training data.</param>
        /// <param name="options">The settings; null means the defaults.</param>
        /// <returns>The curve and the suggestion.</returns>
        public static LearningRateFinderResult Run(IOptimizer optimizer, LossAndGradient lossAndGradient, ReadOnlySpan<double> initialParameters, DataSet data, LearningRateFinderOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(optimizer);
            ArgumentNullException.ThrowIfNull(lossAndGradient);
            ArgumentNullException.ThrowIfNull(data);
            options ??= new LearningRateFinderOptions();
            Validate(options);
            if (initialParameters.Length == 0)
            {
                throw new ArgumentException("There are no parameters.", nameof(initialParameters));
            }

            var stateful = optimizer as IStatefulOptimizer;
            OptimizerState? saved = stateful?.SaveState();
            double savedRate = optimizer.LearningRate;
            try
            {
                return RunCore(optimizer, lossAndGradient, initialParameters, data, options);
            }
            finally
            {
                if (saved is not null)
                {
                    stateful!.LoadState(saved);
                }

                optimizer.LearningRate = savedRate;
            }
        }

        private static LearningRateFinderResult RunCore(IOptimizer optimizer, LossAndGradient lossAndGradient, ReadOnlySpan<double> initialParameters, DataSet data, LearningRateFinderOptions options)
        {
            double[] parameters = initialParameters.ToArray();
            double[] gradient = new double[parameters.Length];
            var loader = new BatchLoader(data, options.BatchSize, shuffle: true, seed: options.Seed);
            using ShardedGradient? sharded = options.Parallel is null ? null : new ShardedGradient(lossAndGradient, parameters.Length, data.FeatureCount, options.Parallel);
            LossAndGradient compute = sharded is null ? lossAndGradient : sharded.Compute;
            var rates = new List<double>();
            var raw = new List<double>();
            var smoothed = new List<double>();
            double ratio = options.MaxLearningRate / options.MinLearningRate;
            double average = 0.0;
            double bestSmoothed = double.PositiveInfinity;
            bool diverged = false;
            loader.StartEpoch();
            for (int step = 0; step < options.Steps; step++)
            {
                if (!loader.MoveNext())
                {
                    loader.StartEpoch();
                    loader.MoveNext();
                }

                double rate = options.MinLearningRate * Math.Pow(ratio, step / (double)(options.Steps - 1));
                Array.Clear(gradient);
                double loss = compute(parameters, loader.Current, gradient);
                if (!double.IsFinite(loss) || !AllFinite(gradient))
                {
                    diverged = true;
                    break;
                }

                average = (options.Smoothing * average) + ((1.0 - options.Smoothing) * loss);
                double smooth = average / (1.0 - Math.Pow(options.Smoothing, step + 1));
                rates.Add(rate);
                raw.Add(loss);
                smoothed.Add(smooth);
                if (step > 0 && smooth > options.DivergenceFactor * bestSmoothed)
                {
                    diverged = true;
                    break;
                }

                bestSmoothed = Math.Min(bestSmoothed, smooth);
                optimizer.LearningRate = rate;
                optimizer.Step(parameters, gradient);
                if (!AllFinite(parameters))
                {
                    diverged = true;
                    break;
                }
            }

            if (rates.Count < 3)
            {
                throw new InvalidOperationException($"The LR range test diverged after {rates.Count} steps starting at learning rate {options.MinLearningRate}; lower MinLearningRate.");
            }

            int minimum = 0;
            for (int i = 1; i < smoothed.Count; i++)
            {
                if (smoothed[i] < smoothed[minimum])
                {
                    minimum = i;
                }
            }

            int steepest = SteepestDescent(rates, smoothed, Math.Max(minimum, 1));
            return new LearningRateFinderResult(rates.ToArray(), raw.ToArray(), smoothed.ToArray(), rates[steepest], minimum, diverged);
        }

        /// <summary>The index in [0, last] with the most negative slope of the loss against log(rate) (central differences, one-sided at the ends).</summary>
        private static int SteepestDescent(List<double> rates, List<double> losses, int last)
        {
            int best = 0;
            double bestSlope = double.PositiveInfinity;
            for (int i = 0; i <= last; i++)
            {
                int lo = Math.Max(i - 1, 0);
                int hi = Math.Min(i + 1, losses.Count - 1);
                double slope = (losses[hi] - losses[lo]) / (Math.Log(rates[hi]) - Math.Log(rates[lo]));
                if (slope < bestSlope)
                {
                    bestSlope = slope;
                    best = i;
                }
            }

            return best;
        }

        private static bool AllFinite(ReadOnlySpan<double> values)
        {
            foreach (double v in values)
            {
                if (!double.IsFinite(v))
                {
                    return false;
                }
            }

            return true;
        }

        private static void Validate(LearningRateFinderOptions options)
        {
            if (!double.IsFinite(options.MinLearningRate) || options.MinLearningRate <= 0.0)
            {
                throw new ArgumentException($"MinLearningRate must be finite and positive, not {options.MinLearningRate}.", nameof(options));
            }

            if (!double.IsFinite(options.MaxLearningRate) || options.MaxLearningRate <= options.MinLearningRate)
            {
                throw new ArgumentException($"MaxLearningRate must be finite and above MinLearningRate, not {options.MaxLearningRate}.", nameof(options));
            }

            if (options.Steps < 3)
            {
                throw new ArgumentException($"Steps must be at least 3, not {options.Steps}.", nameof(options));
            }

            if (options.BatchSize <= 0)
            {
                throw new ArgumentException($"BatchSize must be positive, not {options.BatchSize}.", nameof(options));
            }

            if (double.IsNaN(options.Smoothing) || options.Smoothing < 0.0 || options.Smoothing >= 1.0)
            {
                throw new ArgumentException($"Smoothing must be in [0, 1), not {options.Smoothing}.", nameof(options));
            }

            if (double.IsNaN(options.DivergenceFactor) || options.DivergenceFactor <= 1.0)
            {
                throw new ArgumentException($"DivergenceFactor must be greater than 1, not {options.DivergenceFactor}.", nameof(options));
            }
        }
    }
}
