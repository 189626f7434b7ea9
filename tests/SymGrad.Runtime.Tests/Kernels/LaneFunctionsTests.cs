using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// The exp and log generated lanes call (<c>Lanes.Exp</c>, <c>Lanes.Log</c>): the inlined lane functions where the
    /// machine has them, each lane within the documented units in the last place of <c>Math</c>'s value (the
    /// <c>double</c> exp and log one unit with AVX-512 or AVX2, two without them, where the exp is <c>Vector512</c>'s), and IEEE's answers at the edges.
    /// </summary>
    public class LaneFunctionsTests
    {
        // The double exp and log: one unit with AVX-512 or AVX2 and FMA (the lane functions), two without (Vector512's exp).
        private static readonly int DoubleUnits = Avx512F.IsSupported || (Avx2.IsSupported && Fma.IsSupported) ? 1 : 2;

        [Fact]
        public void TheEdgesGiveZeroInfinityAndNaN()
        {
            Vector512<double> exp = Lanes.Exp(Vector512.Create(-800.0, 800.0, double.NaN, double.NegativeInfinity, double.PositiveInfinity, 0.0, -745.5, 709.0));
            Assert.Equal(0.0, exp.GetElement(0));
            Assert.Equal(double.PositiveInfinity, exp.GetElement(1));
            Assert.True(double.IsNaN(exp.GetElement(2)));
            Assert.Equal(0.0, exp.GetElement(3));
            Assert.Equal(double.PositiveInfinity, exp.GetElement(4));
            Assert.Equal(1.0, exp.GetElement(5));
            Assert.Equal(0.0, exp.GetElement(6));
            Assert.True(Units(Math.Exp(709.0), exp.GetElement(7)) <= DoubleUnits);

            Vector512<float> single = Lanes.Exp(Vector512.Create(-120f, 120f, float.NaN, 0f, -104f, 88f, 1f, -1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f));
            Assert.Equal(0f, single.GetElement(0));
            Assert.Equal(float.PositiveInfinity, single.GetElement(1));
            Assert.True(float.IsNaN(single.GetElement(2)));
            Assert.Equal(1f, single.GetElement(3));
            Assert.Equal(0f, single.GetElement(4));
            Assert.True(Units((float)Math.Exp(88.0), single.GetElement(5)) <= 2);

            Vector512<float> log = Lanes.Log(Vector512.Create(0f, -1f, float.NaN, float.PositiveInfinity, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f));
            Assert.Equal(float.NegativeInfinity, log.GetElement(0));
            Assert.True(float.IsNaN(log.GetElement(1)));
            Assert.True(float.IsNaN(log.GetElement(2)));
            Assert.Equal(float.PositiveInfinity, log.GetElement(3));
            Assert.Equal(0f, log.GetElement(4));
        }
        [Fact]
        public void TheDoubleExpAndLogAreTheLaneFunctionsWithinTheirUnits()
        {
            var random = new Random(41);
            for (int i = 0; i < 4000; i++)
            {
                var x = Vector512.Create(Enumerable(random, 8, () => (random.NextDouble() * 1400.0) - 700.0));
                Vector512<double> exp = Lanes.Exp(x);
                Assert.Equal(LaneExp.Exp(x), exp);
                var positive = Vector512.Abs(x) + Vector512.Create(1e-300);
                Vector512<double> log = Lanes.Log(positive);
                Assert.Equal(LaneLog.Log(positive), log);
                for (int l = 0; l < 8; l++)
                {
                    Assert.True(Units(Math.Exp(x.GetElement(l)), exp.GetElement(l)) <= DoubleUnits, $"exp {x.GetElement(l):R}");
                    Assert.True(Units(Math.Log(positive.GetElement(l)), log.GetElement(l)) <= DoubleUnits, $"log {positive.GetElement(l):R}");
                }
            }
        }

        [Fact]
        public void TheFloatExpAndLogAreTheLaneFunctionsWithinTheirUnits()
        {
            var random = new Random(43);
            for (int i = 0; i < 4000; i++)
            {
                var x = Vector512.Create(Enumerable(random, 16, () => (float)((random.NextDouble() * 180.0) - 90.0)));
                Vector512<float> exp = Lanes.Exp(x);
                Assert.Equal(LaneExp.Exp(x), exp);
                var positive = Vector512.Abs(x) + Vector512.Create(1e-30f);
                Vector512<float> log = Lanes.Log(positive);
                Assert.Equal(LaneLog.Log(positive), log);
                for (int l = 0; l < 16; l++)
                {
                    Assert.True(Units((float)Math.Exp(x.GetElement(l)), exp.GetElement(l)) <= 2, $"exp {x.GetElement(l):R}");
                    Assert.True(Units((float)Math.Log(positive.GetElement(l)), log.GetElement(l)) <= 2, $"log {positive.GetElement(l):R}");
                }
            }
        }

        private static T[] Enumerable<T>(Random random, int count, Func<T> next)
        {
            var values = new T[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = next();
            }

            return values;
        }

        private static long Units(double expected, double actual) =>
            double.IsInfinity(expected) && expected == actual ? 0 : Math.Abs(BitConverter.DoubleToInt64Bits(actual) - BitConverter.DoubleToInt64Bits(expected));

        private static long Units(float expected, float actual) =>
            float.IsInfinity(expected) && expected == actual ? 0 : Math.Abs(BitConverter.SingleToInt32Bits(actual) - BitConverter.SingleToInt32Bits(expected));
    }
}
