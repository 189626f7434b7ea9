using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Workloads;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>Logistic regression with binary cross-entropy at (m, n) = (100, 10), (1000, 100), (10000, 100).</summary>
    public partial class LogisticRegressionBenchmarks : WorkloadBenchmarks
    {
        public override IEnumerable<Shape> Shapes => new[]
        {
            new Shape("m=100 n=10", 100, 10, 0, 0, isSmall: true),
            new Shape("m=1000 n=100", 1000, 100, 0, 0, isSmall: false),
            new Shape("m=10000 n=100", 10000, 100, 0, 0, isSmall: false),
        };

        public override Shape SmokeShape => new("m=7 n=3", 7, 3, 0, 0, isSmall: true);

        public override IEnumerable<Shape> OddShapes => new[]
        {
            new Shape("m=1 n=1", 1, 1, 0, 0, isSmall: true),
            new Shape("m=37 n=13", 37, 13, 0, 0, isSmall: true),
            new Shape("m=9 n=101", 9, 101, 0, 0, isSmall: true),
            new Shape("m=1003 n=101", 1003, 101, 0, 0, isSmall: true),
        };

        /// <summary>The register-blocked hand-written gradient (Gradients/Blocked): the strongest hand-written baseline.</summary>
        [Benchmark]
        public double HandBlocked() => ((IBlockedGradientProblem)Problem).HandBlocked(LaneWidth.Widest);

        protected override GradientProblem CreateProblem(Shape shape) => new LogisticRegressionProblem(shape);
    }
}
