using System;
using SymGrad.Benchmarks.Data;
using SymGrad.Benchmarks.Gradients;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Gradients.RowLanes;
using SymGrad.Benchmarks.Models;
using SymGrad.Benchmarks.Torch;

namespace SymGrad.Benchmarks.Workloads
{
    /// <summary>Softmax regression on m standard-normal rows of n features, k classes from a noisy linear teacher.</summary>
    public sealed class SoftmaxRegressionProblem : GradientProblem, IBlockedGradientProblem, IRowLanesGradientProblem
    {
        private readonly double[] w;
        private readonly double[] b;
        private readonly double[] x;
        private readonly double[] y;
        private readonly double[] dw;
        private readonly double[] db;
        private readonly int m;
        private readonly int n;
        private readonly int k;
        private readonly SoftmaxRegressionTorch torchModel;
        private readonly SoftmaxBlockedWorkspace blockedWorkspace;
        private readonly SoftmaxRowLanesWorkspace rowLanesWorkspace;

        public SoftmaxRegressionProblem(Shape shape)
        {
            m = shape.M;
            n = shape.N;
            k = shape.K;
            SyntheticData data = new();
            x = data.Normal(m * n, 1.0);
            y = data.OneHotLabels(x, m, n, k);
            w = data.Normal(k * n, 0.1);
            b = data.Normal(k, 0.1);
            dw = new double[k * n];
            db = new double[k];
            blockedWorkspace = new SoftmaxBlockedWorkspace(n, k);
            rowLanesWorkspace = new SoftmaxRowLanesWorkspace(n, k);
            torchModel = new SoftmaxRegressionTorch(w, b, x, y, SyntheticData.ClassIndices(y, m, k), m, n, k);
        }

        public override int ParameterCount => k * n + k;

        public override double Primal() => SoftmaxRegression.Loss(w, b, x, y, m, n, k);

        public override double Generated() => SoftmaxRegression.LossGradient(w, b, x, y, m, n, k, dw, db);

        public override double HandLoops() => SoftmaxRegressionGradients.Loops(w, b, x, y, m, n, k, dw, db);

        public override double HandSimd() => SoftmaxRegressionGradients.Simd(w, b, x, y, m, n, k, dw, db);

        public double HandBlocked(LaneWidth width) => SoftmaxBlocked.Gradient(w, b, x, y, m, n, k, dw, db, blockedWorkspace, width);

        public double HandRowLanes() => SoftmaxRowLanes.Gradient(w, b, x, y, m, n, k, dw, db, rowLanesWorkspace);

        public override double FiniteDifferences() =>
            CentralDifferences.Gradient(() => SoftmaxRegression.Loss(w, b, x, y, m, n, k), new[] { w, b }, new[] { dw, db });

        public override double TorchLiteral() => torchModel.Literal();

        public override double TorchIdiomatic() => torchModel.Idiomatic();

        protected override double[][] GradientParts => new[] { dw, db };

        public override void CopyGradient(Span<double> destination) => GradientLayout.Pack(new[] { dw, db }, destination);

        public override void CopyTorchGradient(Span<double> destination) => torchModel.CopyGradient(destination);

        protected override void Dispose(bool disposing) => torchModel.Dispose();
    }
}
