using System;
using TorchSharp;
using static TorchSharp.torch;

namespace SymGrad.Benchmarks.Torch
{
    /// <summary>Logistic regression with binary cross-entropy in TorchSharp.</summary>
    public sealed class LogisticRegressionTorch : IDisposable
    {
        private readonly Tensor w;
        private readonly Tensor b;
        private readonly Tensor xTensor;
        private readonly Tensor yTensor;
        private readonly double[] x;
        private readonly double[] y;
        private readonly int m;
        private readonly int n;

        public LogisticRegressionTorch(double[] w, double b, double[] x, double[] y, int m, int n)
        {
            this.w = TorchTensors.Parameter(w, n);
            this.b = TorchTensors.Parameter(new[] { b }, 1);
            xTensor = TorchTensors.Constant(x, m, n);
            yTensor = TorchTensors.Constant(y, m);
            this.x = x;
            this.y = y;
            this.m = m;
            this.n = n;
        }

        /// <summary>The loops of the C# model with every parameter access and operation on a scalar tensor.</summary>
        public double Literal()
        {
            using DisposeScope scope = torch.NewDisposeScope();
            TorchTensors.ZeroGradients(w, b);
            Tensor total = torch.tensor(0.0, ScalarType.Float64);
            for (int i = 0; i < m; i++)
            {
                Tensor z = b[0];
                for (int j = 0; j < n; j++)
                {
                    z = z + w[j] * x[i * n + j];
                }

                total = total + (nn.functional.softplus(z) - y[i] * z);
            }

            Tensor loss = total / m;
            loss.backward();
            return loss.item<double>();
        }

        /// <summary>binary_cross_entropy_with_logits(X @ w + b, y).</summary>
        public double Idiomatic()
        {
            using DisposeScope scope = torch.NewDisposeScope();
            TorchTensors.ZeroGradients(w, b);
            Tensor logits = xTensor.matmul(w) + b;
            Tensor loss = nn.functional.binary_cross_entropy_with_logits(logits, yTensor);
            loss.backward();
            return loss.item<double>();
        }

        public void CopyGradient(Span<double> destination) => TorchTensors.CopyGradients(destination, w, b);

        public void Dispose()
        {
            w.Dispose();
            b.Dispose();
            xTensor.Dispose();
            yTensor.Dispose();
        }
    }
}
