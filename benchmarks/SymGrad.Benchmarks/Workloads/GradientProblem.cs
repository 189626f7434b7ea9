using System;

namespace SymGrad.Benchmarks.Workloads
{
    /// <summary>
    /// One workload instance: its synthetic data and parameters, and every peer that computes the loss
    /// and its gradient. The hand-written peers and finite differences write into one gradient buffer
    /// (<see cref="CopyGradient"/>); the TorchSharp peers leave theirs in the parameter tensors
    /// (<see cref="CopyTorchGradient"/>). Each peer returns the loss.
    /// </summary>
    public abstract class GradientProblem : IDisposable
    {
        /// <summary>The number of differentiated parameters (the gradient's length).</summary>
        public abstract int ParameterCount { get; }

        /// <summary>The model as plain C# (no gradient).</summary>
        public abstract double Primal();

        /// <summary>The hand-written fused gradient in plain loops.</summary>
        /// <summary>The gradient SymGrad generated from the model's [Differentiable] Loss.</summary>
        public abstract double Generated();

        public abstract double HandLoops();

        /// <summary>The hand-written gradient vectorised with System.Numerics.Tensors.TensorPrimitives.</summary>
        public abstract double HandSimd();

        /// <summary>Central finite differences over every parameter (2 primal calls each).</summary>
        public abstract double FiniteDifferences();

        /// <summary>TorchSharp autograd on scalar tensors, one tape node per operation of the loops.</summary>
        public abstract double TorchLiteral();

        /// <summary>TorchSharp autograd on whole tensors, as a PyTorch user would write the model.</summary>
        public abstract double TorchIdiomatic();

        /// <summary>Copies the gradient last written by a hand-written peer or finite differences.</summary>
        public abstract void CopyGradient(Span<double> destination);

        /// <summary>
        /// Sets every entry of the gradient buffer <see cref="CopyGradient"/> reads: the check fills it with NaN before
        /// a peer runs, so an entry the peer leaves unwritten fails.
        /// </summary>
        public void FillGradient(double value)
        {
            foreach (double[] part in GradientParts)
            {
                Array.Fill(part, value);
            }
        }

        /// <summary>Copies the gradient that the last TorchSharp peer left in the parameter tensors.</summary>
        public abstract void CopyTorchGradient(Span<double> destination);

        /// <summary>The parameter-shaped arrays the hand-written peers write the gradient into, in parameter order.</summary>
        protected abstract double[][] GradientParts { get; }

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected abstract void Dispose(bool disposing);
    }
}
