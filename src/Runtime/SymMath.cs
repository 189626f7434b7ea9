using System;

namespace SymGrad
{
    /// <summary>
    /// Numerically stable functions whose derivative rules the SymGrad generator knows.
    /// Conventions at non-differentiable points are documented in docs/supported-csharp.md.
    /// </summary>
    public static class SymMath
    {
        /// <summary>The logistic function 1 / (1 + e^-x), without overflow for large |x|.</summary>
        public static double Sigmoid(double x)
        {
            if (x >= 0)
            {
                return 1.0 / (1.0 + Math.Exp(-x));
            }

            double e = Math.Exp(x);
            return e / (1.0 + e);
        }

        /// <summary>log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) so it never overflows.</summary>
        public static double Softplus(double x) => Math.Max(x, 0.0) + Log1P(Math.Exp(-Math.Abs(x)));

        /// <summary>max(x, 0). Its derivative at 0 is taken to be 0.</summary>
        public static double Relu(double x) => x > 0.0 ? x : 0.0;

        /// <summary>log(1 + x), accurate for tiny x.</summary>
        internal static double Log1P(double x)
        {
            double u = 1.0 + x;
            if (u == 1.0)
            {
                return x;
            }

            return Math.Log(u) * x / (u - 1.0);
        }
    }
}
