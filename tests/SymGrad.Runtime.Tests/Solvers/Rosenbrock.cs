using System;

namespace SymGrad.Runtime.Tests.Solvers
{
    /// <summary>
    /// The extended Rosenbrock function Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)², minimum 0 at (1, ..., 1), with a hand-written
    /// gradient, tridiagonal Hessian and Hessian-vector product (checked against finite differences in <see cref="TestProblemDerivativeTests"/>).
    /// </summary>
    internal static class Rosenbrock
    {
        public static double Value(ReadOnlySpan<double> x)
        {
            double f = 0.0;
            for (int i = 0; i + 1 < x.Length; i++)
            {
                double a = x[i + 1] - x[i] * x[i];
                double b = 1.0 - x[i];
                f += 100.0 * a * a + b * b;
            }

            return f;
        }

        public static double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
        {
            for (int i = 0; i + 1 < x.Length; i++)
            {
                double a = x[i + 1] - x[i] * x[i];
                g[i] += -400.0 * x[i] * a - 2.0 * (1.0 - x[i]);
                g[i + 1] += 200.0 * a;
            }

            return Value(x);
        }

        public static double ValueGradientHessian(ReadOnlySpan<double> x, Span<double> g, Span<double> h)
        {
            int n = x.Length;
            for (int i = 0; i + 1 < n; i++)
            {
                h[i * n + i] += 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
                h[i * n + i + 1] += -400.0 * x[i];
                h[(i + 1) * n + i] += -400.0 * x[i];
                h[(i + 1) * n + i + 1] += 200.0;
            }

            return ValueAndGradient(x, g);
        }

        public static double HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv)
        {
            for (int i = 0; i + 1 < x.Length; i++)
            {
                hv[i] += (1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0) * v[i] - 400.0 * x[i] * v[i + 1];
                hv[i + 1] += -400.0 * x[i] * v[i] + 200.0 * v[i + 1];
            }

            return Value(x);
        }

        /// <summary>The classic start (-1.2, 1, -1.2, 1, ...).</summary>
        public static double[] Start(int n)
        {
            double[] x = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = i % 2 == 0 ? -1.2 : 1.0;
            }

            return x;
        }
    }
}
