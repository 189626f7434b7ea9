namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>IEEE 754 double bit patterns for building and taking apart powers of two in vector lanes.</summary>
    internal static class PowerOfTwoBits
    {
        public const int MantissaBits = 52;

        public const long Bias = 1023;

        /// <summary>1.5 * 2^52: adding it to |x| &lt; 2^51 rounds x to an integer held in the low mantissa bits.</summary>
        public const double Shifter = 6755399441055744.0;

        /// <summary>The bits of <see cref="Shifter"/>: (Shifter + k) bits - ShifterBits = k.</summary>
        public const long ShifterBits = 0x4338000000000000;

        public const ulong MantissaMask = 0x000FFFFFFFFFFFFF;

        /// <summary>The bits of 1.0.</summary>
        public const ulong OneBits = 0x3FF0000000000000;

        /// <summary>The bits of 2^52: OR-ing an integer below 2^52 into them gives 2^52 + that integer.</summary>
        public const ulong TwoToThe52Bits = 0x4330000000000000;

        /// <summary>2^52 + 1023: subtracted from (2^52 + biased exponent) leaves the unbiased exponent.</summary>
        public const double TwoToThe52PlusBias = 4503599627370496.0 + 1023.0;
    }
}
