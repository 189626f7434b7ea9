using System;

namespace SymGrad.Models.AdBench
{
    /// <summary>ADBench's correctness metric: rho(x, y) = |x - y| / max(1, |x| + |y|).</summary>
    public static class Rho
    {
        /// <summary>ADBench's threshold for a correct entry.</summary>
        public const double AdBenchTolerance = 1e-8;

        public static double Of(double x, double y) => Math.Abs(x - y) / Math.Max(1.0, Math.Abs(x) + Math.Abs(y));

        /// <summary>The largest rho over the entries (NaN, or infinity when the lengths differ).</summary>
        public static double Max(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        {
            if (x.Length != y.Length)
            {
                return double.PositiveInfinity;
            }

            double worst = 0.0;
            for (int i = 0; i < x.Length; i++)
            {
                double rho = Of(x[i], y[i]);
                if (double.IsNaN(rho))
                {
                    return double.NaN;
                }

                worst = Math.Max(worst, rho);
            }

            return worst;
        }
    }
}
