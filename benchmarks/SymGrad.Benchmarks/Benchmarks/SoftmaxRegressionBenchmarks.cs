using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Workloads;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>Softmax regression, k = 10, at (m, n) = (100, 10), (1000, 100), (10000, 100), and (2000, 64) of issue 3.</summary>
    public partial class SoftmaxRegressionBenchmarks : WorkloadBenchmarks
    {
        public override IEnumerable<Shape> Shapes => new[]
        {
            new Shape("m=100 n=10 k=10", 100, 10, 10, 0, isSmall: true),
            new Shape("m=1000 n=100 k=10", 1000, 100, 10, 0, isSmall: false),
            new Shape("m=2000 n=64 k=10", 2000, 64, 10, 0, isSmall: false),
            new Shape("m=10000 n=100 k=10", 10000, 100, 10, 0, isSmall: false),
        };

        public override Shape SmokeShape => new("m=7 n=3 k=4", 7, 3, 4, 0, isSmall: true);

        public override IEnumerable<Shape> OddShapes => new[]
        {
            new Shape("m=1 n=1 k=2", 1, 1, 2, 0, isSmall: true),
            new Shape("m=37 n=13 k=9", 37, 13, 9, 0, isSmall: true),
            new Shape("m=1003 n=101 k=17", 1003, 101, 17, 0, isSmall: true),
            new Shape("m=21 n=5 k=35", 21, 5, 35, 0, isSmall: true),
        };

        /// <summary>The register-blocked hand-written gradient (Gradients/Blocked): the strongest hand-written baseline.</summary>
        [Benchmark]
        public double HandBlocked() => ((IBlockedGradientProblem)Problem).HandBlocked(LaneWidth.Widest);

        /// <summary>The hand-written gradient with four rows a vector (Gradients/RowLanes): the stronger baseline on AVX2 machines.</summary>
        [Benchmark]
        public double HandRowLanes() => ((IRowLanesGradientProblem)Problem).HandRowLanes();

        protected override GradientProblem CreateProblem(Shape shape) => new SoftmaxRegressionProblem(shape);
    }
}
