namespace SymGrad.Schedules
{
    /// <summary>
    /// A per-epoch learning-rate schedule, the counterpart of <c>torch.optim.lr_scheduler</c>. The trainer asks for the rate
    /// before each epoch (epochs are 0-based) and reports the epoch's monitored metric afterwards.
    /// </summary>
    public interface ILearningRateSchedule
    {
        /// <summary>The learning rate to use during <paramref name="epoch"/>.</summary>
        /// <param name="epoch">The 0-based epoch.</param>
        /// <param name="initialLearningRate">The optimizer's learning rate before training started.</param>
        /// <returns>The learning rate.</returns>
        double GetLearningRate(int epoch, double initialLearningRate);

        /// <summary>Reports the metric monitored at the end of <paramref name="epoch"/> (lower is better); stateless schedules ignore it.</summary>
        /// <param name="epoch">The 0-based epoch that just finished.</param>
        /// <param name="metric">The monitored value, usually the validation loss or the training loss.</param>
        void ReportMetric(int epoch, double metric);
    }
}
