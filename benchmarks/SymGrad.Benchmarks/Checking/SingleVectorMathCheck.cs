using System;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Gradients.Blocked.Single;

namespace SymGrad.Benchmarks.Checking
{
    /// <summary>
    /// The float blocked kernels' vector exp, log and log1p against Math.Exp, Math.Log and a scalar log1p in double (so
    /// against the exact value to far below a float ulp) at 200,000 points each, at both lane widths: the largest error,
    /// in units in the last place of the float result, must stay below <see cref="Tolerance"/>.
    /// </summary>
    public static class SingleVectorMathCheck
    {
        /// <summary>The functions are within about 1.2 ulp of the exact value (a correctly rounded one is within 0.5).</summary>
        public const double Tolerance = 2.0;

        private const int Points = 200_000;

        public static int Run(Action<string, string, double, double> report)
        {
            int failures = 0;
            Random random = new(20261203);
            float[] exp = Sweep(i => (float)(-103.0 + 191.0 * random.NextDouble()));
            float[] log = Sweep(i => (float)Math.Exp(-87.0 + 175.0 * random.NextDouble()));
            float[] log1p = Sweep(i => i % 2 == 0 ? (float)random.NextDouble() : (float)Math.Exp(-100.0 * random.NextDouble()));
            foreach (LaneWidth width in new[] { LaneWidth.Widest, LaneWidth.Vector256 })
            {
                failures += Check(report, width, LaneFunctions.Function.Exp, exp, Math.Exp);
                failures += Check(report, width, LaneFunctions.Function.Log, log, Math.Log);
                failures += Check(report, width, LaneFunctions.Function.Log1P, log1p, ScalarLog1P);
                failures += CheckSpecialValues(report, width);
            }

            return failures;
        }

        /// <summary>exp of NaN, the infinities, zero and the ends of the range, and log1p of 0 and tiny values: exactly MathF's (or x).</summary>
        private static int CheckSpecialValues(Action<string, string, double, double> report, LaneWidth width)
        {
            float[] exp = { float.NaN, float.NegativeInfinity, float.PositiveInfinity, -104.0f, -87.4f, 88.7f, 88.8f, 89.0f, 0.0f, -0.0f };
            float[] log1p = { 0.0f, float.Epsilon, 1e-30f, 1e-8f, float.NaN };
            float[] expResult = new float[exp.Length];
            float[] log1pResult = new float[log1p.Length];
            SingleLaneFunctions.Apply(LaneFunctions.Function.Exp, exp, expResult, width);
            SingleLaneFunctions.Apply(LaneFunctions.Function.Log1P, log1p, log1pResult, width);
            int mismatches = 0;
            for (int i = 0; i < exp.Length; i++)
            {
                mismatches += Same(expResult[i], MathF.Exp(exp[i])) ? 0 : 1;
            }

            for (int i = 0; i < log1p.Length; i++)
            {
                mismatches += Same(log1pResult[i], log1p[i]) ? 0 : 1;
            }

            report($"float vector Exp, Log1P special values ({width})", "values unlike MathF's", mismatches, 0);
            return mismatches == 0 ? 0 : 1;
        }

        private static bool Same(float value, float expected) => float.IsNaN(expected) ? float.IsNaN(value) : value == expected;

        private static float[] Sweep(Func<int, float> point)
        {
            float[] values = new float[Points];
            for (int i = 0; i < Points; i++)
            {
                values[i] = point(i);
            }

            return values;
        }

        private static int Check(Action<string, string, double, double> report, LaneWidth width, LaneFunctions.Function function, float[] input, Func<double, double> reference)
        {
            float[] result = new float[input.Length];
            SingleLaneFunctions.Apply(function, input, result, width);
            double worst = 0.0;
            for (int i = 0; i < input.Length; i++)
            {
                double expected = reference(input[i]);
                worst = Math.Max(worst, Math.Abs(result[i] - expected) / Ulp(expected));
            }

            report($"float vector {function} ({width})", "largest error in ulps", worst, Tolerance);
            return worst <= Tolerance ? 0 : 1;
        }

        /// <summary>The float ulp at |value|: the gap to the next float up (the smallest subnormal below the normal range).</summary>
        private static double Ulp(double value)
        {
            float magnitude = (float)Math.Abs(value);
            return Math.Max(MathF.BitIncrement(magnitude) - magnitude, float.Epsilon);
        }

        /// <summary>log(1 + x) with the rounding of 1 + x undone (Goldberg's form, as SymMath's), in double.</summary>
        private static double ScalarLog1P(double x)
        {
            double u = 1.0 + x;
            return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
        }
    }
}
