using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Workloads;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>
    /// The two-layer classifier (sigmoid hidden layer, softmax output, k = 10) at m = 1000, n = 64,
    /// h = 32 and 64. No shape is small: finite differences (2 primal calls per parameter, about 4,800
    /// at h = 32) and the op-by-op TorchSharp translation run only in the smoke run and the self-check.
    /// </summary>
    public partial class TwoLayerClassifierBenchmarks : WorkloadBenchmarks
    {
        public override IEnumerable<Shape> Shapes => new[]
        {
            new Shape("m=1000 n=64 h=32", 1000, 64, 10, 32, isSmall: false),
            new Shape("m=1000 n=64 h=64", 1000, 64, 10, 64, isSmall: false),
        };

        public override Shape SmokeShape => new("m=7 n=3 h=4 k=3", 7, 3, 3, 4, isSmall: true);

        public override IEnumerable<Shape> OddShapes => new[]
        {
            new Shape("m=1 n=1 h=1 k=2", 1, 1, 2, 1, isSmall: true),
            new Shape("m=37 n=13 h=33 k=9", 37, 13, 9, 33, isSmall: true),
            new Shape("m=203 n=65 h=70 k=17", 203, 65, 17, 70, isSmall: true),
        };

        /// <summary>The register-blocked hand-written gradient (Gradients/Blocked): the strongest hand-written baseline.</summary>
        [Benchmark]
        public double HandBlocked() => ((IBlockedGradientProblem)Problem).HandBlocked(LaneWidth.Widest);

        protected override GradientProblem CreateProblem(Shape shape) => new TwoLayerClassifierProblem(shape);
    }
}
