using System;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// The inlined lane logs behind the vector softplus and generated lanes' logs: the <c>float</c> one within two units
    /// in the last place of the correctly rounded value, the <c>double</c> one within one unit of <c>Math.Log</c>, from
    /// the smallest subnormal to the largest finite value (with AVX-512, or AVX2 and FMA; without them, each is <c>Vector512.Log</c>, within
    /// two), and IEEE's answers at the edges.
    /// </summary>
    public class LaneLogTests
    {
        private static readonly long DoubleUnits = System.Runtime.Intrinsics.X86.Avx512F.IsSupported || (System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported) ? 1 : 2;

        [Fact]
        public void TheDoubleLogIsWithinOneUnitOfMathLogAcrossTheRange()
        {
            var random = new Random(31);
            var values = new double[80_000];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (i % 5) switch
                {
                    0 => Math.Exp((random.NextDouble() * 1450.0) - 744.0),                // subnormal to 1e306
                    1 => 0.5 + random.NextDouble(),                                        // near 1, where log is near 0
                    2 => 1.0 + ((random.NextDouble() - 0.5) * 1e-12),                     // very near 1
                    3 => 1.4142135623730951 * (1.0 + ((random.NextDouble() - 0.5) * 1e-9)), // where the mantissa is halved
                    _ => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x7FF0000000000000)), // any positive finite double's bits
                };
            }

            for (int i = 0; i < values.Length; i += 8)
            {
                Vector512<double> lanes = LaneLog.Log(Vector512.Create(values.AsSpan(i, 8)));
                for (int l = 0; l < 8; l++)
                {
                    double expected = Math.Log(values[i + l]);
                    double actual = lanes.GetElement(l);
                    long units = Math.Abs(BitConverter.DoubleToInt64Bits(actual) - BitConverter.DoubleToInt64Bits(expected));
                    Assert.True(units <= DoubleUnits, $"log {values[i + l]:R}: {actual:R} against {expected:R} ({units} units)");
                }
            }
        }

        [Fact]
        public void TheDoubleLogGivesIeeesAnswersAtTheEdges()
        {
            Vector512<double> edges = LaneLog.Log(Vector512.Create(0.0, -0.0, -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0, -double.Epsilon));
            Assert.Equal(double.NegativeInfinity, edges[0]);
            Assert.Equal(double.NegativeInfinity, edges[1]);
            Assert.True(double.IsNaN(edges[2]));
            Assert.True(double.IsNaN(edges[3]));
            Assert.Equal(double.PositiveInfinity, edges[4]);
            Assert.True(double.IsNaN(edges[5]));
            Assert.Equal(0.0, edges[6]);
            Assert.True(double.IsNaN(edges[7]));

            double[] arguments = { double.Epsilon, double.MaxValue, 2.0, 0.5, Math.E, 1.4142135623730951, 0.7071067811865476, 1e-310 };
            Vector512<double> values = LaneLog.Log(Vector512.Create(arguments));
            for (int l = 0; l < 8; l++)
            {
                double expected = Math.Log(arguments[l]);
                Assert.True(Math.Abs(BitConverter.DoubleToInt64Bits(values[l]) - BitConverter.DoubleToInt64Bits(expected)) <= DoubleUnits, $"log {arguments[l]:R}: {values[l]:R} against {expected:R}");
            }
        }

        [Fact]
        public void IsWithinTwoUnitsOfTheCorrectlyRoundedValueAcrossTheRange()
        {
            var random = new Random(29);
            var values = new float[64_000];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (i % 4) switch
                {
                    0 => (float)Math.Exp((random.NextDouble() * 190.0) - 103.0),  // subnormal to 1e38
                    1 => (float)(0.5 + random.NextDouble()),                       // near 1, where log is near 0
                    2 => (float)(1.0 + ((random.NextDouble() - 0.5) * 1e-5)),       // very near 1
                    _ => BitConverter.Int32BitsToSingle(random.Next(1, 0x7F800000)),  // any positive finite float's bits
                };
            }

            for (int i = 0; i < values.Length; i += 16)
            {
                Vector512<float> lanes = LaneLog.Log(Vector512.Create(values.AsSpan(i, 16)));
                for (int l = 0; l < 16; l++)
                {
                    float expected = (float)Math.Log(values[i + l]);
                    float actual = lanes.GetElement(l);
                    int units = Math.Abs(BitConverter.SingleToInt32Bits(actual) - BitConverter.SingleToInt32Bits(expected));
                    Assert.True(units <= 2, $"log {values[i + l]:R}: {actual:R} against {expected:R} ({units} units)");
                }
            }
        }

        [Fact]
        public void GivesIeeesAnswersAtTheEdges()
        {
            Vector512<float> edges = LaneLog.Log(Vector512.Create(
                0.0f, -0.0f, -1.0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1.0f, float.Epsilon,
                float.MaxValue, 2.0f, 0.5f, MathF.E, 1.4142135f, 0.70710677f, 1e-40f, 3.0f));
            Assert.Equal(float.NegativeInfinity, edges[0]);
            Assert.Equal(float.NegativeInfinity, edges[1]);
            Assert.True(float.IsNaN(edges[2]));
            Assert.True(float.IsNaN(edges[3]));
            Assert.Equal(float.PositiveInfinity, edges[4]);
            Assert.True(float.IsNaN(edges[5]));
            Assert.Equal(0.0f, edges[6]);
            for (int l = 7; l < 16; l++)
            {
                float x = new[] { float.Epsilon, float.MaxValue, 2.0f, 0.5f, MathF.E, 1.4142135f, 0.70710677f, 1e-40f, 3.0f }[l - 7];
                float expected = (float)Math.Log(x);
                Assert.True(Math.Abs(BitConverter.SingleToInt32Bits(edges[l]) - BitConverter.SingleToInt32Bits(expected)) <= 2, $"log {x:R}: {edges[l]:R} against {expected:R}");
            }
        }
    }
}
