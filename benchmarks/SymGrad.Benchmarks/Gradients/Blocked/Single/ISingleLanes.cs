namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// The float lane operations the float register-blocked kernels are written in, for one vector width: the float
    /// twin of <see cref="ILanes{TVec}"/>. The kernels are generic over a struct that implements this
    /// (<see cref="SingleLanes512"/>, <see cref="SingleLanes256"/>), so the JIT compiles one specialised copy per width
    /// with every call inlined.
    /// </summary>
    /// <typeparam name="TVec">The vector type, Vector512&lt;float&gt; or Vector256&lt;float&gt;.</typeparam>
    internal interface ISingleLanes<TVec>
        where TVec : struct
    {
        /// <summary>Floats per vector: 16 or 8, a divisor of <see cref="SingleTiling.Rows"/>.</summary>
        static abstract int Count { get; }

        static abstract TVec Zero { get; }

        static abstract TVec Create(float value);

        /// <summary>Count floats from <paramref name="source"/> + <paramref name="offset"/>; no bounds check.</summary>
        static abstract TVec Load(ref float source, nint offset);

        /// <summary>Count floats to <paramref name="destination"/> + <paramref name="offset"/>; no bounds check.</summary>
        static abstract void Store(TVec value, ref float destination, nint offset);

        static abstract TVec Add(TVec left, TVec right);

        static abstract TVec Subtract(TVec left, TVec right);

        static abstract TVec Multiply(TVec left, TVec right);

        static abstract TVec Divide(TVec left, TVec right);

        /// <summary>left * right + addend with one rounding (an FMA instruction).</summary>
        static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

        /// <summary>The larger lane, the x86 way (one instruction): <paramref name="right"/> where either is NaN.</summary>
        static abstract TVec Max(TVec left, TVec right);

        /// <summary>The smaller lane, the x86 way (one instruction): <paramref name="right"/> where either is NaN.</summary>
        static abstract TVec Min(TVec left, TVec right);

        static abstract TVec Abs(TVec value);

        /// <summary>Lanes where <paramref name="left"/> &gt;= <paramref name="right"/> (all bits set), else 0.</summary>
        static abstract TVec GreaterThanOrEqual(TVec left, TVec right);

        /// <summary><paramref name="ifSet"/> in the lanes where <paramref name="mask"/> is set, else <paramref name="ifClear"/>.</summary>
        static abstract TVec Select(TVec mask, TVec ifSet, TVec ifClear);

        /// <summary>The sum of the lanes, in a fixed order.</summary>
        static abstract float Sum(TVec value);

        /// <summary><paramref name="value"/> * 2^floor(<paramref name="exponent"/>) for an exponent in [-160, 160], overflowing to infinity and underflowing through subnormals to 0.</summary>
        static abstract TVec ScaleByPowerOfTwo(TVec value, TVec exponent);

        /// <summary>
        /// 2^(j/16) from <see cref="SinglePowerOfTwoFractions"/>, where j is the low 4 bits of each lane's bits: for a
        /// lane that holds <see cref="SingleBits.Shifter"/> + i (i integral), j = i mod 16.
        /// </summary>
        static abstract TVec PowerOfTwoFraction(TVec shifted);

        /// <summary>The unbiased binary exponent of a positive normal <paramref name="value"/>, as a float.</summary>
        static abstract TVec Exponent(TVec value);

        /// <summary>A positive normal <paramref name="value"/> divided by 2^Exponent: its significand in [1, 2).</summary>
        static abstract TVec Significand(TVec value);

        /// <summary>
        /// Transposes the Count by Count block at <paramref name="source"/> (rows <paramref name="sourceStride"/> apart)
        /// into <paramref name="destination"/> (rows <paramref name="destinationStride"/> apart), in registers.
        /// </summary>
        static abstract void Transpose(ref float source, nint sourceStride, ref float destination, nint destinationStride);

        /// <summary>
        /// The first step of a transpose-and-add reduction of Count vectors to one vector of their sums: within each
        /// 128-bit block [l0 l1 l2 l3] of <paramref name="left"/> and [r0 r1 r2 r3] of <paramref name="right"/>, the
        /// block [l0 + l2, r0 + r2, l1 + l3, r1 + r3]: each keeps its block's sum in two lanes.
        /// </summary>
        static abstract TVec InterleaveSums(TVec left, TVec right);

        /// <summary>
        /// The second step: from two <see cref="InterleaveSums"/> results, the block [a, b, c, d] of the four source
        /// vectors' block sums (64-bit pairs interleaved and added).
        /// </summary>
        static abstract TVec PairSums(TVec left, TVec right);

        /// <summary>
        /// The remaining steps: the 128-bit blocks of <paramref name="left"/> added in adjacent pairs, then those of
        /// <paramref name="right"/> (Vector256: [l0 + l1, r0 + r1]; Vector512: [l0 + l1, l2 + l3, r0 + r1, r2 + r3]).
        /// </summary>
        static abstract TVec BlockSums(TVec left, TVec right);
    }
}
