using System;

namespace SymGrad.Schedules
{
    /// <summary>
    /// Linear warm-up, like <c>LinearLR</c> chained with another schedule by <c>SequentialLR</c>: during the first
    /// <see cref="WarmupEpochs"/> epochs the rate is lr0 * (startFactor + (1 - startFactor) * epoch / warmupEpochs);
    /// afterwards it is the inner schedule's rate for (epoch - warmupEpochs), or lr0 without an inner schedule.
    /// </summary>
    public sealed class LinearWarmupSchedule : ILearningRateSchedule
    {
        /// <summary>Creates the schedule.</summary>
        /// <param name="warmupEpochs">The warm-up length (positive).</param>
        /// <param name="startFactor">The fraction of lr0 used in epoch 0, in (0, 1] (torch's LinearLR default is 1/3).</param>
        /// <param name="after">The schedule that follows the warm-up, or null to keep lr0.</param>
        public LinearWarmupSchedule(int warmupEpochs, double startFactor = 1.0 / 3.0, ILearningRateSchedule? after = null)
        {
            if (warmupEpochs <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(warmupEpochs), warmupEpochs, "The warm-up must last at least one epoch.");
            }

            if (double.IsNaN(startFactor) || startFactor <= 0.0 || startFactor > 1.0)
            {
                throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "The start factor must be in (0, 1].");
            }

            WarmupEpochs = warmupEpochs;
            StartFactor = startFactor;
            After = after;
        }

        /// <summary>The warm-up length in epochs.</summary>
        public int WarmupEpochs { get; }

        /// <summary>The fraction of the initial rate used in epoch 0.</summary>
        public double StartFactor { get; }

        /// <summary>The schedule after the warm-up, if any.</summary>
        public ILearningRateSchedule? After { get; }

        /// <inheritdoc />
        public double GetLearningRate(int epoch, double initialLearningRate)
        {
            ScheduleChecks.Epoch(epoch);
            ScheduleChecks.Rate(initialLearningRate, nameof(initialLearningRate));
            if (epoch < WarmupEpochs)
            {
                return initialLearningRate * (StartFactor + ((1.0 - StartFactor) * epoch / WarmupEpochs));
            }

            return After?.GetLearningRate(epoch - WarmupEpochs, initialLearningRate) ?? initialLearningRate;
        }

        /// <inheritdoc />
        public void ReportMetric(int epoch, double metric)
        {
            if (epoch >= WarmupEpochs)
            {
                After?.ReportMetric(epoch - WarmupEpochs, metric);
            }
        }
    }
}
