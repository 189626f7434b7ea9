using System;
using TorchSharp;
using static TorchSharp.torch;

namespace SymGrad.Benchmarks.Torch
{
    /// <summary>The scalar chain in TorchSharp: op by op, and as one vectorised expression.</summary>
    public sealed class ScalarChainTorch : IDisposable
    {
        private readonly Tensor x;
        private readonly int n;

        public ScalarChainTorch(double[] x, int n)
        {
            this.x = TorchTensors.Parameter(x, n);
            this.n = n;
        }

        /// <summary>total += log(1 + exp(x[i] * x[i + 1])) for each i, one tensor per operation.</summary>
        public double Literal()
        {
            using DisposeScope scope = torch.NewDisposeScope();
            TorchTensors.ZeroGradients(x);
            Tensor total = torch.tensor(0.0, ScalarType.Float64);
            for (int i = 0; i < n - 1; i++)
            {
                total = total + torch.log(1.0 + torch.exp(x[i] * x[i + 1]));
            }

            total.backward();
            return total.item<double>();
        }

        /// <summary>softplus(x[:-1] * x[1:]).sum().</summary>
        public double Idiomatic()
        {
            using DisposeScope scope = torch.NewDisposeScope();
            TorchTensors.ZeroGradients(x);
            Tensor loss = nn.functional.softplus(x[..(n - 1)] * x[1..]).sum();
            loss.backward();
            return loss.item<double>();
        }

        public void CopyGradient(Span<double> destination) => TorchTensors.CopyGradients(destination, x);

        public void Dispose() => x.Dispose();
    }
}
