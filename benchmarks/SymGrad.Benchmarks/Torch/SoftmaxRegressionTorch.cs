using System;
using TorchSharp;
using static TorchSharp.torch;

namespace SymGrad.Benchmarks.Torch
{
    /// <summary>Softmax regression with cross-entropy in TorchSharp.</summary>
    public sealed class SoftmaxRegressionTorch : IDisposable
    {
        private readonly Tensor w;
        private readonly Tensor b;
        private readonly Tensor xTensor;
        private readonly Tensor classes;
        private readonly double[] x;
        private readonly double[] y;
        private readonly int m;
        private readonly int n;
        private readonly int k;

        public SoftmaxRegressionTorch(double[] w, double[] b, double[] x, double[] y, long[] classes, int m, int n, int k)
        {
            this.w = TorchTensors.Parameter(w, k, n);
            this.b = TorchTensors.Parameter(b, k);
            xTensor = TorchTensors.Constant(x, m, n);
            this.classes = torch.tensor(classes, ScalarType.Int64);
            this.x = x;
            this.y = y;
            this.m = m;
            this.n = n;
            this.k = k;
        }

        /// <summary>The loops of the C# model with every parameter access and operation on a scalar tensor.</summary>
        public double Literal()
        {
            using DisposeScope scope = torch.NewDisposeScope();
            TorchTensors.ZeroGradients(w, b);
            Tensor[] z = new Tensor[k];
            Tensor total = torch.tensor(0.0, ScalarType.Float64);
            for (int i = 0; i < m; i++)
            {
                for (int c = 0; c < k; c++)
                {
                    Tensor s = b[c];
                    for (int j = 0; j < n; j++)
                    {
                        s = s + w[c, j] * x[i * n + j];
                    }

                    z[c] = s;
                }

                Tensor max = z[0];
                for (int c = 1; c < k; c++)
                {
                    max = torch.maximum(max, z[c]);
                }

                Tensor sumExp = torch.tensor(0.0, ScalarType.Float64);
                for (int c = 0; c < k; c++)
                {
                    sumExp = sumExp + torch.exp(z[c] - max);
                }

                Tensor lse = max + torch.log(sumExp);
                for (int c = 0; c < k; c++)
                {
                    total = total + y[i * k + c] * (lse - z[c]);
                }
            }

            Tensor loss = total / m;
            loss.backward();
            return loss.item<double>();
        }

        /// <summary>cross_entropy(linear(X, W, b), classes).</summary>
        public double Idiomatic()
        {
            using DisposeScope scope = torch.NewDisposeScope();
            TorchTensors.ZeroGradients(w, b);
            Tensor logits = nn.functional.linear(xTensor, w, b);
            Tensor loss = nn.functional.cross_entropy(logits, classes);
            loss.backward();
            return loss.item<double>();
        }

        public void CopyGradient(Span<double> destination) => TorchTensors.CopyGradients(destination, w, b);

        public void Dispose()
        {
            w.Dispose();
            b.Dispose();
            xTensor.Dispose();
            classes.Dispose();
        }
    }
}
