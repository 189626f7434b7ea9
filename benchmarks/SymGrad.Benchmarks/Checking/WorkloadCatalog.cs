using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Benchmarks.Benchmarks;

namespace SymGrad.Benchmarks.Checking
{
    /// <summary>Every concrete <see cref="WorkloadBenchmarks"/> class in this assembly, found by reflection.</summary>
    public static class WorkloadCatalog
    {
        public static IReadOnlyList<Type> BenchmarkTypes { get; } = typeof(WorkloadBenchmarks).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(WorkloadBenchmarks)) && !type.IsAbstract)
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .ToArray();

        public static WorkloadBenchmarks Create(Type type) =>
            (WorkloadBenchmarks)(Activator.CreateInstance(type) ?? throw new InvalidOperationException(type.Name));
    }
}
