using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The exp and log generated lanes call (row lanes and element-wise loops: <c>Math.Exp</c> and <c>Math.Log</c> of a
    /// value that differs between lanes). <c>Vector512.Exp</c> and <c>Vector512.Log</c> are calls that pass their
    /// argument and result through the stack and clobber every vector register, and the <c>float</c> ones compute in
    /// <c>double</c>; these are inlined where the machine has AVX-512 (<see cref="LaneExp"/>, <see cref="LaneLog"/>),
    /// and the same methods in 256-bit halves, with the same bits, where it has AVX2 and FMA (the <c>float</c> log
    /// excepted: <c>Vector512</c>'s there). Each may differ from <c>Math</c>'s in the last bit or two, as the vector
    /// functions did: the <c>double</c> exp and log within one unit in the last place of <c>Math.Exp</c> and
    /// <c>Math.Log</c>, the <c>float</c> exp and log within two of the correctly rounded value; without AVX2 they are
    /// <c>Vector512</c>'s, within two units.
    /// </summary>
    public static partial class Lanes
    {
        /// <summary>e^x of each lane.</summary>
        /// <param name="x">The exponents.</param>
        /// <returns>Each lane's exponential: 0 below about -745.1, infinity above about 709.8, NaN for NaN.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Exp(Vector512<double> x) => LaneExp.Exp(x);

        /// <summary>e^x of each of sixteen <c>float</c> lanes.</summary>
        /// <param name="x">The exponents.</param>
        /// <returns>Each lane's exponential: 0 below about -103.9, infinity above about 88.7, NaN for NaN.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Exp(Vector512<float> x) => LaneExp.Exp(x);

        /// <summary>log x of each lane.</summary>
        /// <param name="x">The arguments.</param>
        /// <returns>Each lane's natural logarithm: -infinity for zero, NaN below zero and for NaN.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Log(Vector512<double> x) => LaneLog.Log(x);

        /// <summary>log x of each of sixteen <c>float</c> lanes.</summary>
        /// <param name="x">The arguments.</param>
        /// <returns>Each lane's natural logarithm: -infinity for zero, NaN below zero and for NaN.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Log(Vector512<float> x) => LaneLog.Log(x);
    }
}
