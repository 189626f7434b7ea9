using System;
using TorchSharp;
using static TorchSharp.torch;

namespace SymGrad.Benchmarks.Torch
{
    /// <summary>
    /// The Jacobian of the 4-parameter logistic curve's m predictions by TorchSharp's
    /// torch.autograd.functional.jacobian (TorchSharp has no functional.hessian), in float64, copied
    /// into a row-major array as FJacobian writes it.
    /// </summary>
    public sealed class CurveJacobianTorch : IDisposable
    {
        private readonly Tensor x;
        private readonly int m;

        public CurveJacobianTorch(double[] x)
        {
            this.x = TorchTensors.Constant(x, x.Length);
            m = x.Length;
        }

        public void Jacobian(double[] p, double[] jacobian)
        {
            using DisposeScope scope = torch.NewDisposeScope();
            Tensor parameters = torch.tensor(p, ScalarType.Float64);
            Tensor result = torch.autograd.functional.jacobian(Predict, parameters);
            result.data<double>().CopyTo(jacobian.AsSpan(0, m * p.Length));
        }

        private Tensor Predict(Tensor p) => p[0] + (p[1] - p[0]) / (1.0 + torch.exp(p[3] * (x - p[2])));

        public void Dispose() => x.Dispose();
    }
}
