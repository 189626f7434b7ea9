using System.Collections.Generic;
using SymGrad.Benchmarks.Workloads;

namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>sum_i log(1 + exp(x_i x_{i+1})), n = 100: the per-operation overhead of a tape dominates.</summary>
    public partial class ScalarChainBenchmarks : WorkloadBenchmarks
    {
        public override IEnumerable<Shape> Shapes => new[] { new Shape("n=100", 0, 100, 0, 0, isSmall: true) };

        public override Shape SmokeShape => new("n=5", 0, 5, 0, 0, isSmall: true);

        protected override GradientProblem CreateProblem(Shape shape) => new ScalarChainProblem(shape);
    }
}
