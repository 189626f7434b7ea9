using System;
using SymGrad.Benchmarks.Data;
using SymGrad.Benchmarks.Gradients;
using SymGrad.Benchmarks.Models;
using SymGrad.Benchmarks.Torch;

namespace SymGrad.Benchmarks.Workloads
{
    /// <summary>The scalar chain over x ~ N(0, 1) of length <see cref="Shape.N"/>.</summary>
    public sealed class ScalarChainProblem : GradientProblem
    {
        private readonly double[] x;
        private readonly double[] dx;
        private readonly int n;
        private readonly ScalarChainTorch torchModel;

        public ScalarChainProblem(Shape shape)
        {
            n = shape.N;
            x = new SyntheticData().Normal(n, 1.0);
            dx = new double[n];
            torchModel = new ScalarChainTorch(x, n);
        }

        public override int ParameterCount => n;

        public override double Primal() => ScalarChain.Loss(x, n);

        public override double Generated() => ScalarChain.LossGradient(x, n, dx);

        public override double HandLoops() => ScalarChainGradients.Loops(x, n, dx);

        public override double HandSimd() => ScalarChainGradients.Simd(x, n, dx);

        public override double FiniteDifferences() =>
            CentralDifferences.Gradient(() => ScalarChain.Loss(x, n), new[] { x }, new[] { dx });

        public override double TorchLiteral() => torchModel.Literal();

        public override double TorchIdiomatic() => torchModel.Idiomatic();

        protected override double[][] GradientParts => new[] { dx };

        public override void CopyGradient(Span<double> destination) => dx.CopyTo(destination);

        public override void CopyTorchGradient(Span<double> destination) => torchModel.CopyGradient(destination);

        protected override void Dispose(bool disposing) => torchModel.Dispose();
    }
}
