namespace SymGrad.Benchmarks.Gradients.Blocked
{
    /// <summary>
    /// The lane operations the register-blocked kernels are written in, for one vector width. The kernels are
    /// generic over a struct that implements this (<see cref="Lanes512"/>, <see cref="Lanes256"/>), so the JIT
    /// compiles one specialised copy per width with every call inlined: one source, no interface dispatch.
    /// </summary>
    /// <typeparam name="TVec">The vector type, Vector512&lt;double&gt; or Vector256&lt;double&gt;.</typeparam>
    internal interface ILanes<TVec>
        where TVec : struct
    {
        /// <summary>Doubles per vector.</summary>
        static abstract int Count { get; }

        static abstract TVec Zero { get; }

        static abstract TVec Create(double value);

        /// <summary>Count doubles from <paramref name="source"/> + <paramref name="offset"/>; no bounds check.</summary>
        static abstract TVec Load(ref double source, nint offset);

        /// <summary>Count doubles to <paramref name="destination"/> + <paramref name="offset"/>; no bounds check.</summary>
        static abstract void Store(TVec value, ref double destination, nint offset);

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
        static abstract double Sum(TVec value);

        /// <summary>The largest lane.</summary>
        static abstract double MaxAcross(TVec value);

        /// <summary><paramref name="value"/> * 2^floor(<paramref name="exponent"/>) for an exponent in [-2100, 2100], overflowing to infinity and underflowing through subnormals to 0.</summary>
        static abstract TVec ScaleByPowerOfTwo(TVec value, TVec exponent);

        /// <summary>
        /// Transposes the Count by Count block at <paramref name="source"/> (rows <paramref name="sourceStride"/> apart)
        /// into <paramref name="destination"/> (rows <paramref name="destinationStride"/> apart), in registers.
        /// </summary>
        static abstract void Transpose(ref double source, nint sourceStride, ref double destination, nint destinationStride);

        /// <summary>
        /// 2^(j/16) from <see cref="PowerOfTwoFractions"/>, where j is the low 4 bits of each lane's bits: for a lane that
        /// holds <see cref="PowerOfTwoBits.Shifter"/> + i (i integral), j = i mod 16.
        /// </summary>
        static abstract TVec PowerOfTwoFraction(TVec shifted);

        /// <summary>The unbiased binary exponent of a positive normal <paramref name="value"/>, as a double.</summary>
        static abstract TVec Exponent(TVec value);

        /// <summary>A positive normal <paramref name="value"/> divided by 2^Exponent: its significand in [1, 2).</summary>
        static abstract TVec Significand(TVec value);
    }
}
