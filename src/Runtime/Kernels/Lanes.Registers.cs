using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// Vectors of elements at a stride, built in registers (<c>Vector512.Create</c> of the lanes' loads): the row lanes'
    /// gathers of <c>int</c> indices and the reads of a tile's last rows. Written lane by lane to a vector on the stack and
    /// read back whole, each such read waits for the stores (store forwarding fails). Lane l reads element
    /// <c>min(l, last) * stride</c> from the first: with <c>last</c> the lanes' count less one, every lane its own; with
    /// the last row's lane, the lanes past it repeat that row's element.
    /// </summary>
    public static partial class Lanes
    {
        /// <summary>Eight <c>double</c> lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<double> Doubles(ref double first, nint last, nint stride) => Vector512.Create(
            first,
            Unsafe.Add(ref first, Math.Min(1, last) * stride),
            Unsafe.Add(ref first, Math.Min(2, last) * stride),
            Unsafe.Add(ref first, Math.Min(3, last) * stride),
            Unsafe.Add(ref first, Math.Min(4, last) * stride),
            Unsafe.Add(ref first, Math.Min(5, last) * stride),
            Unsafe.Add(ref first, Math.Min(6, last) * stride),
            Unsafe.Add(ref first, Math.Min(7, last) * stride));

        /// <summary>Eight <c>int</c> elements widened to 64-bit lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<long> WidenedInts(ref int first, nint last, nint stride) => Vector512.Create(
            (long)first,
            Unsafe.Add(ref first, Math.Min(1, last) * stride),
            Unsafe.Add(ref first, Math.Min(2, last) * stride),
            Unsafe.Add(ref first, Math.Min(3, last) * stride),
            Unsafe.Add(ref first, Math.Min(4, last) * stride),
            Unsafe.Add(ref first, Math.Min(5, last) * stride),
            Unsafe.Add(ref first, Math.Min(6, last) * stride),
            Unsafe.Add(ref first, Math.Min(7, last) * stride));

        /// <summary>Sixteen 32-bit lanes (<c>int</c>s, or a <c>float</c>'s bits read as an <c>int</c>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<int> Ints(ref int first, nint last, nint stride) => Vector512.Create(
            Vector256.Create(
                first,
                Unsafe.Add(ref first, Math.Min(1, last) * stride),
                Unsafe.Add(ref first, Math.Min(2, last) * stride),
                Unsafe.Add(ref first, Math.Min(3, last) * stride),
                Unsafe.Add(ref first, Math.Min(4, last) * stride),
                Unsafe.Add(ref first, Math.Min(5, last) * stride),
                Unsafe.Add(ref first, Math.Min(6, last) * stride),
                Unsafe.Add(ref first, Math.Min(7, last) * stride)),
            Vector256.Create(
                Unsafe.Add(ref first, Math.Min(8, last) * stride),
                Unsafe.Add(ref first, Math.Min(9, last) * stride),
                Unsafe.Add(ref first, Math.Min(10, last) * stride),
                Unsafe.Add(ref first, Math.Min(11, last) * stride),
                Unsafe.Add(ref first, Math.Min(12, last) * stride),
                Unsafe.Add(ref first, Math.Min(13, last) * stride),
                Unsafe.Add(ref first, Math.Min(14, last) * stride),
                Unsafe.Add(ref first, Math.Min(15, last) * stride)));
    }
}
