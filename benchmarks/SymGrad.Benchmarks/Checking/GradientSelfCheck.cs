using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Benchmarks.Benchmarks;
using SymGrad.Benchmarks.Workloads;

using SymGrad.Models.AdBench;

namespace SymGrad.Benchmarks.Checking
{
    /// <summary>
    /// The `--check` mode: every peer of every workload against the primal and central finite
    /// differences, by ADBench's rho. At the smoke shape and the small benchmark shapes every peer is
    /// checked; at the first large shape the fast peers are checked against the hand-written loops. The
    /// register-blocked gradients are checked at every shape (<see cref="BlockedGradientCheck"/>), and their vector
    /// exp and log on a sweep (<see cref="VectorMathCheck"/>; the float kernels' in <see cref="SingleVectorMathCheck"/>),
    /// and the float suite's gradients at each of its cases (<see cref="SinglePrecisionBenchmarks"/>' setup check), and
    /// that the benchmarks compared side by side share their inputs (<see cref="SharedInputsCheck"/>).
    /// Returns 1 when any comparison fails.
    /// </summary>
    public static class GradientSelfCheck
    {
        /// <summary>Exact peers (same maths, other summation order) agree to about 1e-15; allow 1e-10.</summary>
        private const double ExactTolerance = 1e-10;

        /// <summary>
        /// The generated gradient's value sums its dot products with Kernels.Dot (vector lanes in a fixed order), so it
        /// differs from the primal's loop by rounding; docs/benchmarks.md states at most 1e-12 relative on these workloads.
        /// </summary>
        private const double VectorSumTolerance = 1e-12;

        /// <summary>Central differences with a relative step of 1e-5 are good to about 1e-9 here; allow 1e-7.</summary>
        private const double FiniteDifferenceTolerance = 1e-7;

        public static int Run()
        {
            int failures = 0;
            foreach (Type type in WorkloadCatalog.BenchmarkTypes)
            {
                WorkloadBenchmarks benchmarks = WorkloadCatalog.Create(type);
                List<Shape> shapes = new() { benchmarks.SmokeShape };
                shapes.AddRange(benchmarks.Shapes.Where(shape => shape.IsSmall));
                Shape? firstLarge = benchmarks.Shapes.FirstOrDefault(shape => !shape.IsSmall);
                foreach (Shape shape in shapes)
                {
                    failures += Check(benchmarks, shape, everyPeer: true);
                }

                if (firstLarge is not null)
                {
                    failures += Check(benchmarks, firstLarge, everyPeer: false);
                }

                failures += BlockedGradientCheck.Run(benchmarks, (label, comparison, error, tolerance) => Report(label, comparison, error, tolerance));
            }

            failures += CheckSinglePrecision();
            failures += CheckSingleRowLanes();
            failures += RowLanesReuseCheck.Run((label, comparison, error, tolerance) => Report(label, comparison, error, tolerance));
            failures += SharedInputsCheck.Run((label, comparison, error, tolerance) => Report(label, comparison, error, tolerance));
            failures += VectorMathCheck.Run((label, comparison, error, tolerance) => Report(label, comparison, error, tolerance));
            failures += SingleVectorMathCheck.Run((label, comparison, error, tolerance) => Report(label, comparison, error, tolerance));

            Console.WriteLine(failures == 0 ? "check: every gradient agrees" : $"check: {failures} comparison(s) FAILED");
            return failures == 0 ? 0 : 1;
        }

        /// <summary>
        /// The float suite's gradients at every one of its cases (its setup's check: the generated and the blocked
        /// float gradients against the double one, the generated one against TorchSharp's float32; it throws on a miss).
        /// </summary>
        /// <summary>
        /// The float softmax with the rows in lanes at its benchmark cases and at shapes that are not multiples of its
        /// groups, blocks or chunk (rows of 8 and 16, five classes, two features, 128 rows): its setup compares it with the
        /// generated double gradient.
        /// </summary>
        private static int CheckSingleRowLanes()
        {
            int failures = 0;
            string[] odd = { "softmax m=1 n=1 k=2", "softmax m=37 n=13 k=9", "softmax m=1003 n=101 k=17", "softmax m=21 n=5 k=35", "softmax m=137 n=8 k=16" };
            foreach (string workload in SinglePrecisionRowLanesBenchmarks.Cases.Concat(odd))
            {
                var benchmarks = new SinglePrecisionRowLanesBenchmarks { Workload = workload };
                try
                {
                    benchmarks.Setup();
                    Console.WriteLine($"ok   SinglePrecisionRowLanes {workload,-28} float rows-in-lanes gradient vs double within 1e-3");
                }
                catch (InvalidOperationException failure)
                {
                    Console.WriteLine($"FAIL SinglePrecisionRowLanes {workload,-28} {failure.Message}");
                    failures++;
                }
            }

            return failures;
        }

