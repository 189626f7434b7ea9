using System;

namespace SymGrad.Schedules
{
    /// <summary>
    /// Reduces the rate when the monitored metric stops improving, like <c>ReduceLROnPlateau</c> in "min" mode with a relative threshold:
    /// a metric is an improvement when it is below best * (1 - threshold); after more than <see cref="Patience"/> epochs without
    /// improvement the rate becomes max(rate * factor, minLearningRate) (ignored if the change is at most 1e-8), followed by
    /// <see cref="Cooldown"/> epochs in which bad epochs are not counted.
    /// </summary>
    public sealed class ReduceOnPlateauSchedule : ILearningRateSchedule
    {
        private const double MinimumChange = 1e-8;
        private double? current;
        private double best = double.PositiveInfinity;
        private int badEpochs;
        private int cooldownLeft;

        /// <summary>Creates the schedule; the defaults are torch's.</summary>
        /// <param name="factor">The reduction factor, in (0, 1).</param>
        /// <param name="patience">Epochs without improvement tolerated before reducing (non-negative).</param>
        /// <param name="threshold">The relative improvement that counts, non-negative.</param>
        /// <param name="cooldown">Epochs to wait after a reduction before counting bad epochs again (non-negative).</param>
        /// <param name="minLearningRate">The smallest rate, non-negative.</param>
        public ReduceOnPlateauSchedule(double factor = 0.1, int patience = 10, double threshold = 1e-4, int cooldown = 0, double minLearningRate = 0.0)
        {
            if (double.IsNaN(factor) || factor <= 0.0 || factor >= 1.0)
            {
                throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be in (0, 1).");
            }

            if (patience < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(patience), patience, "The patience cannot be negative.");
            }

            if (!double.IsFinite(threshold) || threshold < 0.0)
            {
                throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be finite and non-negative.");
            }

            if (cooldown < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "The cooldown cannot be negative.");
            }

            ScheduleChecks.Rate(minLearningRate, nameof(minLearningRate));
            Factor = factor;
            Patience = patience;
            Threshold = threshold;
            Cooldown = cooldown;
            MinLearningRate = minLearningRate;
        }

        /// <summary>The reduction factor.</summary>
        public double Factor { get; }

        /// <summary>The number of bad epochs tolerated.</summary>
        public int Patience { get; }

        /// <summary>The relative improvement threshold.</summary>
        public double Threshold { get; }

        /// <summary>The cooldown in epochs.</summary>
        public int Cooldown { get; }

        /// <summary>The smallest learning rate.</summary>
        public double MinLearningRate { get; }

        /// <summary>The number of reductions made so far.</summary>
        public int Reductions { get; private set; }

        /// <inheritdoc />
        public double GetLearningRate(int epoch, double initialLearningRate)
        {
            ScheduleChecks.Epoch(epoch);
            ScheduleChecks.Rate(initialLearningRate, nameof(initialLearningRate));
            current ??= initialLearningRate;
            return current.Value;
        }

        /// <inheritdoc />
        /// <exception cref="ArgumentException">The metric is NaN.</exception>
        public void ReportMetric(int epoch, double metric)
        {
            if (double.IsNaN(metric))
            {
                throw new ArgumentException($"The metric reported for epoch {epoch} is NaN.", nameof(metric));
            }

            if (metric < best * (1.0 - Threshold))
            {
                best = metric;
                badEpochs = 0;
            }
            else
            {
                badEpochs++;
            }

            if (cooldownLeft > 0)
            {
                cooldownLeft--;
                badEpochs = 0;
            }

            if (badEpochs > Patience && current is double rate)
            {
                double reduced = Math.Max(rate * Factor, MinLearningRate);
                if (rate - reduced > MinimumChange)
                {
                    current = reduced;
                    Reductions++;
                }

                cooldownLeft = Cooldown;
                badEpochs = 0;
            }
        }
    }
}
