using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SymGrad.Benchmarks.Interleaved
{
    /// <summary>
    /// The `interleaved` command: every comparison of <see cref="InterleavedCatalog"/> timed in alternate rounds in one
    /// process (<see cref="InterleavedTimer"/>), printed as a Markdown table with each ratio's median and the range of
    /// its rounds. A second opinion beside BenchmarkDotNet, whose one-after-the-other runs a machine's phase can split;
    /// issue 12's verdicts stay BenchmarkDotNet's. Options: <c>--rounds N</c> (21), <c>--batch-ms M</c> (10),
    /// <c>--warmup-ms W</c> (500: each side runs that long twice before the rounds, so the JIT's tiers have settled,
    /// as BenchmarkDotNet's warm-up does), <c>--only text</c> (comparisons whose label contains it; repeatable).
    /// </summary>
    public static class InterleavedCommand
    {
        private static readonly string[] Options = { "--rounds", "--batch-ms", "--warmup-ms", "--only" };

        public static int Run(string[] args)
        {
            int rounds = 21;
            int batchMilliseconds = 10;
            int warmUpMilliseconds = 500;
            var only = new List<string>();
            try
            {
                for (int i = 0; i < args.Length; i += 2)
                {
                    string option = args[i];
                    if (!Options.Contains(option))
                    {
                        throw new ArgumentException($"Unknown option '{option}': the options are --rounds N, --batch-ms M, --warmup-ms W and --only text.");
                    }

                    string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"'{option}' needs a value.");
                    switch (option)
                    {
                        case "--rounds":
                            rounds = Number(option, value, minimum: 1);
                            break;
                        case "--batch-ms":
                            batchMilliseconds = Number(option, value, minimum: 0);
                            break;
                        case "--warmup-ms":
                            warmUpMilliseconds = Number(option, value, minimum: 0);
                            break;
                        default:
                            only.Add(value);
                            break;
                    }
                }
            }
            catch (ArgumentException error)
            {
                Console.Error.WriteLine("interleaved: " + error.Message);
                return 2;
            }

            InterleavedComparison[] comparisons = InterleavedCatalog.All
                .Where(comparison => only.Count == 0 || only.Any(text => comparison.Label.Contains(text, StringComparison.OrdinalIgnoreCase)))
                .ToArray();
            if (comparisons.Length == 0)
            {
                Console.Error.WriteLine("interleaved: no comparison's label contains " + string.Join(" or ", only.Select(text => $"'{text}'")) + ". The labels:");
                foreach (string label in InterleavedCatalog.All.Select(comparison => comparison.Label).Distinct())
                {
                    Console.Error.WriteLine("  " + label);
                }

                return 2;
            }

            var timer = new InterleavedTimer(rounds, TimeSpan.FromMilliseconds(batchMilliseconds), TimeSpan.FromMilliseconds(warmUpMilliseconds));
            Console.WriteLine($"{rounds} rounds of about {batchMilliseconds} ms a side after {warmUpMilliseconds} ms of warm-up twice, the order swapped every round; ratio = first / second per call");
            Console.WriteLine();
            Console.WriteLine("| comparison | ratio | target | median | rounds' range | first (µs) | second (µs) | met by the median |");
            Console.WriteLine("|---|---|---|---:|---|---:|---:|---|");
            int failures = 0;
            foreach (InterleavedComparison comparison in comparisons)
            {
                try
                {
                    Console.WriteLine(Row(comparison, Measure(comparison, timer)));
                }
                catch (InvalidOperationException error)
                {
                    Console.WriteLine($"| {comparison.Label} | {comparison.Ratio} | {comparison.Target} | failed: {error.Message} | | | | |");
                    failures++;
                }
            }

            return failures == 0 ? 0 : 1;
        }

        /// <summary>
        /// The smoke run's pass: every comparison prepared at its full size (TorchSharp's tensors too) and timed for one
        /// round of one call a side, each value and time finite (so the command cannot rot). Returns the number of failures.
        /// </summary>
        public static int Smoke(ref int invocations)
        {
            var timer = new InterleavedTimer(1, TimeSpan.Zero, TimeSpan.Zero);
            int failures = 0;
            foreach (InterleavedComparison comparison in InterleavedCatalog.All)
            {
                string label = $"interleaved {comparison.Label}, {comparison.Ratio}";
                invocations += 2;
                try
                {
                    InterleavedResult result = Measure(comparison, timer);
                    bool ok = result.Ratios.All(ratio => double.IsFinite(ratio) && ratio > 0);
                    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {label}: {result.MedianRatio:G4}");
                    failures += ok ? 0 : 1;
                }
                catch (InvalidOperationException error)
                {
                    Console.WriteLine($"FAIL {label}: {error.Message}");
                    failures++;
                }
            }

            return failures;
        }

        /// <summary>The option's value as a whole number of at least <paramref name="minimum"/>, or an error that names it.</summary>
        private static int Number(string option, string value, int minimum) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number >= minimum
                ? number
                : throw new ArgumentException($"{option} takes a whole number of at least {minimum}, not '{value}'.");

        private static InterleavedResult Measure(InterleavedComparison comparison, InterleavedTimer timer)
        {
            Contenders contenders = comparison.Prepare();
            try
            {
                return timer.Measure(contenders.First, contenders.Second);
            }
            finally
            {
                contenders.Release();
            }
        }

        private static string Row(InterleavedComparison comparison, InterleavedResult result)
        {
            string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
            string Micro(double seconds) => (seconds * 1e6).ToString(seconds < 1e-5 ? "0.000" : "0.0", CultureInfo.InvariantCulture);
            double median = result.MedianRatio;
            return $"| {comparison.Label} | {comparison.Ratio} | {comparison.Target} | {F(median)} | {F(result.Ratios.Min())} to {F(result.Ratios.Max())} | "
                + $"{Micro(result.MedianFirst)} | {Micro(result.MedianSecond)} | {(comparison.Meets(median) ? "yes" : "**no**")} |";
        }
    }
}
