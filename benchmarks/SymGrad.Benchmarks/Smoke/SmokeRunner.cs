using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.AdBench;
using SymGrad.Benchmarks.Benchmarks;
using SymGrad.Benchmarks.Checking;
using SymGrad.Benchmarks.Interleaved;

using SymGrad.Models.AdBench;

namespace SymGrad.Benchmarks.Smoke
{
    /// <summary>
    /// The `smoke` command for CI: every [Benchmark] method of every workload class, invoked once at its
    /// tiny smoke shape (TorchSharp benchmarks once per TorchThreads value) without BenchmarkDotNet,
    /// then the `interleaved` command's comparisons for one round of one call a side (these at their full sizes, the
    /// targets' shapes, TorchSharp's tensors too), then every ADBench objective once against its golden value. Fails
    /// on an exception, a non-finite result or an objective off by more than ADBench's rho tolerance.
    /// </summary>
    public static class SmokeRunner
    {
        public static int Run()
        {
            Stopwatch total = Stopwatch.StartNew();
            int failures = 0;
            int invocations = 0;
            foreach (Type type in WorkloadCatalog.BenchmarkTypes)
            {
                MethodInfo[] benchmarks = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                    .Where(method => method.GetCustomAttribute<BenchmarkAttribute>() is not null)
                    .OrderBy(method => method.Name, StringComparer.Ordinal)
                    .ToArray();
                foreach (string threads in new[] { Torch.TorchThreads.One, Torch.TorchThreads.Default })
                {
                    WorkloadBenchmarks instance = WorkloadCatalog.Create(type);
                    instance.Shape = instance.SmokeShape;
                    instance.TorchThreads = threads;
                    instance.Setup();
                    try
                    {
                        foreach (MethodInfo method in benchmarks.Where(method => threads == Torch.TorchThreads.One || UsesTorch(method)))
                        {
                            string label = $"{type.Name}.{method.Name} [{instance.Shape}, TorchThreads={threads}: {TorchSharp.torch.get_num_threads()}]";
                            failures += Invoke(instance, method, label);
                            invocations++;
                        }
                    }
                    finally
                    {
                        instance.Cleanup();
                    }
                }
            }

            failures += RunCallOverhead(ref invocations);
            failures += RunSecondOrder(ref invocations);
            failures += RunParallel(ref invocations);
            failures += RunSinglePrecision(ref invocations);
            failures += RunSingleRowLanes(ref invocations);
            failures += InterleavedCommand.Smoke(ref invocations);

            string adbench = SharedFolder.AdBench();
            foreach (AdBenchCase adBenchCase in AdBenchCase.All(adbench))
            {
                double value = adBenchCase.Objective();
                double rho = Rho.Of(value, adBenchCase.Golden.Objective());
                double[] gradient = new double[adBenchCase.ParameterCount];
                adBenchCase.Gradient(gradient);
                double gradientRho = Rho.Max(gradient, adBenchCase.Golden.Gradient());
                bool ok = rho <= Rho.AdBenchTolerance && gradientRho <= Rho.AdBenchTolerance;
                Console.WriteLine($"{(ok ? "ok  " : "FAIL")} adbench {adBenchCase.Name} objective {value:R} (rho {rho:E1}), generated gradient rho {gradientRho:E1}");
                failures += ok ? 0 : 1;
                invocations += 2;
            }

            Console.WriteLine($"smoke: {invocations} invocations, {failures} failed, {total.Elapsed.TotalSeconds:F1} s");
            return failures == 0 ? 0 : 1;
        }

        /// <summary>Every call-overhead benchmark once at the smoke size, and the layered and pasted gradients agree.</summary>
        private static int RunCallOverhead(ref int invocations)
        {
            var benchmarks = new CallOverheadBenchmarks { Size = CallOverheadBenchmarks.SmokeSize };
            benchmarks.Setup();
            int failures = 0;
            foreach (MethodInfo method in typeof(CallOverheadBenchmarks).GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                double value = (double)method.Invoke(benchmarks, null)!;
                bool ok = double.IsFinite(value);
                Console.WriteLine($"{(ok ? "ok  " : "FAIL")} CallOverheadBenchmarks.{method.Name} [{CallOverheadBenchmarks.SmokeSize}] = {value:R}");
                failures += ok ? 0 : 1;
                invocations++;
            }

            double difference = benchmarks.LargestDifference();
            bool same = difference <= 1e-12;
            Console.WriteLine($"{(same ? "ok  " : "FAIL")} CallOverheadBenchmarks: layered and pasted gradients differ by at most {difference:E1}");
            return failures + (same ? 0 : 1);
        }

        /// <summary>Every second-order benchmark once at the smoke size; the dense Hessian and the Jacobian agree with their finite-difference baselines.</summary>
        private static int RunSecondOrder(ref int invocations)
        {
            var benchmarks = new SecondOrderBenchmarks { Size = SecondOrderBenchmarks.SmokeSize, HessianRows = 50 };
            benchmarks.Setup();
            int failures = 0;
            foreach (MethodInfo method in typeof(SecondOrderBenchmarks).GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                object? value = method.Invoke(benchmarks, null);
                bool ok = value is not double d || double.IsFinite(d);
                Console.WriteLine($"{(ok ? "ok  " : "FAIL")} SecondOrderBenchmarks.{method.Name} [{SecondOrderBenchmarks.SmokeSize}]");
                failures += ok ? 0 : 1;
                invocations++;
            }

            (double hessian, double jacobian) = benchmarks.LargestDifferences();
            bool same = hessian <= 1e-4 && jacobian <= 1e-6;
            Console.WriteLine($"{(same ? "ok  " : "FAIL")} SecondOrderBenchmarks: the Hessian differs from gradient differences by {hessian:E1}, the Jacobian from central differences by {jacobian:E1}");
            return failures + (same ? 0 : 1);
        }

