using System;
using System.Numerics.Tensors;

namespace SymGrad.Benchmarks.Gradients
{
    /// <summary>
    /// Hand-written gradients of <see cref="Models.LogisticRegression.Loss"/>: dL/dz_i = (sigmoid(z_i) - y_i) / m,
    /// dL/dw = sum_i dL/dz_i x_i, dL/db = sum_i dL/dz_i. Both write into <c>dw</c> and return the loss.
    /// </summary>
    public static class LogisticRegressionGradients
    {
        /// <summary>One fused pass over the rows in plain loops.</summary>
        public static double Loops(double[] w, double b, double[] x, double[] y, int m, int n, double[] dw, out double db)
        {
            Array.Clear(dw, 0, n);
            double total = 0.0;
            double bias = 0.0;
            for (int i = 0; i < m; i++)
            {
                int row = i * n;
                double z = b;
                for (int j = 0; j < n; j++)
                {
                    z += w[j] * x[row + j];
                }

                total += SymMath.Softplus(z) - y[i] * z;
                double dz = SymMath.Sigmoid(z) - y[i];
                for (int j = 0; j < n; j++)
                {
                    dw[j] += dz * x[row + j];
                }

                bias += dz;
            }

            double scale = 1.0 / m;
            for (int j = 0; j < n; j++)
            {
                dw[j] *= scale;
            }

            db = bias * scale;
            return total / m;
        }

        /// <summary>The same pass with a vectorised dot product and axpy per row (TensorPrimitives).</summary>
        public static double Simd(double[] w, double b, double[] x, double[] y, int m, int n, double[] dw, out double db)
        {
            Span<double> gradient = dw.AsSpan(0, n);
            gradient.Clear();
            ReadOnlySpan<double> weights = w.AsSpan(0, n);
            double total = 0.0;
            double bias = 0.0;
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<double> row = x.AsSpan(i * n, n);
                double z = b + TensorPrimitives.Dot(weights, row);
                total += SymMath.Softplus(z) - y[i] * z;
                double dz = SymMath.Sigmoid(z) - y[i];
                TensorPrimitives.MultiplyAdd(row, dz, gradient, gradient);
                bias += dz;
            }

            double scale = 1.0 / m;
            TensorPrimitives.Multiply(gradient, scale, gradient);
            db = bias * scale;
            return total / m;
        }
    }
}
