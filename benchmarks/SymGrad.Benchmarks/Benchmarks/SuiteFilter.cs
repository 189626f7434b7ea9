using System;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using SymGrad.Benchmarks.Torch;
using SymGrad.Benchmarks.Workloads;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// Drops the benchmark cases that would only repeat or waste time: a benchmark that does not use
    /// TorchSharp runs with TorchThreads = 1 only, and a small-only benchmark runs at small shapes only.
    /// </summary>
    public sealed class SuiteFilter : IFilter
    {
        public bool Predicate(BenchmarkCase benchmarkCase)
        {
            string[] categories = benchmarkCase.Descriptor.Categories;
            bool usesTorch = Array.IndexOf(categories, SuiteCategories.Torch) >= 0;
            bool smallOnly = Array.IndexOf(categories, SuiteCategories.SmallOnly) >= 0;
            object? threads = benchmarkCase.Parameters[nameof(WorkloadBenchmarks.TorchThreads)];
            object? shape = benchmarkCase.Parameters[nameof(WorkloadBenchmarks.Shape)];
            if (!usesTorch && threads is not null && !TorchThreads.One.Equals(threads))
            {
                return false;
            }

            return !smallOnly || shape is Shape { IsSmall: true };
        }
    }
}
