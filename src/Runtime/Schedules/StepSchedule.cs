using System;

namespace SymGrad.Schedules
{
    /// <summary>Multiplies the rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs, like <c>StepLR</c>: lr0 * gamma^floor(epoch / stepSize).</summary>
    public sealed class StepSchedule : ILearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="stepSize">The number of epochs between decays (positive).</param>
        /// <param name="gamma">The decay factor (torch default 0.1), positive.</param>
        public StepSchedule(int stepSize, double gamma = 0.1)
        {
            if (stepSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The step size must be a positive number of epochs.");
            }

            ScheduleChecks.Positive(gamma, nameof(gamma));
            StepSize = stepSize;
            Gamma = gamma;
        }

        /// <summary>The number of epochs between decays.</summary>
        public int StepSize { get; }

        /// <summary>The decay factor.</summary>
        public double Gamma { get; }

        /// <inheritdoc />
        public double GetLearningRate(int epoch, double initialLearningRate)
        {
            ScheduleChecks.Epoch(epoch);
            ScheduleChecks.Rate(initialLearningRate, nameof(initialLearningRate));
            return initialLearningRate * Math.Pow(Gamma, epoch / StepSize);
        }

        /// <inheritdoc />
        public void ReportMetric(int epoch, double metric)
        {
        }
    }
}
