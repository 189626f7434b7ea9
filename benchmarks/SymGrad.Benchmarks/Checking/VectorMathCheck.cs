using System;
using System.Runtime.Intrinsics;
using SymGrad.Benchmarks.Gradients.Blocked;
using SymGrad.Benchmarks.Gradients.RowLanes;

namespace SymGrad.Benchmarks.Checking
{
    /// <summary>
    /// The blocked kernels' vector exp, log and log1p against Math.Exp, Math.Log and a scalar log1p at 200,000 points
    /// each, at both lane widths, and the row-lanes softmax's exp of shifted logits on its range: the largest relative
    /// error must stay below <see cref="Tolerance"/>.
    /// </summary>
    public static class VectorMathCheck
    {
        /// <summary>About 4.5 ulp: the functions are within 1 to 2 ulp; the references are within 1.</summary>
        public const double Tolerance = 1e-15;

        private const int Points = 200_000;

        private const double SmallestNormal = 2.2250738585072014E-308;

        public static int Run(Action<string, string, double, double> report)
        {
            int failures = 0;
            Random random = new(20261129);
            double[] exp = Sweep(random, i => -745.0 + 1454.0 * random.NextDouble());
            double[] log = Sweep(random, i => Math.Exp(-700.0 + 1400.0 * random.NextDouble()));
            double[] log1p = Sweep(random, i => i % 2 == 0 ? random.NextDouble() : Math.Exp(-740.0 * random.NextDouble()));
            foreach (LaneWidth width in new[] { LaneWidth.Widest, LaneWidth.Vector256 })
            {
                failures += Check(report, width, LaneFunctions.Function.Exp, exp, Math.Exp);
                failures += Check(report, width, LaneFunctions.Function.Log, log, Math.Log);
                failures += Check(report, width, LaneFunctions.Function.Log1P, log1p, ScalarLog1P);
                failures += CheckSpecialValues(report, width);
            }

            failures += CheckShiftedLogitExp(report, Sweep(random, i => ShiftedLogitExp.Lowest * random.NextDouble()));
            return failures;
        }

        /// <summary>exp of NaN, the infinities and the ends of the range, and log1p of 0 and the smallest subnormal: exactly Math's.</summary>
        private static int CheckSpecialValues(Action<string, string, double, double> report, LaneWidth width)
        {
            double[] exp = { double.NaN, double.NegativeInfinity, double.PositiveInfinity, -746.0, -745.0, -708.5, 709.7, 710.0, 0.0, -0.0 };
            double[] log1p = { 0.0, double.Epsilon, 1e-300, 1.0, double.NaN };
            int mismatches = Mismatches(LaneFunctions.Function.Exp, exp, Math.Exp, width) + Mismatches(LaneFunctions.Function.Log1P, log1p, ScalarLog1P, width);
            report($"vector Exp, Log1P special values ({width})", "values unlike Math's", mismatches, 0);
            return mismatches == 0 ? 0 : 1;
        }

        private static int Mismatches(LaneFunctions.Function function, double[] input, Func<double, double> reference, LaneWidth width)
        {
            double[] result = new double[input.Length];
            LaneFunctions.Apply(function, input, result, width);
            int mismatches = 0;
            for (int i = 0; i < input.Length; i++)
            {
                double expected = reference(input[i]);
                bool same = double.IsNaN(expected) ? double.IsNaN(result[i]) : result[i] == expected || Math.Abs(result[i] - expected) <= 4e-16 * Math.Abs(expected);
                mismatches += same ? 0 : 1;
            }

            return mismatches;
        }

        private static double[] Sweep(Random random, Func<int, double> point)
        {
            double[] values = new double[Points];
            for (int i = 0; i < Points; i++)
            {
                values[i] = point(i);
            }

            return values;
        }

        private static int Check(Action<string, string, double, double> report, LaneWidth width, LaneFunctions.Function function, double[] input, Func<double, double> reference)
        {
            double[] result = new double[input.Length];
            LaneFunctions.Apply(function, input, result, width);
            double worst = 0.0;
            for (int i = 0; i < input.Length; i++)
            {
                // Relative error; for a subnormal or zero expected value, relative to the smallest normal number.
                double expected = reference(input[i]);
                worst = Math.Max(worst, Math.Abs(result[i] - expected) / Math.Max(Math.Abs(expected), SmallestNormal));
            }

            report($"vector {function} ({width})", "largest relative error", worst, Tolerance);
            return worst <= Tolerance ? 0 : 1;
        }

        /// <summary>
        /// The row-lanes softmax's exp of shifted logits (<see cref="ShiftedLogitExp"/>) against Math.Exp on its range
        /// [-705, 0]; and at its ends, NaN and below its range: 1 at 0, NaN for a NaN (one whose payload has bits where the exp
        /// builds its exponent), e^-705 at and below -705.
        /// </summary>
        private static int CheckShiftedLogitExp(Action<string, string, double, double> report, double[] input)
        {
            double worst = 0.0;
            for (int i = 0; i + 8 <= input.Length; i += 8)
            {
                LanePair result = ShiftedLogitExp.Exp(new LanePair(Vector256.Create(input, i), Vector256.Create(input, i + 4)));
                for (int lane = 0; lane < 8; lane++)
                {
                    double value = lane < 4 ? result.First[lane] : result.Second[lane - 4];
                    double expected = Math.Exp(input[i + lane]);
                    worst = Math.Max(worst, Math.Abs(value - expected) / expected);
                }
            }

            report("row-lanes shifted-logit Exp (Vector256 pairs)", "largest relative error", worst, Tolerance);
            double payloadNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF800000000FFF0UL));
            double[] ends = { 0.0, -0.0, payloadNaN, ShiftedLogitExp.Lowest, -706.0, -1e300, double.NegativeInfinity, -1e-300 };
            double[] expectedEnds = { 1.0, 1.0, double.NaN, Math.Exp(ShiftedLogitExp.Lowest), Math.Exp(ShiftedLogitExp.Lowest), Math.Exp(ShiftedLogitExp.Lowest), Math.Exp(ShiftedLogitExp.Lowest), 1.0 };
            LanePair endResult = ShiftedLogitExp.Exp(new LanePair(Vector256.Create(ends, 0), Vector256.Create(ends, 4)));
            int mismatches = 0;
            for (int lane = 0; lane < 8; lane++)
            {
                double value = lane < 4 ? endResult.First[lane] : endResult.Second[lane - 4];
                bool same = double.IsNaN(expectedEnds[lane]) ? double.IsNaN(value) : Math.Abs(value - expectedEnds[lane]) <= 4e-16 * expectedEnds[lane];
                mismatches += same ? 0 : 1;
            }

            report("row-lanes shifted-logit Exp special values", "values unlike the documented ones", mismatches, 0);
            return (worst <= Tolerance ? 0 : 1) + (mismatches == 0 ? 0 : 1);
        }

        /// <summary>log(1 + x) with the rounding of 1 + x undone (Goldberg's form, as SymMath's).</summary>
        private static double ScalarLog1P(double x)
        {
            double u = 1.0 + x;
            return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
        }
    }
}