        private static int CheckSinglePrecision()
        {
            int failures = 0;
            foreach (string workload in SinglePrecisionBenchmarks.Cases)
            {
                var benchmarks = new SinglePrecisionBenchmarks { Workload = workload, TorchThreads = Torch.TorchThreads.One };
                try
                {
                    benchmarks.Setup();
                    Console.WriteLine($"ok   SinglePrecision {workload,-34} float gradients (generated, blocked) vs double within 1e-3");
                }
                catch (InvalidOperationException failure)
                {
                    Console.WriteLine($"FAIL SinglePrecision {workload,-34} {failure.Message}");
                    failures++;
                }
                finally
                {
                    benchmarks.Cleanup();
                }
            }

            return failures;
        }

        private static int Check(WorkloadBenchmarks benchmarks, Shape shape, bool everyPeer)
        {
            benchmarks.Shape = shape;
            benchmarks.Setup();
            try
            {
                return CheckProblem(benchmarks.GetType().Name.Replace("Benchmarks", string.Empty, StringComparison.Ordinal), shape, benchmarks, everyPeer);
            }
            finally
            {
                benchmarks.Cleanup();
            }
        }

        private static int CheckProblem(string workload, Shape shape, WorkloadBenchmarks benchmarks, bool everyPeer)
        {
            GradientProblem problem = benchmarks.CurrentProblem;
            int count = problem.ParameterCount;
            double primal = problem.Primal();
            double[] reference = new double[count];
            double loopsLoss = problem.HandLoops();
            problem.CopyGradient(reference);

            int failures = 0;
            string label = $"{workload} {shape}";
            failures += Report(label, "HandLoops loss", Rho.Of(loopsLoss, primal), ExactTolerance);

            double[] gradient = new double[count];
            double generatedLoss = problem.Generated();
            problem.CopyGradient(gradient);
            failures += Report(label, "Generated loss (relative to the primal)", Math.Abs(generatedLoss - primal) / Math.Abs(primal), VectorSumTolerance);
            failures += Report(label, "Generated gradient vs HandLoops", Rho.Max(gradient, reference), ExactTolerance);

            double[] simd = new double[count];
            double simdLoss = problem.HandSimd();
            problem.CopyGradient(simd);
            failures += Report(label, "HandSimd loss", Rho.Of(simdLoss, primal), ExactTolerance);
            failures += Report(label, "HandSimd gradient vs HandLoops", Rho.Max(simd, reference), ExactTolerance);

            double idiomaticLoss = problem.TorchIdiomatic();
            problem.CopyTorchGradient(gradient);
            failures += Report(label, "TorchIdiomatic loss", Rho.Of(idiomaticLoss, primal), ExactTolerance);
            failures += Report(label, "TorchIdiomatic gradient vs HandLoops", Rho.Max(gradient, reference), ExactTolerance);

            if (everyPeer)
            {
                double differencesLoss = problem.FiniteDifferences();
                problem.CopyGradient(gradient);
                failures += Report(label, "FiniteDifferences loss", Rho.Of(differencesLoss, primal), 0.0);
                failures += Report(label, "HandLoops gradient vs FiniteDifferences", Rho.Max(reference, gradient), FiniteDifferenceTolerance);
                failures += Report(label, "HandSimd gradient vs FiniteDifferences", Rho.Max(simd, gradient), FiniteDifferenceTolerance);

                double literalLoss = problem.TorchLiteral();
                problem.CopyTorchGradient(gradient);
                failures += Report(label, "TorchLiteral loss", Rho.Of(literalLoss, primal), ExactTolerance);
                failures += Report(label, "TorchLiteral gradient vs HandLoops", Rho.Max(gradient, reference), ExactTolerance);
            }

            return failures;
        }

        private static int Report(string label, string comparison, double rho, double tolerance)
        {
            bool ok = rho <= tolerance;
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {label,-28} {comparison,-42} rho {rho:E2} (<= {tolerance:E0})");
            return ok ? 0 : 1;
        }
    }
}
