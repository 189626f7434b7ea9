using System;
using TorchSharp;
using static TorchSharp.torch;

namespace SymGrad.Benchmarks.Torch
{
    /// <summary>
    /// The two-layer classifier in TorchSharp. The op-by-op translation runs only at small shapes
    /// (smoke and self-check sizes): at m = 1000, n = 64 it records millions of tape nodes per call.
    /// </summary>
    public sealed class TwoLayerClassifierTorch : IDisposable
    {
        private readonly Tensor w1;
        private readonly Tensor b1;
        private readonly Tensor w2;
        private readonly Tensor b2;
        private readonly Tensor xTensor;
        private readonly Tensor classes;
        private readonly double[] x;
        private readonly double[] y;
        private readonly int m;
        private readonly int n;
        private readonly int h;
        private readonly int k;

        public TwoLayerClassifierTorch(
            double[] w1, double[] b1, double[] w2, double[] b2, double[] x, double[] y, long[] classes, int m, int n, int h, int k)
        {
            this.w1 = TorchTensors.Parameter(w1, h, n);
            this.b1 = TorchTensors.Parameter(b1, h);
            this.w2 = TorchTensors.Parameter(w2, k, h);
            this.b2 = TorchTensors.Parameter(b2, k);
            xTensor = TorchTensors.Constant(x, m, n);
            this.classes = torch.tensor(classes, ScalarType.Int64);
            this.x = x;
            this.y = y;
            this.m = m;
            this.n = n;
            this.h = h;
            this.k = k;
        }

        /// <summary>The loops of the C# model with every parameter access and operation on a scalar tensor.</summary>
        public double Literal()
        {
            using DisposeScope scope = torch.NewDisposeScope();
            TorchTensors.ZeroGradients(w1, b1, w2, b2);
            Tensor[] a = new Tensor[h];
            Tensor[] z = new Tensor[k];
            Tensor total = torch.tensor(0.0, ScalarType.Float64);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < h; j++)
                {
                    Tensor s = b1[j];
                    for (int t = 0; t < n; t++)
                    {
                        s = s + w1[j, t] * x[i * n + t];
                    }

                    a[j] = torch.sigmoid(s);
                }

                for (int c = 0; c < k; c++)
                {
                    Tensor s = b2[c];
                    for (int j = 0; j < h; j++)
                    {
                        s = s + w2[c, j] * a[j];
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

        /// <summary>cross_entropy(linear(sigmoid(linear(X, W1, b1)), W2, b2), classes).</summary>
        public double Idiomatic()
        {
            using DisposeScope scope = torch.NewDisposeScope();
            TorchTensors.ZeroGradients(w1, b1, w2, b2);
            Tensor hidden = torch.sigmoid(nn.functional.linear(xTensor, w1, b1));
            Tensor logits = nn.functional.linear(hidden, w2, b2);
            Tensor loss = nn.functional.cross_entropy(logits, classes);
            loss.backward();
            return loss.item<double>();
        }

        public void CopyGradient(Span<double> destination) => TorchTensors.CopyGradients(destination, w1, b1, w2, b2);

        public void Dispose()
        {
            w1.Dispose();
            b1.Dispose();
            w2.Dispose();
            b2.Dispose();
            xTensor.Dispose();
            classes.Dispose();
        }
    }
}
