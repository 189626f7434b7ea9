using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using SymGrad.Benchmarks.Checking;

using SymGrad.Models.AdBench;

namespace SymGrad.Benchmarks.AdBench
{
    /// <summary>
    /// The `adbench [--quick] [--only gmm-lstm|ba]` command: for every GMM and LSTM input, checks the
    /// objective against ADBench's Manual value by rho, times it by ADBench's protocol, and prints a
    /// Markdown table beside ADBench's Manual C++ times. On the inputs small enough, central differences
    /// give a gradient column (checked against the Manual gradient by rho). The table is also written to
    /// BenchmarkDotNet.Artifacts/results/adbench-report.md (in the current folder), where
    /// benchmarks/update-tables.py finds it. Then the bundle-adjustment table (<see cref="BaTable"/>,
    /// written to adbench-ba-report.md). `--only` runs one of the two tables. Returns 1 when an
    /// objective, a gradient or a Jacobian is off.
    /// </summary>
    public static class AdBenchCommand
    {
        public static int Run(IReadOnlyList<string> args)
        {
            bool quick = args.Contains("--quick");
            string only = Option(args, "--only") ?? "";
            if (only is not ("" or "gmm-lstm" or "ba"))
            {
                Console.Error.WriteLine($"adbench: --only takes gmm-lstm or ba, not '{only}'");
                return 2;
            }

            AdBenchTimer timer = quick ? AdBenchTimer.Quick : AdBenchTimer.Protocol;
            string adbench = SharedFolder.AdBench();
            Console.WriteLine($"ADBench inputs from {adbench}; timing: {(quick ? "quick (smoke run, not comparable)" : "ADBench protocol")}");
            int failures = only == "ba" ? 0 : RunGmmAndLstm(adbench, quick, timer);
            if (only != "gmm-lstm")
            {
                failures += BaTable.Run(adbench, quick, AdBenchTimer.Quick);
            }

            Console.WriteLine();
            Console.WriteLine(failures == 0
                ? "adbench: every objective, generated gradient and Jacobian matches ADBench's Manual values where they exist (rho <= 1e-8)"
                : $"adbench: {failures} objective(s), gradient(s) or Jacobian(s) differ from ADBench's Manual values");
            GC.KeepAlive(timer.Sink);
            return failures == 0 ? 0 : 1;
        }

        private static int RunGmmAndLstm(string adbench, bool quick, AdBenchTimer timer)
        {
            Console.WriteLine();
            List<string> table = new()
            {
                "| input | params | F rho vs Manual | J rho vs Manual | objective (C#) | generated gradient | SymGrad gradient / objective | Manual C++ gradient / objective | objective C# / Manual | gradient C# / Manual | fd gradient (x objective) |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            };
            table.ForEach(Console.WriteLine);

            int failures = 0;
            foreach (AdBenchCase adBenchCase in AdBenchCase.All(adbench))
            {
                double value = adBenchCase.Objective();
                double rho = Rho.Of(value, adBenchCase.Golden.Objective());
                if (!(rho <= Rho.AdBenchTolerance))
                {
                    failures++;
                }

                double seconds = timer.SecondsPerEvaluation(adBenchCase.Objective);
                (double manualObjective, double manualGradient) = adBenchCase.Golden.ManualTimes();
                double[] generated = new double[adBenchCase.ParameterCount];
                double generatedValue = adBenchCase.Gradient(generated);
                double gradientRho = Math.Max(Rho.Max(generated, adBenchCase.Golden.Gradient()), Rho.Of(generatedValue, value));
                if (!(gradientRho <= Rho.AdBenchTolerance))
                {
                    failures++;
                }

                double gradientTime = timer.SecondsPerEvaluation(() => adBenchCase.Gradient(generated));
                string differences = "", differencesRho = "";
                if (adBenchCase.FiniteDifferences is { } finiteDifferences)
                {
                    double[] gradient = new double[adBenchCase.ParameterCount];
                    finiteDifferences(gradient);
                    differencesRho = Rho.Max(gradient, adBenchCase.Golden.Gradient()).ToString("E1", CultureInfo.InvariantCulture);
                    double gradientSeconds = timer.SecondsPerEvaluation(() => finiteDifferences(gradient));
                    differences = $"{Time(gradientSeconds)} ({gradientSeconds / seconds:F0}x)";
                }

                table.Add(
                    $"| {adBenchCase.Name} | {adBenchCase.ParameterCount} | {rho:E1}{(rho <= Rho.AdBenchTolerance ? "" : " FAIL")} | {gradientRho:E1}{(gradientRho <= Rho.AdBenchTolerance ? "" : " FAIL")} | " +
                    $"{Time(seconds)} | {Time(gradientTime)} | {gradientTime / seconds:F1} | {manualGradient / manualObjective:F1} | " +
                    $"{seconds / manualObjective:F2} | {gradientTime / manualGradient:F2} | {differences}{(differencesRho.Length > 0 ? " rho " + differencesRho : "")} |");
                Console.WriteLine(table[^1]);
            }

            if (!quick)
            {
                string results = Path.Combine("BenchmarkDotNet.Artifacts", "results");
                Directory.CreateDirectory(results);
                File.WriteAllLines(Path.Combine(results, "adbench-report.md"), table);
            }

            return failures;
        }

        internal static string Time(double seconds) => seconds switch
        {
            < 1e-6 => ThreeDigits(seconds * 1e9) + " ns",
            < 1e-3 => ThreeDigits(seconds * 1e6) + " µs",
            < 1.0 => ThreeDigits(seconds * 1e3) + " ms",
            _ => ThreeDigits(seconds) + " s",
        };

        private static string ThreeDigits(double value) =>
            value.ToString(value >= 100 ? "F0" : value >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture);

        /// <summary>The value after <paramref name="name"/> (`--only ba`), or null when the option is absent.</summary>
        private static string? Option(IReadOnlyList<string> args, string name)
        {
            for (int i = 0; i < args.Count; i++)
            {
                if (args[i] == name)
                {
                    return i + 1 < args.Count ? args[i + 1] : "(nothing)";
                }
            }

            return null;
        }

        private static bool Contains(this IReadOnlyList<string> args, string value)
        {
            foreach (string arg in args)
            {
                if (arg == value)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
