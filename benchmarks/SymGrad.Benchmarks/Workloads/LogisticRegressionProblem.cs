using System;
using SymGrad.Benchmarks.Data;
using SymGrad.Benchmarks.Gradients;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Models;
using SymGrad.Benchmarks.Torch;

namespace SymGrad.Benchmarks.Workloads
{
    /// <summary>Logistic regression on m standard-normal rows of n features with noisy linear labels.</summary>
    public sealed class LogisticRegressionProblem : GradientProblem, IBlockedGradientProblem
    {
        private readonly double[] w;
        private readonly double[] b;
        private readonly double[] x;
        private readonly double[] y;
        private readonly double[] dw;
        private readonly double[] db;
        private readonly int m;
        private readonly int n;
        private readonly LogisticRegressionTorch torchModel;
        private readonly LogisticBlockedWorkspace blockedWorkspace;

        public LogisticRegressionProblem(Shape shape)
        {
            m = shape.M;
            n = shape.N;
            SyntheticData data = new();
            x = data.Normal(m * n, 1.0);
            y = data.BinaryLabels(x, m, n);
            w = data.Normal(n, 0.1);
            b = data.Normal(1, 0.1);
            dw = new double[n];
            db = new double[1];
            blockedWorkspace = new LogisticBlockedWorkspace(n);
            torchModel = new LogisticRegressionTorch(w, b[0], x, y, m, n);
        }

        public override int ParameterCount => n + 1;

        public override double Primal() => LogisticRegression.Loss(w, b[0], x, y, m, n);

        public override double Generated()
        {
            double loss = LogisticRegression.LossGradient(w, b[0], x, y, m, n, dw, out double bias);
            db[0] = bias;
            return loss;
        }

        public override double HandLoops()
        {
            double loss = LogisticRegressionGradients.Loops(w, b[0], x, y, m, n, dw, out double bias);
            db[0] = bias;
            return loss;
        }

        public override double HandSimd()
        {
            double loss = LogisticRegressionGradients.Simd(w, b[0], x, y, m, n, dw, out double bias);
            db[0] = bias;
            return loss;
        }

        public double HandBlocked(LaneWidth width)
        {
            double loss = LogisticBlocked.Gradient(w, b[0], x, y, m, n, dw, out double bias, blockedWorkspace, width);
            db[0] = bias;
            return loss;
        }

        public override double FiniteDifferences() =>
            CentralDifferences.Gradient(() => LogisticRegression.Loss(w, b[0], x, y, m, n), new[] { w, b }, new[] { dw, db });

        public override double TorchLiteral() => torchModel.Literal();

        public override double TorchIdiomatic() => torchModel.Idiomatic();

        protected override double[][] GradientParts => new[] { dw, db };

        public override void CopyGradient(Span<double> destination) => GradientLayout.Pack(new[] { dw, db }, destination);

        public override void CopyTorchGradient(Span<double> destination) => torchModel.CopyGradient(destination);

        protected override void Dispose(bool disposing) => torchModel.Dispose();
    }
}
