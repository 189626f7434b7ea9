using System;
using System.Diagnostics;

namespace SymGrad.Benchmarks.AdBench
{
    /// <summary>
    /// ADBench's timing protocol: call the function 1, 2, 4, ... times in one batch until a batch takes
    /// at least the minimum measurable time (0.5 s); that batch is the first sample; keep timing batches
    /// of the same size until 10 samples or 10 s in all; report the minimum seconds per evaluation.
    /// </summary>
    public sealed class AdBenchTimer
    {
        private readonly double minimumBatchSeconds;
        private readonly int maximumSamples;
        private readonly double timeLimitSeconds;
        private double sink;

        public AdBenchTimer(double minimumBatchSeconds, int maximumSamples, double timeLimitSeconds)
        {
            this.minimumBatchSeconds = minimumBatchSeconds;
            this.maximumSamples = maximumSamples;
            this.timeLimitSeconds = timeLimitSeconds;
        }

        /// <summary>ADBench's own settings.</summary>
        public static AdBenchTimer Protocol { get; } = new(0.5, 10, 10.0);

        /// <summary>A smoke-run version: 20 ms batches, at most 2 samples or 0.2 s.</summary>
        public static AdBenchTimer Quick { get; } = new(0.02, 2, 0.2);

        /// <summary>Results are summed here so the JIT cannot drop the calls.</summary>
        public double Sink => sink;

        public double SecondsPerEvaluation(Func<double> evaluate)
        {
            int repeats = 1;
            double batch = TimeBatch(evaluate, repeats);
            while (batch < minimumBatchSeconds)
            {
                repeats = checked(repeats * 2);
                batch = TimeBatch(evaluate, repeats);
            }

            double best = batch / repeats;
            double total = batch;
            for (int sample = 1; sample < maximumSamples && total < timeLimitSeconds; sample++)
            {
                batch = TimeBatch(evaluate, repeats);
                best = Math.Min(best, batch / repeats);
                total += batch;
            }

            return best;
        }

        private double TimeBatch(Func<double> evaluate, int repeats)
        {
            long start = Stopwatch.GetTimestamp();
            double sum = 0.0;
            for (int i = 0; i < repeats; i++)
            {
                sum += evaluate();
            }

            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            sink += sum;
            return seconds;
        }
    }
}
