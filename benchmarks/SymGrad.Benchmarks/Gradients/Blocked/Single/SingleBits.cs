namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>IEEE 754 binary32 bit patterns for building and taking apart powers of two in vector lanes.</summary>
    internal static class SingleBits
    {
        public const int MantissaBits = 23;

        public const int Bias = 127;

        /// <summary>1.5 * 2^23: adding it to |x| &lt; 2^22 rounds x to an integer held in the low mantissa bits.</summary>
        public const float Shifter = 12582912.0f;

        public const int MantissaMask = 0x007FFFFF;

        /// <summary>The bits of 1.0f.</summary>
        public const int OneBits = 0x3F800000;

        /// <summary>The bits of 2^23: OR-ing an integer below 2^23 into them gives 2^23 + that integer.</summary>
        public const int TwoToThe23Bits = 0x4B000000;

        /// <summary>2^23 + 127: subtracted from (2^23 + biased exponent) leaves the unbiased exponent.</summary>
        public const float TwoToThe23PlusBias = 8388608.0f + 127.0f;
    }
}
