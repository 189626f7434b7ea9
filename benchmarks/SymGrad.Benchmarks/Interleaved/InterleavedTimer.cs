using System;
using System.Diagnostics;
using System.Linq;

namespace SymGrad.Benchmarks.Interleaved
{
    /// <summary>
    /// Times two callables in alternate rounds in one process: each round a batch of calls of one, then of the other,
    /// the order swapped every round, and the ratio taken within the round. A phase of the machine (a 2-core KVM guest
    /// moves both gradients by 20% or more for seconds to minutes, docs/benchmark-log.md) then moves both sides of a
    /// round alike, where BenchmarkDotNet, which runs one benchmark after the other, can time them in different phases.
    /// </summary>
    public sealed class InterleavedTimer
    {
        /// <param name="rounds">The number of rounds (the median is of their ratios).</param>
        /// <param name="batch">How long one side of a round runs.</param>
        /// <param name="warmUp">How long each side runs, twice in turn, before the rounds (the JIT's tiers settle).</param>
        public InterleavedTimer(int rounds, TimeSpan batch, TimeSpan warmUp)
        {
            if (rounds < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "At least one round.");
            }

            Rounds = rounds;
            Batch = batch;
            WarmUp = warmUp;
        }

        public int Rounds { get; }

        public TimeSpan Batch { get; }

        public TimeSpan WarmUp { get; }

        /// <summary>The per-call times of both sides in every round, and their ratios.</summary>
        public InterleavedResult Measure(Func<double> first, Func<double> second)
        {
            Run(first, WarmUp);
            Run(second, WarmUp);
            Run(first, WarmUp);
            Run(second, WarmUp);
            int firstCalls = CallsFor(first);
            int secondCalls = CallsFor(second);
            double[] firstTimes = new double[Rounds];
            double[] secondTimes = new double[Rounds];
            for (int round = 0; round < Rounds; round++)
            {
                if (round % 2 == 0)
                {
                    firstTimes[round] = PerCall(first, firstCalls);
                    secondTimes[round] = PerCall(second, secondCalls);
                }
                else
                {
                    secondTimes[round] = PerCall(second, secondCalls);
                    firstTimes[round] = PerCall(first, firstCalls);
                }
            }

            return new InterleavedResult(firstTimes, secondTimes);
        }

        /// <summary>The number of calls that takes about <see cref="Batch"/>, at least one.</summary>
        private int CallsFor(Func<double> call)
        {
            double once = PerCall(call, 1);
            int calls = 1;
            while (calls < 1 << 24 && once * calls < Batch.TotalSeconds / 2)
            {
                calls *= 2;
                once = PerCall(call, calls);
            }

            return Math.Max(1, (int)Math.Min(1 << 24, Batch.TotalSeconds / Math.Max(once, 1e-9)));
        }

        /// <summary>Seconds a call over <paramref name="calls"/> calls; the results' sum is checked to be finite, so no call is optimised away and a broken one fails.</summary>
        private static double PerCall(Func<double> call, int calls)
        {
            double sum = 0.0;
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
            {
                sum += call();
            }

            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (!double.IsFinite(sum))
            {
                throw new InvalidOperationException("a timed call returned a value that is not finite.");
            }

            return seconds / calls;
        }

        private static void Run(Func<double> call, TimeSpan duration)
        {
            long start = Stopwatch.GetTimestamp();
            do
            {
                call();
            }
            while (Stopwatch.GetElapsedTime(start) < duration);
        }
    }

    /// <summary>The per-call seconds of both sides, round by round.</summary>
    public sealed class InterleavedResult
    {
        public InterleavedResult(double[] first, double[] second)
        {
            First = first;
            Second = second;
            Ratios = first.Zip(second, (a, b) => a / b).ToArray();
        }

        public double[] First { get; }

        public double[] Second { get; }

        /// <summary>Each round's first time over its second time.</summary>
        public double[] Ratios { get; }

        public double MedianRatio => Median(Ratios);

        public double MedianFirst => Median(First);

        public double MedianSecond => Median(Second);

        public static double Median(double[] values)
        {
            double[] sorted = values.OrderBy(value => value).ToArray();
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}
