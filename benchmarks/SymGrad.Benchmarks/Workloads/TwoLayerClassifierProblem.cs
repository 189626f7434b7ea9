using System;
using SymGrad.Benchmarks.Data;
using SymGrad.Benchmarks.Gradients;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Models;
using SymGrad.Benchmarks.Torch;

namespace SymGrad.Benchmarks.Workloads
{
    /// <summary>The two-layer classifier on m standard-normal rows of n features, k classes, h hidden units.</summary>
    public sealed class TwoLayerClassifierProblem : GradientProblem, IBlockedGradientProblem
    {
        private readonly double[] w1;
        private readonly double[] b1;
        private readonly double[] w2;
        private readonly double[] b2;
        private readonly double[] x;
        private readonly double[] y;
        private readonly double[] dw1;
        private readonly double[] db1;
        private readonly double[] dw2;
        private readonly double[] db2;
        private readonly int m;
        private readonly int n;
        private readonly int h;
        private readonly int k;
        private readonly TwoLayerClassifierTorch torchModel;
        private readonly TwoLayerBlockedWorkspace blockedWorkspace;

        public TwoLayerClassifierProblem(Shape shape)
        {
            m = shape.M;
            n = shape.N;
            h = shape.H;
            k = shape.K;
            SyntheticData data = new();
            x = data.Normal(m * n, 1.0);
            y = data.OneHotLabels(x, m, n, k);
            w1 = data.Normal(h * n, 1.0 / Math.Sqrt(n));
            b1 = data.Normal(h, 0.1);
            w2 = data.Normal(k * h, 1.0 / Math.Sqrt(h));
            b2 = data.Normal(k, 0.1);
            dw1 = new double[h * n];
            db1 = new double[h];
            dw2 = new double[k * h];
            db2 = new double[k];
            blockedWorkspace = new TwoLayerBlockedWorkspace(n, h, k);
            torchModel = new TwoLayerClassifierTorch(w1, b1, w2, b2, x, y, SyntheticData.ClassIndices(y, m, k), m, n, h, k);
        }

        public override int ParameterCount => h * n + h + k * h + k;

        public override double Primal() => TwoLayerClassifier.Loss(w1, b1, w2, b2, x, y, m, n, h, k);

        public override double Generated() =>
            TwoLayerClassifier.LossGradient(w1, b1, w2, b2, x, y, m, n, h, k, dw1, db1, dw2, db2);

        public override double HandLoops() =>
            TwoLayerClassifierGradients.Loops(w1, b1, w2, b2, x, y, m, n, h, k, dw1, db1, dw2, db2);

        public override double HandSimd() =>
            TwoLayerClassifierGradients.Simd(w1, b1, w2, b2, x, y, m, n, h, k, dw1, db1, dw2, db2);

        public double HandBlocked(LaneWidth width) =>
            TwoLayerBlocked.Gradient(w1, b1, w2, b2, x, y, m, n, h, k, dw1, db1, dw2, db2, blockedWorkspace, width);

        public override double FiniteDifferences() => CentralDifferences.Gradient(
            () => TwoLayerClassifier.Loss(w1, b1, w2, b2, x, y, m, n, h, k),
            new[] { w1, b1, w2, b2 },
            new[] { dw1, db1, dw2, db2 });

        public override double TorchLiteral() => torchModel.Literal();

        public override double TorchIdiomatic() => torchModel.Idiomatic();

        protected override double[][] GradientParts => new[] { dw1, db1, dw2, db2 };

        public override void CopyGradient(Span<double> destination) =>
            GradientLayout.Pack(new[] { dw1, db1, dw2, db2 }, destination);

        public override void CopyTorchGradient(Span<double> destination) => torchModel.CopyGradient(destination);

        protected override void Dispose(bool disposing) => torchModel.Dispose();
    }
}
