using System;
using System.Linq;
using SymGrad.Benchmarks.Benchmarks;
using SymGrad.Benchmarks.Workloads;

namespace SymGrad.Benchmarks.Checking
{
    /// <summary>
    /// The benchmarks compared side by side read the same inputs (<see cref="SharedInputs"/>): two setups of one class
    /// and shape, with a global cleanup between them as BenchmarkDotNet runs them, take the same problem (in the
    /// workload classes and in the <c>float</c> suite); another shape takes another; after another class has set up, the
    /// first class gets a new problem; and a global cleanup leaves the shared problem usable (its TorchSharp model too).
    /// </summary>
    public static class SharedInputsCheck
    {
        public static int Run(Action<string, string, double, double> report)
        {
            var logistic = new LogisticRegressionBenchmarks();
            Shape shape = logistic.SmokeShape;
            Shape other = logistic.Shapes.First();
            GradientProblem first = SetUp(new LogisticRegressionBenchmarks { Shape = shape, TorchThreads = Torch.TorchThreads.One });
            GradientProblem second = SetUp(new LogisticRegressionBenchmarks { Shape = shape, TorchThreads = Torch.TorchThreads.Default });
            GradientProblem otherShape = SetUp(new LogisticRegressionBenchmarks { Shape = other, TorchThreads = Torch.TorchThreads.One });
            var softmax = new SoftmaxRegressionBenchmarks();
            SetUp(new SoftmaxRegressionBenchmarks { Shape = softmax.SmokeShape, TorchThreads = Torch.TorchThreads.One });
            GradientProblem afterOtherClass = SetUp(new LogisticRegressionBenchmarks { Shape = shape, TorchThreads = Torch.TorchThreads.One });
            var again = new LogisticRegressionBenchmarks { Shape = shape, TorchThreads = Torch.TorchThreads.One };
            again.Setup();
            bool usable = ReferenceEquals(again.CurrentProblem, afterOtherClass) && double.IsFinite(Usable(again.TorchIdiomatic));
            again.Cleanup();

            string workload = SinglePrecisionBenchmarks.Cases.First();
            object singleFirst = SetUp(new SinglePrecisionBenchmarks { Workload = workload, TorchThreads = Torch.TorchThreads.One });
            var single = new SinglePrecisionBenchmarks { Workload = workload, TorchThreads = Torch.TorchThreads.Default };
            single.Setup();
            bool singleShared = ReferenceEquals(singleFirst, single.CurrentInputs) && double.IsFinite(Usable(() => single.TorchFloat32()));
            single.Cleanup();
            SharedInputs.Release();

            int failures = 0;
            failures += Report(report, "one class and shape, two setups", "the same problem", ReferenceEquals(first, second));
            failures += Report(report, "one class, two shapes", "two problems", !ReferenceEquals(first, otherShape));
            failures += Report(report, "after another class's setup", "a new problem", !ReferenceEquals(first, afterOtherClass));
            failures += Report(report, "after global cleanups", "the same problem, usable", usable);
            failures += Report(report, "float suite, two setups", "the same case, usable", singleShared);
            return failures;
        }

        private static GradientProblem SetUp(WorkloadBenchmarks benchmarks)
        {
            benchmarks.Setup();
            GradientProblem problem = benchmarks.CurrentProblem;
            benchmarks.Cleanup();
            return problem;
        }

        private static object SetUp(SinglePrecisionBenchmarks benchmarks)
        {
            benchmarks.Setup();
            object inputs = benchmarks.CurrentInputs;
            benchmarks.Cleanup();
            return inputs;
        }

        /// <summary>The benchmark's value, or NaN when it throws (a disposed TorchSharp model throws).</summary>
        private static double Usable(Func<double> benchmark)
        {
            try
            {
                return benchmark();
            }
            catch (Exception)
            {
                return double.NaN;
            }
        }

        private static int Report(Action<string, string, double, double> report, string label, string expected, bool holds)
        {
            report($"SharedInputs {label}", expected, holds ? 0.0 : 1.0, 0.0);
            return holds ? 0 : 1;
        }
    }
}
