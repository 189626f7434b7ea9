using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Benchmarks.Benchmarks;

namespace SymGrad.Benchmarks.Interleaved
{
    /// <summary>
    /// Issue 12's ratio targets (docs/benchmarks.md, "Where the targets stand") on the suite's own benchmark classes,
    /// their inputs built as BenchmarkDotNet builds them: the generated gradient within 1.25x of the register-blocked
    /// hand-written one at every target shape in both precisions, and of the rows-in-lanes one (the bar on AVX2
    /// machines) for the softmax in both precisions; and TorchSharp with one thread at least 20 times the generated
    /// gradient's time at m = 100.
    /// </summary>
    public static class InterleavedCatalog
    {
        private const double WithinHandWritten = 1.25;

        private const double TimesTorch = 20.0;

        public static IReadOnlyList<InterleavedComparison> All { get; } = Build().ToArray();

        private static IEnumerable<InterleavedComparison> Build()
        {
            foreach (string shape in new[] { "m=1000 n=100", "m=10000 n=100" })
            {
                yield return Double<LogisticRegressionBenchmarks>("logistic", shape, "generated / blocked", WithinHandWritten, atMost: true, b => b.Generated, b => b.HandBlocked);
            }

            foreach (string shape in new[] { "m=1000 n=100 k=10", "m=2000 n=64 k=10", "m=10000 n=100 k=10" })
            {
                yield return Double<SoftmaxRegressionBenchmarks>("softmax", shape, "generated / blocked", WithinHandWritten, atMost: true, b => b.Generated, b => b.HandBlocked);
                yield return Double<SoftmaxRegressionBenchmarks>("softmax", shape, "generated / rows in lanes", WithinHandWritten, atMost: true, b => b.Generated, b => b.HandRowLanes);
            }

            foreach (string shape in new[] { "m=1000 n=64 h=32", "m=1000 n=64 h=64" })
            {
                yield return Double<TwoLayerClassifierBenchmarks>("two-layer", shape, "generated / blocked", WithinHandWritten, atMost: true, b => b.Generated, b => b.HandBlocked);
            }

            foreach (string workload in SinglePrecisionBenchmarks.Cases.Where(c => !IsSmall(c)))
            {
                yield return Float(workload, "generated / blocked", WithinHandWritten, atMost: true, b => b.GeneratedFloat, b => b.HandBlockedFloat);
                if (SinglePrecisionRowLanesBenchmarks.Cases.Contains(workload))
                {
                    yield return FloatAgainstRowLanes(workload);
                }
            }

            yield return Double<LogisticRegressionBenchmarks>("logistic", "m=100 n=10", "TorchSharp / generated", TimesTorch, atMost: false, b => b.TorchIdiomatic, b => b.Generated);
            yield return Double<SoftmaxRegressionBenchmarks>("softmax", "m=100 n=10 k=10", "TorchSharp / generated", TimesTorch, atMost: false, b => b.TorchIdiomatic, b => b.Generated);
            foreach (string workload in SinglePrecisionBenchmarks.Cases.Where(IsSmall))
            {
                yield return Float(workload, "TorchSharp / generated", TimesTorch, atMost: false, b => b.TorchFloat32, b => b.GeneratedFloat);
            }
        }

        /// <summary>Whether a <c>float</c> case is one of m = 100 (the 20x target's), not a 1.25x target's.</summary>
        private static bool IsSmall(string workload) => workload.Contains("m=100 ", StringComparison.Ordinal);

        /// <summary>A <c>double</c> workload's shape, named as its class names it, with TorchSharp on one thread.</summary>
        private static InterleavedComparison Double<TBenchmarks>(
            string workload, string shapeName, string ratio, double bound, bool atMost, Func<TBenchmarks, Func<double>> first, Func<TBenchmarks, Func<double>> second)
            where TBenchmarks : WorkloadBenchmarks, new()
        {
            return new InterleavedComparison($"double {workload} {shapeName}", ratio, bound, atMost, () =>
            {
                var benchmarks = new TBenchmarks { TorchThreads = Torch.TorchThreads.One };
                benchmarks.Shape = benchmarks.Shapes.Single(shape => shape.Name == shapeName);
                benchmarks.Setup();
                return new Contenders(first(benchmarks), second(benchmarks), benchmarks.Cleanup);
            });
        }

        /// <summary>A case of <see cref="SinglePrecisionBenchmarks"/>, with TorchSharp on one thread.</summary>
        private static InterleavedComparison Float(
            string workload, string ratio, double bound, bool atMost, Func<SinglePrecisionBenchmarks, Func<float>> first, Func<SinglePrecisionBenchmarks, Func<float>> second)
        {
            return new InterleavedComparison($"float {workload}", ratio, bound, atMost, () =>
            {
                var benchmarks = new SinglePrecisionBenchmarks { Workload = workload, TorchThreads = Torch.TorchThreads.One };
                benchmarks.Setup();
                Func<float> a = first(benchmarks), b = second(benchmarks);
                return new Contenders(() => a(), () => b(), benchmarks.Cleanup);
            });
        }

        /// <summary>The generated <c>float</c> softmax against <see cref="SinglePrecisionRowLanesBenchmarks"/>'s kernel, on the same data.</summary>
        private static InterleavedComparison FloatAgainstRowLanes(string workload)
        {
            return new InterleavedComparison($"float {workload}", "generated / rows in lanes", WithinHandWritten, AtMost: true, () =>
            {
                var generated = new SinglePrecisionBenchmarks { Workload = workload, TorchThreads = Torch.TorchThreads.One };
                generated.Setup();
                var rowLanes = new SinglePrecisionRowLanesBenchmarks { Workload = workload };
                rowLanes.Setup();
                return new Contenders(() => generated.GeneratedFloat(), () => rowLanes.HandRowLanesFloat(), generated.Cleanup);
            });
        }
    }
}
