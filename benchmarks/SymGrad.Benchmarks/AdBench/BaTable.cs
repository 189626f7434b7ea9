using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using SymGrad.Models.AdBench;

namespace SymGrad.Benchmarks.AdBench
{
    /// <summary>
    /// The bundle-adjustment part of the `adbench` command: for ba/test.txt and ba1 to ba5, times every
    /// residual (the objective) and the sparse Jacobian assembled from the generated blocks, checks the
    /// Jacobian's residuals against the objective's and, on test, the residuals and the Jacobian against
    /// ADBench's Manual files by rho, and prints a Markdown table (also written to
    /// BenchmarkDotNet.Artifacts/results/adbench-ba-report.md on a full run).
    /// </summary>
    public static class BaTable
    {
        /// <summary>
        /// ADBench's batches (0.5 s), but at most 5 samples or 5 s per function instead of 10 and 10 s:
        /// ba5's Jacobian takes tens of milliseconds, and 12 timed functions at ADBench's limits would
        /// take two minutes on their own.
        /// </summary>
        private static readonly AdBenchTimer Shortened = new(0.5, 5, 5.0);

        public static int Run(string adbench, bool quick, AdBenchTimer quickTimer)
        {
            AdBenchTimer timer = quick ? quickTimer : Shortened;
            List<string> table = new()
            {
                "| input | n cameras | m points | p observations | J non-zeros | F rho vs Manual | J rho vs Manual | objective (C#) | Jacobian (C#) | SymGrad Jacobian / objective | Manual C++ Jacobian / objective | objective C# / Manual | Jacobian C# / Manual |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            };
            Console.WriteLine();
            table.ForEach(Console.WriteLine);

            int failures = 0;
            foreach (BaCase ba in BaCase.All(adbench))
            {
                ba.Objective();
                double[] reprojection = (double[])ba.ReprojectionErrors.Clone();
                double[] weight = (double[])ba.WeightErrors.Clone();
                ba.Jacobian();
                bool consistent = reprojection.AsSpan().SequenceEqual(ba.ReprojectionErrors) && weight.AsSpan().SequenceEqual(ba.WeightErrors)
                    && Array.TrueForAll(ba.SparseJacobian.Values, double.IsFinite);
                string residualsRho = "no golden", jacobianRho = "no golden";
                if (ba.GoldenResiduals is { } goldenResiduals)
                {
                    double rho = Math.Max(Rho.Max(reprojection, goldenResiduals.ReprojectionErrors), Rho.Max(weight, goldenResiduals.WeightErrors));
                    consistent &= rho <= Rho.AdBenchTolerance;
                    residualsRho = Checked(rho);
                }

                if (ba.GoldenJacobian is { } goldenJacobian)
                {
                    bool sameStructure = goldenJacobian.RowStarts.AsSpan().SequenceEqual(ba.SparseJacobian.RowStarts)
                        && goldenJacobian.Columns.AsSpan().SequenceEqual(ba.SparseJacobian.Columns);
                    double rho = sameStructure ? Rho.Max(ba.SparseJacobian.Values, goldenJacobian.Values) : double.PositiveInfinity;
                    consistent &= rho <= Rho.AdBenchTolerance;
                    jacobianRho = sameStructure ? Checked(rho) : "structure differs FAIL";
                }

                failures += consistent ? 0 : 1;
                double objective = timer.SecondsPerEvaluation(ba.Objective);
                double jacobian = timer.SecondsPerEvaluation(ba.Jacobian);
                string manualRatio = "", objectiveVsManual = "", jacobianVsManual = "";
                if (ba.ManualTimes is { } manual)
                {
                    manualRatio = (manual.Jacobian / manual.Objective).ToString("F1", CultureInfo.InvariantCulture);
                    objectiveVsManual = (objective / manual.Objective).ToString("F2", CultureInfo.InvariantCulture);
                    jacobianVsManual = (jacobian / manual.Jacobian).ToString("F2", CultureInfo.InvariantCulture);
                }

                table.Add(
                    $"| {ba.Name}{(consistent ? "" : " FAIL")} | {ba.Input.N} | {ba.Input.M} | {ba.Input.P} | {ba.SparseJacobian.Values.Length} | {residualsRho} | {jacobianRho} | " +
                    $"{AdBenchCommand.Time(objective)} | {AdBenchCommand.Time(jacobian)} | {jacobian / objective:F1} | {manualRatio} | {objectiveVsManual} | {jacobianVsManual} |");
                Console.WriteLine(table[^1]);
            }

            if (!quick)
            {
                string results = Path.Combine("BenchmarkDotNet.Artifacts", "results");
                Directory.CreateDirectory(results);
                File.WriteAllLines(Path.Combine(results, "adbench-ba-report.md"), table);
            }

            GC.KeepAlive(timer.Sink);
            return failures;
        }

        private static string Checked(double rho) =>
            rho.ToString("E1", CultureInfo.InvariantCulture) + (rho <= Rho.AdBenchTolerance ? "" : " FAIL");
    }
}
