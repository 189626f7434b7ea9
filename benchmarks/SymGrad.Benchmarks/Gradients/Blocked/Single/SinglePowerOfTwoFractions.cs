using System;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>2^(j/16) for j = 0..15 in float, correctly rounded: the table of <see cref="SingleVectorExp"/>'s range reduction.</summary>
    internal static class SinglePowerOfTwoFractions
    {
        public const int Count = 16;

        /// <summary>The 16 entries (one 16-lane vector, or two 8-lane ones).</summary>
        public static readonly float[] Table = Build();

        /// <summary>
        /// The correctly rounded doubles of <see cref="PowerOfTwoFractions"/>, rounded to float. Rounding twice is
        /// still correct unless a double lies exactly halfway between two floats (its 29 dropped bits exactly 2^28):
        /// 2^(j/16) is irrational for j &gt; 0, and the build refuses such a tie rather than trust it.
        /// </summary>
        private static float[] Build()
        {
            const long droppedBits = (1L << 29) - 1;
            float[] table = new float[Count];
            for (int j = 0; j < Count; j++)
            {
                double value = PowerOfTwoFractions.Table[j];
                if ((BitConverter.DoubleToInt64Bits(value) & droppedBits) == 1L << 28)
                {
                    throw new InvalidOperationException($"2^({j}/16) rounds to a float tie; round it from the integers instead.");
                }

                table[j] = (float)value;
            }

            return table;
        }
    }
}