        /// <summary>The parallel gradient benchmarks at a small batch for every degree; sharded and unsharded gradients agree to rounding.</summary>
        private static int RunParallel(ref int invocations)
        {
            int failures = 0;
            foreach (int degree in ParallelGradientBenchmarks.Degrees())
            {
                var logistic = new ParallelGradientBenchmarks { Rows = 700, Degree = degree };
                failures += RunParallelCase("ParallelGradientBenchmarks.LogisticGradient [Rows=700", degree, logistic.Setup, logistic.LogisticGradient, logistic.LargestDifference, logistic.Cleanup, ref invocations);
                foreach (string workload in new[] { "softmax m=10000 n=100 k=10", "two-layer m=1000 n=64 h=32 k=10" })
                {
                    var multiclass = new ParallelMulticlassBenchmarks { Workload = workload, Degree = degree, RowsOverride = 600 };
                    failures += RunParallelCase($"ParallelMulticlassBenchmarks.MulticlassGradient [{workload}, Rows=600", degree, multiclass.Setup, multiclass.MulticlassGradient, multiclass.LargestDifference, multiclass.Cleanup, ref invocations);
                    var single = new ParallelSinglePrecisionBenchmarks { Workload = workload, Degree = degree, RowsOverride = 600 };
                    failures += RunParallelCase($"ParallelSinglePrecisionBenchmarks.SingleGradient [{workload}, Rows=600", degree, single.Setup, single.SingleGradient, single.LargestDifference, single.Cleanup, ref invocations, tolerance: 1e-6);
                }
            }

            return failures;
        }

        /// <summary>One parallel benchmark at one degree: a finite value, and at degree 0 the sharded gradient within <paramref name="tolerance"/> (1e-12; float shards, 1e-6) of the unsharded one.</summary>
        private static int RunParallelCase(string name, int degree, Action setup, Func<double> gradient, Func<double> largestDifference, Action cleanup, ref int invocations, double tolerance = 1e-12)
        {
            int failures = 0;
            setup();
            try
            {
                double value = gradient();
                bool ok = double.IsFinite(value);
                Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {name}, Degree={degree}] = {value:R}");
                failures += ok ? 0 : 1;
                invocations++;
                if (degree == 0)
                {
                    double difference = largestDifference();
                    bool same = difference <= tolerance;
                    Console.WriteLine($"{(same ? "ok  " : "FAIL")} {name}]: sharded and unsharded gradients differ by {difference:E1}");
                    failures += same ? 0 : 1;
                }
            }
            finally
            {
                cleanup();
            }

            return failures;
        }

        /// <summary>The float softmax with the rows in lanes once at the float suite's tiny case (its setup checks it against the double gradient).</summary>
        private static int RunSingleRowLanes(ref int invocations)
        {
            var benchmarks = new SinglePrecisionRowLanesBenchmarks { Workload = SinglePrecisionRowLanesBenchmarks.SmokeCase };
            try
            {
                benchmarks.Setup();
                double value = benchmarks.HandRowLanesFloat();
                bool ok = double.IsFinite(value);
                Console.WriteLine($"{(ok ? "ok  " : "FAIL")} SinglePrecisionRowLanesBenchmarks.HandRowLanesFloat [{benchmarks.Workload}] = {value:R}");
                invocations++;
                return ok ? 0 : 1;
            }
            catch (InvalidOperationException exception)
            {
                Console.WriteLine($"FAIL SinglePrecisionRowLanesBenchmarks [{benchmarks.Workload}]: {exception.Message}");
                return 1;
            }
        }

        /// <summary>Every float benchmark once at a tiny case and at one case of each workload: setup checks the float gradient against the double one and TorchSharp's float32 one.</summary>
        private static int RunSinglePrecision(ref int invocations)
        {
            int failures = 0;
            foreach (string workload in new[] { SinglePrecisionBenchmarks.SmokeCase, "logistic m=9 n=33", "two-layer m=5 n=9 h=7 k=3" })
            {
                var benchmarks = new SinglePrecisionBenchmarks { Workload = workload, TorchThreads = Torch.TorchThreads.One };
                try
                {
                    benchmarks.Setup();
                    foreach (MethodInfo method in typeof(SinglePrecisionBenchmarks).GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).OrderBy(m => m.Name, StringComparer.Ordinal))
                    {
                        double value = Convert.ToDouble(method.Invoke(benchmarks, null)!, System.Globalization.CultureInfo.InvariantCulture);
                        bool ok = double.IsFinite(value);
                        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} SinglePrecisionBenchmarks.{method.Name} [{workload}] = {value:R}");
                        failures += ok ? 0 : 1;
                        invocations++;
                    }
                }
                catch (InvalidOperationException exception)
                {
                    Console.WriteLine($"FAIL SinglePrecisionBenchmarks [{workload}]: {exception.Message}");
                    failures++;
                }
                finally
                {
                    benchmarks.Cleanup();
                }
            }

            return failures;
        }

        private static bool UsesTorch(MethodInfo method) =>
            method.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories.Contains(SuiteCategories.Torch) == true;

        private static int Invoke(WorkloadBenchmarks instance, MethodInfo method, string label)
        {
            Stopwatch watch = Stopwatch.StartNew();
            try
            {
                object? result = method.Invoke(instance, null);
                bool ok = result is not double value || double.IsFinite(value);
                Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {label} = {result} ({watch.Elapsed.TotalMilliseconds:F1} ms)");
                return ok ? 0 : 1;
            }
            catch (TargetInvocationException e)
            {
                Console.WriteLine($"FAIL {label}: {e.InnerException}");
                return 1;
            }
        }
    }
}
