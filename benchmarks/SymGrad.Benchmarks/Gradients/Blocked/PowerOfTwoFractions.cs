using System.Numerics;

namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>2^(j/16) for j = 0..15, correctly rounded: the table of <see cref="VectorExp"/>'s range reduction.</summary>
    internal static class PowerOfTwoFractions
    {
        public const int Count = 16;

        /// <summary>The 16 entries (two 8-lane vectors, or four 4-lane ones).</summary>
        public static readonly double[] Table = Build();

        /// <summary>
        /// Each entry from integers: N = floor(2^(60 + j/16)) is the largest N with N^16 &lt;= 2^(960 + j), found by
        /// bisection; N has 61 bits, so rounding it to 53 rounds 2^(j/16) correctly (it is irrational for j &gt; 0, so
        /// never a tie, and the truncated bits cannot move a rounding boundary).
        /// </summary>
        private static double[] Build()
        {
            double[] table = new double[Count];
            for (int j = 0; j < Count; j++)
            {
                BigInteger target = BigInteger.One << (960 + j);
                BigInteger low = BigInteger.One << 60;
                BigInteger high = BigInteger.One << 61;
                while (high - low > 1)
                {
                    BigInteger middle = (low + high) >> 1;
                    if (BigInteger.Pow(middle, Count) <= target)
                    {
                        low = middle;
                    }
                    else
                    {
                        high = middle;
                    }
                }

                // Round the 61-bit N to 53 bits by hand (to nearest; the 8 dropped bits are never exactly a half for j > 0).
                BigInteger mantissa = low >> 8;
                if (((low >> 7) & 1) == 1)
                {
                    mantissa += 1;
                }

                table[j] = (double)mantissa * 2.220446049250313e-16; // 2^-52
            }

            return table;
        }
    }
}
