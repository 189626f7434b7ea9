using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Benchmarks.Benchmarks;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Workloads;

namespace SymGrad.Benchmarks.Checking
{
    /// <summary>
    /// The register-blocked gradients at both lane widths, and the rows-in-lanes ones, against the generated gradient and the hand-written loops, at
    /// every shape a workload is benchmarked or smoke-run at and at its odd shapes (sizes that are not multiples of the
    /// tile or the vector width), within <see cref="Tolerance"/> relative: the loss against the primal, the gradient
    /// as max |difference| / max |reference| over the whole gradient.
    /// </summary>
    public static class BlockedGradientCheck
    {
        /// <summary>The same maths in another summation order and with the kernels' own exp and log: about 1e-15 apart.</summary>
        public const double Tolerance = 1e-12;

        public static int Run(WorkloadBenchmarks benchmarks, Action<string, string, double, double> report)
        {
            int failures = 0;
            IEnumerable<Shape> shapes = new[] { benchmarks.SmokeShape }.Concat(benchmarks.Shapes).Concat(benchmarks.OddShapes);
            foreach (Shape shape in shapes)
            {
                benchmarks.Shape = shape;
                benchmarks.Setup();
                try
                {
                    if (benchmarks.CurrentProblem is IBlockedGradientProblem blocked)
                    {
                        string label = $"{benchmarks.GetType().Name.Replace("Benchmarks", string.Empty, StringComparison.Ordinal)} {shape}";
                        failures += CheckShape(label, benchmarks.CurrentProblem, blocked, report);
                    }
                }
                finally
                {
                    benchmarks.Cleanup();
                }
            }

            return failures;
        }

        private static int CheckShape(string label, GradientProblem problem, IBlockedGradientProblem blocked, Action<string, string, double, double> report)
        {
            int count = problem.ParameterCount;
            double primal = problem.Primal();
            double[] loops = new double[count];
            problem.HandLoops();
            problem.CopyGradient(loops);
            double[] generated = new double[count];
            problem.Generated();
            problem.CopyGradient(generated);

            int failures = 0;
            double[] gradient = new double[count];
            foreach (LaneWidth width in new[] { LaneWidth.Widest, LaneWidth.Vector256 })
            {
                problem.FillGradient(double.NaN);
                double loss = blocked.HandBlocked(width);
                problem.CopyGradient(gradient);
                string name = width == LaneWidth.Widest ? "HandBlocked" : "HandBlocked (Vector256)";
                failures += Report(report, label, $"{name} loss (relative)", Math.Abs(loss - primal) / Math.Abs(primal));
                failures += Report(report, label, $"{name} gradient vs Generated", NormwiseRelative(gradient, generated));
                failures += Report(report, label, $"{name} gradient vs HandLoops", NormwiseRelative(gradient, loops));
            }

            if (problem is IRowLanesGradientProblem rowLanes)
            {
                problem.FillGradient(double.NaN);
                double loss = rowLanes.HandRowLanes();
                problem.CopyGradient(gradient);
                failures += Report(report, label, "HandRowLanes loss (relative)", Math.Abs(loss - primal) / Math.Abs(primal));
                failures += Report(report, label, "HandRowLanes gradient vs Generated", NormwiseRelative(gradient, generated));
                failures += Report(report, label, "HandRowLanes gradient vs HandLoops", NormwiseRelative(gradient, loops));
            }

            return failures;
        }

        private static int Report(Action<string, string, double, double> report, string label, string comparison, double error)
        {
            report(label, comparison, error, Tolerance);
            return error <= Tolerance ? 0 : 1;
        }

        /// <summary>max_i |x_i - y_i| / max_i |y_i| (NaN when any entry is NaN, so it fails).</summary>
        public static double NormwiseRelative(ReadOnlySpan<double> x, ReadOnlySpan<double> reference)
        {
            double difference = 0.0;
            double scale = 0.0;
            for (int i = 0; i < x.Length; i++)
            {
                double d = Math.Abs(x[i] - reference[i]);
                if (double.IsNaN(d))
                {
                    return double.NaN;
                }

                difference = Math.Max(difference, d);
                scale = Math.Max(scale, Math.Abs(reference[i]));
            }

            return scale == 0.0 ? difference : difference / scale;
        }
    }
}
