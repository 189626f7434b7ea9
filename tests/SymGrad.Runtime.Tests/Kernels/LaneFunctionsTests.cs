using System;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// The exp and log generated lanes call (<c>Lanes.Exp</c>, <c>Lanes.Log</c>): the inlined lane functions where the
    /// machine has them, each lane within the documented units in the last place of <c>Math</c>'s value.
    /// </summary>
    public class LaneFunctionsTests
    {
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
                for (int l = 0; l < 8; l++)
                {
                    Assert.True(Units(Math.Exp(x.GetElement(l)), exp.GetElement(l)) <= 1, $"exp {x.GetElement(l):R}");
                    Assert.True(Units(Math.Log(positive.GetElement(l)), log.GetElement(l)) <= 2, $"log {positive.GetElement(l):R}");
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
