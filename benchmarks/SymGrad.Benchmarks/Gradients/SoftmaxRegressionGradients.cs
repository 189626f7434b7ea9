using System;
using System.Numerics.Tensors;

namespace SymGrad.Benchmarks.Gradients
{
    /// <summary>
    /// Hand-written gradients of <see cref="Models.SoftmaxRegression.Loss"/>. Per row, with p = softmax(z)
    /// and S = sum_c y_c: dL/dz_c = (p_c S - y_c) / m, dL/dW_c = dL/dz_c x, dL/db_c = dL/dz_c.
    /// </summary>
    public static class SoftmaxRegressionGradients
    {
        private const int StackLimit = 256;

        /// <summary>One fused pass over the rows in plain loops.</summary>
        public static double Loops(double[] w, double[] b, double[] x, double[] y, int m, int n, int k, double[] dw, double[] db)
        {
            Array.Clear(dw, 0, k * n);
            Array.Clear(db, 0, k);
            Span<double> z = k <= StackLimit ? stackalloc double[k] : new double[k];
            Span<double> logitGradient = k <= StackLimit ? stackalloc double[k] : new double[k];
            double total = 0.0;
            for (int i = 0; i < m; i++)
            {
                int row = i * n;
                for (int c = 0; c < k; c++)
                {
                    double s = b[c];
                    int weights = c * n;
                    for (int j = 0; j < n; j++)
                    {
                        s += w[weights + j] * x[row + j];
                    }

                    z[c] = s;
                }

                total += SoftmaxCrossEntropy.Loops(z, y.AsSpan(i * k, k), logitGradient);

                for (int c = 0; c < k; c++)
                {
                    double dz = logitGradient[c];
                    db[c] += dz;
                    int weights = c * n;
                    for (int j = 0; j < n; j++)
                    {
                        dw[weights + j] += dz * x[row + j];
                    }
                }
            }

            Scale(dw, k * n, 1.0 / m);
            Scale(db, k, 1.0 / m);
            return total / m;
        }

        /// <summary>The same pass with vectorised dot products, exp and axpy (TensorPrimitives).</summary>
        public static double Simd(double[] w, double[] b, double[] x, double[] y, int m, int n, int k, double[] dw, double[] db)
        {
            Span<double> weightGradient = dw.AsSpan(0, k * n);
            Span<double> biasGradient = db.AsSpan(0, k);
            weightGradient.Clear();
            biasGradient.Clear();
            Span<double> z = k <= StackLimit ? stackalloc double[k] : new double[k];
            Span<double> p = k <= StackLimit ? stackalloc double[k] : new double[k];
            double total = 0.0;
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<double> row = x.AsSpan(i * n, n);
                ReadOnlySpan<double> target = y.AsSpan(i * k, k);
                for (int c = 0; c < k; c++)
                {
                    z[c] = b[c] + TensorPrimitives.Dot(w.AsSpan(c * n, n), row);
                }

                double max = TensorPrimitives.Max(z);
                TensorPrimitives.Subtract(z, max, p);
                TensorPrimitives.Exp(p, p);
                double sumExp = TensorPrimitives.Sum(p);
                double lse = max + Math.Log(sumExp);
                double targetSum = TensorPrimitives.Sum(target);
                total += targetSum * lse - TensorPrimitives.Dot(target, z);

                // dz = p * (S / sumExp) - y, then the rank-one update of dW.
                TensorPrimitives.Multiply(p, targetSum / sumExp, p);
                TensorPrimitives.Subtract(p, target, p);
                TensorPrimitives.Add(biasGradient, p, biasGradient);
                for (int c = 0; c < k; c++)
                {
                    Span<double> weightRow = weightGradient.Slice(c * n, n);
                    TensorPrimitives.MultiplyAdd(row, p[c], weightRow, weightRow);
                }
            }

            TensorPrimitives.Multiply(weightGradient, 1.0 / m, weightGradient);
            TensorPrimitives.Multiply(biasGradient, 1.0 / m, biasGradient);
            return total / m;
        }

        private static void Scale(double[] values, int count, double factor)
        {
            for (int i = 0; i < count; i++)
            {
                values[i] *= factor;
            }
        }
    }
}
