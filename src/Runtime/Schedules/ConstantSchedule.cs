namespace SymGrad.Schedules
{
    /// <summary>Keeps the initial learning rate for every epoch.</summary>
    public sealed class ConstantSchedule : ILearningRateSchedule
    {
        /// <inheritdoc />
        public double GetLearningRate(int epoch, double initialLearningRate)
        {
            ScheduleChecks.Epoch(epoch);
            ScheduleChecks.Rate(initialLearningRate, nameof(initialLearningRate));
            return initialLearningRate;
        }

        /// <inheritdoc />
        public void ReportMetric(int epoch, double metric)
        {
        }
    }
}
