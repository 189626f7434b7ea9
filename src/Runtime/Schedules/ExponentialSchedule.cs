using System;

namespace SymGrad.Schedules
{
    /// <summary>Multiplies the rate by <see cref="Gamma"/> every epoch, like <c>ExponentialLR</c>: lr0 * gamma^epoch.</summary>
    public sealed class ExponentialSchedule : ILearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="gamma">The per-epoch factor, positive.</param>
        public ExponentialSchedule(double gamma)
        {
            ScheduleChecks.Positive(gamma, nameof(gamma));
            Gamma = gamma;
        }

        /// <summary>The per-epoch factor.</summary>
        public double Gamma { get; }

        /// <inheritdoc />
        public double GetLearningRate(int epoch, double initialLearningRate)
        {
            ScheduleChecks.Epoch(epoch);
            ScheduleChecks.Rate(initialLearningRate, nameof(initialLearningRate));
            return initialLearningRate * Math.Pow(Gamma, epoch);
        }

        /// <inheritdoc />
        public void ReportMetric(int epoch, double metric)
        {
        }
    }
}
