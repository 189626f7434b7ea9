using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>Seeded lanes and bitwise comparisons for the row lanes' kernel tests.</summary>
    internal static class LaneVectors
    {
        /// <summary><paramref name="count"/> vectors of eight values in [-2, 2).</summary>
        public static Vector512<double>[] Rows(int count, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => Vector512.Create(Enumerable.Range(0, Lanes.Count).Select(_ => (random.NextDouble() * 4) - 2).ToArray())).ToArray();
        }

        /// <summary><paramref name="count"/> vectors of sixteen values in [-2, 2).</summary>
        public static Vector512<float>[] SingleRows(int count, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => Vector512.Create(Enumerable.Range(0, Lanes.SingleCount).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray())).ToArray();
        }

        /// <summary><paramref name="count"/> values in [-2, 2).</summary>
        public static double[] Values(int count, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
        }

        /// <summary>A <c>float</c> vector's lanes' bits, comparable as text.</summary>
        public static string Bits(Vector512<float> v) => string.Join(",", Enumerable.Range(0, Lanes.SingleCount).Select(l => BitConverter.SingleToInt32Bits(v.GetElement(l))));

        public static void AssertSameBits(Vector512<double>[] expected, Vector512<double>[] actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int e = 0; e < expected.Length; e++)
            {
                for (int l = 0; l < Lanes.Count; l++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected[e].GetElement(l)), BitConverter.DoubleToInt64Bits(actual[e].GetElement(l)));
                }
            }
        }
    }
}
