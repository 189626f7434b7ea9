using System;
using System.Numerics.Tensors;

namespace SymGrad.Benchmarks.Gradients
{
    /// <summary>Hand-written gradients of <see cref="Models.ScalarChain.Loss"/>.</summary>
    public static class ScalarChainGradients
    {
        private const int StackLimit = 256;

        /// <summary>One fused loop: d/dx_i of log(1 + e^p) with p = x_i x_{i+1} is sigmoid(p) x_{i+1}.</summary>
        public static double Loops(double[] x, int n, double[] dx)
        {
            Array.Clear(dx, 0, n);
            double total = 0.0;
            for (int i = 0; i < n - 1; i++)
            {
                double e = Math.Exp(x[i] * x[i + 1]);
                double onePlus = 1.0 + e;
                total += Math.Log(onePlus);
                double s = e / onePlus;
                dx[i] += s * x[i + 1];
                dx[i + 1] += s * x[i];
            }

            return total;
        }

        /// <summary>The same with TensorPrimitives over the n - 1 products (vectorised exp, log, sigmoid).</summary>
        public static double Simd(double[] x, int n, double[] dx)
        {
            int pairs = n - 1;
            if (pairs <= 0)
            {
                Array.Clear(dx, 0, n);
                return 0.0;
            }

            Span<double> p = pairs <= StackLimit ? stackalloc double[pairs] : new double[pairs];
            Span<double> s = pairs <= StackLimit ? stackalloc double[pairs] : new double[pairs];
            ReadOnlySpan<double> left = x.AsSpan(0, pairs);
            ReadOnlySpan<double> right = x.AsSpan(1, pairs);

            TensorPrimitives.Multiply(left, right, p);
            TensorPrimitives.Sigmoid(p, s);
            TensorPrimitives.Exp(p, p);
            TensorPrimitives.Add(p, 1.0, p);
            TensorPrimitives.Log(p, p);
            double total = TensorPrimitives.Sum(p);

            dx[n - 1] = 0.0;
            TensorPrimitives.Multiply(s, right, dx.AsSpan(0, pairs));
            Span<double> shifted = dx.AsSpan(1, pairs);
            TensorPrimitives.MultiplyAdd(s, left, shifted, shifted);
            return total;
        }
    }
}
