using System;
using System.Globalization;

namespace SymGrad.Solvers
{
    /// <summary>The few dense vector operations the solvers need, without a linear-algebra dependency.</summary>
    internal static class VectorOps
    {
        public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        {
            double sum = 0.0;
            for (int i = 0; i < a.Length; i++)
            {
                sum += a[i] * b[i];
            }

            return sum;
        }

        /// <summary>The Euclidean norm, scaled so that entries near 1e200 do not overflow the sum of squares.</summary>
        public static double Norm(ReadOnlySpan<double> a)
        {
            double scale = 0.0;
            for (int i = 0; i < a.Length; i++)
            {
                scale = Math.Max(scale, Math.Abs(a[i]));
            }

            if (scale == 0.0 || !double.IsFinite(scale))
            {
                return scale;
            }

            double sum = 0.0;
            for (int i = 0; i < a.Length; i++)
            {
                double v = a[i] / scale;
                sum += v * v;
            }

            return scale * Math.Sqrt(sum);
        }

        public static int FirstNonFinite(ReadOnlySpan<double> values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>result = x + alpha * p.</summary>
        public static void AddScaled(ReadOnlySpan<double> x, double alpha, ReadOnlySpan<double> p, Span<double> result)
        {
            for (int i = 0; i < x.Length; i++)
            {
                result[i] = x[i] + alpha * p[i];
            }
        }

        public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
    }
}
