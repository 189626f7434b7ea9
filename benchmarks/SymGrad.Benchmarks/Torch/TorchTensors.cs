using System;
using TorchSharp;
using static TorchSharp.torch;

namespace SymGrad.Benchmarks.Torch
{
    /// <summary>Small helpers for float64 tensors made from flat row-major arrays.</summary>
    public static class TorchTensors
    {
        /// <summary>A float64 tensor over a copy of <paramref name="values"/> with the given shape.</summary>
        public static Tensor Constant(double[] values, params long[] shape) =>
            torch.tensor(values, shape, ScalarType.Float64);

        /// <summary>A float64 leaf tensor that collects gradients.</summary>
        public static Tensor Parameter(double[] values, params long[] shape) =>
            torch.tensor(values, shape, ScalarType.Float64, requires_grad: true);

        /// <summary>Zeroes the gradients a previous backward pass accumulated in the leaves.</summary>
        public static void ZeroGradients(params Tensor[] leaves)
        {
            foreach (Tensor leaf in leaves)
            {
                using Tensor? gradient = leaf.grad;
                gradient?.zero_();
            }
        }

        /// <summary>Copies the leaves' gradients, in order, into one flat span.</summary>
        public static void CopyGradients(Span<double> destination, params Tensor[] leaves)
        {
            int offset = 0;
            foreach (Tensor leaf in leaves)
            {
                int count = checked((int)leaf.numel());
                using Tensor? gradient = leaf.grad;
                if (gradient is null)
                {
                    destination.Slice(offset, count).Clear();
                }
                else
                {
                    gradient.data<double>().ToArray().CopyTo(destination.Slice(offset, count));
                }

                offset += count;
            }
        }
    }
}
