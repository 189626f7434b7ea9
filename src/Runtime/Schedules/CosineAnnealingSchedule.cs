using System;

namespace SymGrad.Schedules
{
    /// <summary>
    /// Cosine annealing, the closed form of <c>CosineAnnealingLR</c>:
    /// minLr + (lr0 - minLr) * (1 + cos(pi * epoch / periodEpochs)) / 2. After <see cref="PeriodEpochs"/> the rate stays at the minimum.
    /// </summary>
    public sealed class CosineAnnealingSchedule : ILearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="periodEpochs">The number of epochs to anneal over (torch's T_max), positive.</param>
        /// <param name="minLearningRate">The final learning rate (torch's eta_min), non-negative.</param>
        public CosineAnnealingSchedule(int periodEpochs, double minLearningRate = 0.0)
        {
            if (periodEpochs <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(periodEpochs), periodEpochs, "The annealing period must be a positive number of epochs.");
            }

            ScheduleChecks.Rate(minLearningRate, nameof(minLearningRate));
            PeriodEpochs = periodEpochs;
            MinLearningRate = minLearningRate;
        }

        /// <summary>The number of epochs to anneal over.</summary>
        public int PeriodEpochs { get; }

        /// <summary>The final learning rate.</summary>
        public double MinLearningRate { get; }

        /// <inheritdoc />
        public double GetLearningRate(int epoch, double initialLearningRate)
        {
            ScheduleChecks.Epoch(epoch);
            ScheduleChecks.Rate(initialLearningRate, nameof(initialLearningRate));
            int t = Math.Min(epoch, PeriodEpochs);
            return MinLearningRate + ((initialLearningRate - MinLearningRate) * (1.0 + Math.Cos(Math.PI * t / PeriodEpochs)) / 2.0);
        }

        /// <inheritdoc />
        public void ReportMetric(int epoch, double metric)
        {
        }
    }
}
