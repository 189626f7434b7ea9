using System;
using System.Numerics.Tensors;

namespace SymGrad.Benchmarks.Gradients
{
    /// <summary>
    /// Hand-written gradients of <see cref="Models.TwoLayerClassifier.Loss"/>. Per row: dL/dz = (softmax(z) S - y) / m
    /// (S = sum_c y_c), dW2 += dz a^T, da = W2^T dz, ds = da a (1 - a), dW1 += ds x^T; biases take dz and ds.
    /// </summary>
    public static class TwoLayerClassifierGradients
    {
        private const int StackLimit = 256;

        /// <summary>One fused forward and backward pass per row, in plain loops.</summary>
        public static double Loops(
            double[] w1, double[] b1, double[] w2, double[] b2, double[] x, double[] y, int m, int n, int h, int k,
            double[] dw1, double[] db1, double[] dw2, double[] db2)
        {
            Array.Clear(dw1, 0, h * n);
            Array.Clear(db1, 0, h);
            Array.Clear(dw2, 0, k * h);
            Array.Clear(db2, 0, k);
            Span<double> a = h <= StackLimit ? stackalloc double[h] : new double[h];
            Span<double> da = h <= StackLimit ? stackalloc double[h] : new double[h];
            Span<double> z = k <= StackLimit ? stackalloc double[k] : new double[k];
            Span<double> logitGradient = k <= StackLimit ? stackalloc double[k] : new double[k];
            double total = 0.0;
            for (int i = 0; i < m; i++)
            {
                int row = i * n;
                for (int j = 0; j < h; j++)
                {
                    double s = b1[j];
                    for (int t = 0; t < n; t++)
                    {
                        s += w1[j * n + t] * x[row + t];
                    }

                    a[j] = SymMath.Sigmoid(s);
                }

                for (int c = 0; c < k; c++)
                {
                    double s = b2[c];
                    for (int j = 0; j < h; j++)
                    {
                        s += w2[c * h + j] * a[j];
                    }

                    z[c] = s;
                }

                total += SoftmaxCrossEntropy.Loops(z, y.AsSpan(i * k, k), logitGradient);

                da.Clear();
                for (int c = 0; c < k; c++)
                {
                    double dz = logitGradient[c];
                    db2[c] += dz;
                    for (int j = 0; j < h; j++)
                    {
                        dw2[c * h + j] += dz * a[j];
                        da[j] += dz * w2[c * h + j];
                    }
                }

                for (int j = 0; j < h; j++)
                {
                    double ds = da[j] * a[j] * (1.0 - a[j]);
                    db1[j] += ds;
                    for (int t = 0; t < n; t++)
                    {
                        dw1[j * n + t] += ds * x[row + t];
                    }
                }
            }

            double scale = 1.0 / m;
            ScaleAll(scale, dw1, h * n, db1, h, dw2, k * h, db2, k);
            return total / m;
        }

        /// <summary>The same pass with vectorised dot products, sigmoid, exp and axpy (TensorPrimitives).</summary>
        public static double Simd(
            double[] w1, double[] b1, double[] w2, double[] b2, double[] x, double[] y, int m, int n, int h, int k,
            double[] dw1, double[] db1, double[] dw2, double[] db2)
        {
            Span<double> gw1 = dw1.AsSpan(0, h * n);
            Span<double> gb1 = db1.AsSpan(0, h);
            Span<double> gw2 = dw2.AsSpan(0, k * h);
            Span<double> gb2 = db2.AsSpan(0, k);
            gw1.Clear();
            gb1.Clear();
            gw2.Clear();
            gb2.Clear();
            Span<double> a = h <= StackLimit ? stackalloc double[h] : new double[h];
            Span<double> da = h <= StackLimit ? stackalloc double[h] : new double[h];
            Span<double> z = k <= StackLimit ? stackalloc double[k] : new double[k];
            Span<double> p = k <= StackLimit ? stackalloc double[k] : new double[k];
            double total = 0.0;
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<double> row = x.AsSpan(i * n, n);
                ReadOnlySpan<double> target = y.AsSpan(i * k, k);
                for (int j = 0; j < h; j++)
                {
                    a[j] = b1[j] + TensorPrimitives.Dot(w1.AsSpan(j * n, n), row);
                }

                TensorPrimitives.Sigmoid(a, a);
                for (int c = 0; c < k; c++)
                {
                    z[c] = b2[c] + TensorPrimitives.Dot(w2.AsSpan(c * h, h), a);
                }

                double max = TensorPrimitives.Max(z);
                TensorPrimitives.Subtract(z, max, p);
                TensorPrimitives.Exp(p, p);
                double sumExp = TensorPrimitives.Sum(p);
                double lse = max + Math.Log(sumExp);
                double targetSum = TensorPrimitives.Sum(target);
                total += targetSum * lse - TensorPrimitives.Dot(target, z);

                TensorPrimitives.Multiply(p, targetSum / sumExp, p);
                TensorPrimitives.Subtract(p, target, p);
                TensorPrimitives.Add(gb2, p, gb2);
                da.Clear();
                for (int c = 0; c < k; c++)
                {
                    Span<double> gradientRow = gw2.Slice(c * h, h);
                    TensorPrimitives.MultiplyAdd(a, p[c], gradientRow, gradientRow);
                    TensorPrimitives.MultiplyAdd(w2.AsSpan(c * h, h), p[c], da, da);
                }

                // ds = da * a * (1 - a), then the rank-one update of dW1.
                TensorPrimitives.Multiply(da, a, da);
                TensorPrimitives.Subtract(1.0, a, a);
                TensorPrimitives.Multiply(da, a, da);
                TensorPrimitives.Add(gb1, da, gb1);
                for (int j = 0; j < h; j++)
                {
                    Span<double> gradientRow = gw1.Slice(j * n, n);
                    TensorPrimitives.MultiplyAdd(row, da[j], gradientRow, gradientRow);
                }
            }

            double scale = 1.0 / m;
            TensorPrimitives.Multiply(gw1, scale, gw1);
            TensorPrimitives.Multiply(gb1, scale, gb1);
            TensorPrimitives.Multiply(gw2, scale, gw2);
            TensorPrimitives.Multiply(gb2, scale, gb2);
            return total / m;
        }

        private static void ScaleAll(double scale, double[] dw1, int nw1, double[] db1, int nb1, double[] dw2, int nw2, double[] db2, int nb2)
        {
            Scale(dw1, nw1, scale);
            Scale(db1, nb1, scale);
            Scale(dw2, nw2, scale);
            Scale(db2, nb2, scale);
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
