using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SymGrad
{
    /// <summary>
    /// The matrix kernels of row tiles (issue 12, part 2; docs/how-it-works.md, "Row tiles"). Generated code runs a loop
    /// over rows in tiles of <see cref="TileSize"/> rows; <c>DotTile</c> computes a tile's dot products before it and
    /// <c>AddScaledTile</c> adds its deferred scaled runs after it. Both work on blocks of 64 bytes
    /// (<c>Vector512</c>: eight <c>double</c> or sixteen <c>float</c> lanes) and keep several rows in registers, so each
    /// loaded vector feeds several fused multiply-adds. Their sums have a fixed order, documented on each, that does not
    /// depend on the machine: where <c>Vector512</c> is not accelerated the runtime splits it into halves with the same
    /// lane-wise results.
    /// </summary>
    public static partial class Kernels
    {
        /// <summary>The number of rows of a loop a row tile holds; also the stride of the transposed layouts (<c>DotTileTransposed</c>, <c>AddScaledTileTransposed</c>).</summary>
        public const int TileSize = 32;

        /// <summary>
        /// The number of rows of a long row tile: a <c>float</c> one whose products and updates are all one value per row
        /// (logistic regression's <c>w</c> by <c>x[i]</c> and <c>dw += d * x[i]</c>), in the plain layout. Those kernels'
        /// fixed costs per tile (the calls, the one update row's chains started and added, its last elements) are halved
        /// while the tile's rows take the bytes of 32 <c>double</c> rows; <c>double</c> tiles and tiles with several products
        /// per row (a layer's) keep <see cref="TileSize"/>, where longer tiles leave the L1 cache.
        /// </summary>
        public const int LongTileSize = 64;

        /// <summary>The end of the tile that starts at <paramref name="tileStart"/> in a loop that stops before <paramref name="end"/>: the smaller of <c>tileStart + TileSize</c> and <paramref name="end"/>, without overflow.</summary>
        /// <param name="tileStart">The tile's first row.</param>
        /// <param name="end">The loop's end (exclusive).</param>
        /// <returns>The tile's end (exclusive).</returns>
        public static int TileEnd(int tileStart, int end) => (int)Math.Min((long)tileStart + TileSize, end);

        /// <summary>
        /// The lowest row of the tile whose highest row is <paramref name="tileTop"/> in a loop counted down to <paramref name="end"/>
        /// (inclusive): the larger of <c>tileTop - TileSize + 1</c> and <paramref name="end"/>, without overflow.
        /// </summary>
        /// <param name="tileTop">The tile's highest row.</param>
        /// <param name="end">The loop's lowest row.</param>
        /// <returns>The tile's lowest row.</returns>
        public static int TileBottom(int tileTop, int end) => (int)Math.Max((long)tileTop - TileSize + 1, end);

        /// <summary>As <see cref="TileEnd"/> for a long tile: the smaller of <c>tileStart + LongTileSize</c> and <paramref name="end"/>.</summary>
        /// <param name="tileStart">The tile's first row.</param>
        /// <param name="end">The loop's end (exclusive).</param>
        /// <returns>The tile's end (exclusive).</returns>
        public static int LongTileEnd(int tileStart, int end) => (int)Math.Min((long)tileStart + LongTileSize, end);

        /// <summary>As <see cref="TileBottom"/> for a long tile: the larger of <c>tileTop - LongTileSize + 1</c> and <paramref name="end"/>.</summary>
        /// <param name="tileTop">The tile's highest row.</param>
        /// <param name="end">The loop's lowest row.</param>
        /// <returns>The tile's lowest row.</returns>
        public static int LongTileBottom(int tileTop, int end) => (int)Math.Max((long)tileTop - LongTileSize + 1, end);

        /// <summary>
        /// <c>dots[c * leftCount + r] = Σ left[leftStart + r * leftStride + k] · right[rightStart + c * rightStride + k]</c>
        /// over k in [0, length), for every left row r in [0, leftCount) and right row c in [0, rightCount): a tile's dot
        /// products (<c>w1[j * n + t] * x[i * n + t]</c> for every unit j and row i of the tile). Each product sums in this
        /// fixed order: lane l of a 64-byte block (eight lanes) accumulates, fused, the products k = 8 b + l below the
        /// length over the blocks b in order, from -0.0 (the last, partial block too: its lanes past the length keep their
        /// sums); the lanes are summed by halving (lane l plus lane l + 4, then l plus l + 2, then the two). A length of
        /// zero or less gives -0.0 (adding it leaves a sum as the loop leaves it).
        /// </summary>
        /// <param name="left">The array of the left rows.</param>
        /// <param name="leftStart">Where left row 0 starts.</param>
        /// <param name="leftStride">The distance from one left row to the next (0: one row).</param>
        /// <param name="leftCount">The number of left rows.</param>
        /// <param name="right">The array of the right rows.</param>
        /// <param name="rightStart">Where right row 0 starts.</param>
        /// <param name="rightStride">The distance from one right row to the next.</param>
        /// <param name="rightCount">The number of right rows.</param>
        /// <param name="length">The number of products in each dot product.</param>
        /// <param name="dots">Receives the dot products, right row by right row.</param>
        /// <exception cref="IndexOutOfRangeException">When a row leaves its array, as the loops would.</exception>
        /// <exception cref="ArgumentException">When <paramref name="dots"/> is too short.</exception>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void DotTile(
            ReadOnlySpan<double> left, int leftStart, int leftStride, int leftCount, ReadOnlySpan<double> right, int rightStart, int rightStride, int rightCount, int length, Span<double> dots) =>
            TileKernels<double>.Dots(left, leftStart, leftStride, leftCount, right, rightStart, rightStride, rightCount, length, dots);

        /// <summary>The <c>float</c> <see cref="DotTile(ReadOnlySpan{double}, int, int, int, ReadOnlySpan{double}, int, int, int, int, Span{double})"/>: sixteen lanes to a 64-byte block (the last, partial block too), summed by halving.</summary>
        /// <param name="left">The array of the left rows.</param>
        /// <param name="leftStart">Where left row 0 starts.</param>
        /// <param name="leftStride">The distance from one left row to the next.</param>
        /// <param name="leftCount">The number of left rows.</param>
        /// <param name="right">The array of the right rows.</param>
        /// <param name="rightStart">Where right row 0 starts.</param>
        /// <param name="rightStride">The distance from one right row to the next.</param>
        /// <param name="rightCount">The number of right rows.</param>
        /// <param name="length">The number of products in each dot product.</param>
        /// <param name="dots">Receives the dot products, right row by right row.</param>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void DotTile(
            ReadOnlySpan<float> left, int leftStart, int leftStride, int leftCount, ReadOnlySpan<float> right, int rightStart, int rightStride, int rightCount, int length, Span<float> dots) =>
            TileKernels<float>.Dots(left, leftStart, leftStride, leftCount, right, rightStart, rightStride, rightCount, length, dots);

        /// <summary>
        /// <see cref="DotTile(ReadOnlySpan{double}, int, int, int, ReadOnlySpan{double}, int, int, int, int, Span{double})"/>'s
        /// products laid out left row by left row, <see cref="TileSize"/> apart: <c>dots[r * TileSize + c]</c>, so a
        /// tile's rows (the right rows, at most TileSize) of one left row are contiguous: what generated row lanes load
        /// eight rows at a time. The lanes run along the tile's rows (eight right rows transposed in registers, one fused
        /// multiply-add for eight products), so each product sums in the plain order of its elements: the products
        /// k = 0, 1, ..., length - 1 fused one after the other, from -0.0, on every machine (the <c>float</c> form too).
        /// </summary>
        /// <param name="left">The array of the left rows.</param>
        /// <param name="leftStart">Where left row 0 starts.</param>
        /// <param name="leftStride">The distance from one left row to the next (0: one row).</param>
        /// <param name="leftCount">The number of left rows.</param>
        /// <param name="right">The array of the right rows.</param>
        /// <param name="rightStart">Where right row 0 starts.</param>
        /// <param name="rightStride">The distance from one right row to the next.</param>
        /// <param name="rightCount">The number of right rows, at most <see cref="TileSize"/>.</param>
        /// <param name="length">The number of products in each dot product.</param>
        /// <param name="dots">Receives the dot products, left row by left row, TileSize apart.</param>
        /// <exception cref="IndexOutOfRangeException">When a row leaves its array, as the loops would.</exception>
        /// <exception cref="ArgumentException">When there are more than TileSize right rows or <paramref name="dots"/> is too short.</exception>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void DotTileTransposed(
            ReadOnlySpan<double> left, int leftStart, int leftStride, int leftCount, ReadOnlySpan<double> right, int rightStart, int rightStride, int rightCount, int length, Span<double> dots) =>
            TileKernels<double>.DotsTransposed(left, leftStart, leftStride, leftCount, right, rightStart, rightStride, rightCount, length, dots);

        /// <summary>
        /// The <c>float</c> <see cref="DotTileTransposed(ReadOnlySpan{double}, int, int, int, ReadOnlySpan{double}, int, int, int, int, Span{double})"/>:
        /// lanes along the tile's rows, sixteen to a vector, each product the fused multiply-adds of its elements in order
        /// from -0.0 (<c>RowLaneSingleDots</c>), laid out TileSize apart.
        /// </summary>
        /// <param name="left">The array of the left rows.</param>
        /// <param name="leftStart">Where left row 0 starts.</param>
        /// <param name="leftStride">The distance from one left row to the next.</param>
        /// <param name="leftCount">The number of left rows.</param>
        /// <param name="right">The array of the right rows.</param>
        /// <param name="rightStart">Where right row 0 starts.</param>
        /// <param name="rightStride">The distance from one right row to the next.</param>
        /// <param name="rightCount">The number of right rows, at most <see cref="TileSize"/>.</param>
        /// <param name="length">The number of products in each dot product.</param>
        /// <param name="dots">Receives the dot products, left row by left row, TileSize apart.</param>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void DotTileTransposed(
            ReadOnlySpan<float> left, int leftStart, int leftStride, int leftCount, ReadOnlySpan<float> right, int rightStart, int rightStride, int rightCount, int length, Span<float> dots) =>
            TileKernels<float>.DotsTransposed(left, leftStart, leftStride, leftCount, right, rightStart, rightStride, rightCount, length, dots);

        /// <summary>
        /// <see cref="AddScaledTile(Span{double}, int, int, int, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, int, int)"/>
        /// with the scales laid out destination row by destination row, <see cref="TileSize"/> apart:
        /// <c>scales[d * TileSize + s]</c> (at most TileSize source rows), what generated row lanes store eight rows at
        /// a time. The same sums, in the same order.
        /// </summary>
        /// <param name="destination">The array updated.</param>
        /// <param name="destinationStart">Where destination row 0 starts.</param>
        /// <param name="destinationStride">The distance from one destination row to the next (0: one row).</param>
        /// <param name="destinationCount">The number of destination rows.</param>
        /// <param name="scales">The factors, destination row by destination row, TileSize apart.</param>
        /// <param name="source">The array of the source rows.</param>
        /// <param name="sourceStart">Where source row 0 starts.</param>
        /// <param name="sourceStride">The distance from one source row to the next.</param>
        /// <param name="sourceCount">The number of source rows, at most <see cref="TileSize"/>.</param>
        /// <param name="length">The number of elements of each row.</param>
        /// <exception cref="IndexOutOfRangeException">When a row leaves its array, as the loops would.</exception>
        /// <exception cref="ArgumentException">When there are more than TileSize source rows, <paramref name="scales"/> is too short, or the destination shares memory with the source or the scales.</exception>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void AddScaledTileTransposed(
            Span<double> destination, int destinationStart, int destinationStride, int destinationCount, ReadOnlySpan<double> scales, ReadOnlySpan<double> source, int sourceStart, int sourceStride, int sourceCount, int length) =>
            TileKernels<double>.AddScaledTransposed(destination, destinationStart, destinationStride, destinationCount, scales, source, sourceStart, sourceStride, sourceCount, length);

        /// <summary>The <c>float</c> <see cref="AddScaledTileTransposed(Span{double}, int, int, int, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, int, int)"/>.</summary>
        /// <param name="destination">The array updated.</param>
        /// <param name="destinationStart">Where destination row 0 starts.</param>
        /// <param name="destinationStride">The distance from one destination row to the next.</param>
        /// <param name="destinationCount">The number of destination rows.</param>
        /// <param name="scales">The factors, destination row by destination row, TileSize apart.</param>
        /// <param name="source">The array of the source rows.</param>
        /// <param name="sourceStart">Where source row 0 starts.</param>
        /// <param name="sourceStride">The distance from one source row to the next.</param>
        /// <param name="sourceCount">The number of source rows, at most <see cref="TileSize"/>.</param>
        /// <param name="length">The number of elements of each row.</param>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void AddScaledTileTransposed(
            Span<float> destination, int destinationStart, int destinationStride, int destinationCount, ReadOnlySpan<float> scales, ReadOnlySpan<float> source, int sourceStart, int sourceStride, int sourceCount, int length) =>
            TileKernels<float>.AddScaledTransposed(destination, destinationStart, destinationStride, destinationCount, scales, source, sourceStart, sourceStride, sourceCount, length);

        /// <summary>
        /// <c>destination[destinationStart + d * destinationStride + k] += Σ_s scales[s * destinationCount + d] · source[sourceStart + s * sourceStride + k]</c>
        /// for every destination row d in [0, destinationCount) and k in [0, length): a tile's deferred updates
        /// (<c>dw1[j * n + t] += ds * x[i * n + t]</c> for every unit j and row i of the tile). Each element's sum runs over
        /// the source rows s in order, fused, from -0.0, and is then added to the element with one rounding, whatever the
        /// vector width. Destination rows are added in order, so rows that share elements get every contribution.
        /// </summary>
        /// <param name="destination">The array updated.</param>
        /// <param name="destinationStart">Where destination row 0 starts.</param>
        /// <param name="destinationStride">The distance from one destination row to the next (0: one row).</param>
        /// <param name="destinationCount">The number of destination rows.</param>
        /// <param name="scales">The factors, source row by source row: <c>scales[s * destinationCount + d]</c>.</param>
        /// <param name="source">The array of the source rows.</param>
        /// <param name="sourceStart">Where source row 0 starts.</param>
        /// <param name="sourceStride">The distance from one source row to the next.</param>
        /// <param name="sourceCount">The number of source rows.</param>
        /// <param name="length">The number of elements of each row.</param>
        /// <exception cref="IndexOutOfRangeException">When a row leaves its array, as the loops would.</exception>
        /// <exception cref="ArgumentException">When <paramref name="scales"/> is too short, or the destination shares memory with the source or the scales.</exception>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void AddScaledTile(
            Span<double> destination, int destinationStart, int destinationStride, int destinationCount, ReadOnlySpan<double> scales, ReadOnlySpan<double> source, int sourceStart, int sourceStride, int sourceCount, int length) =>
            TileKernels<double>.AddScaled(destination, destinationStart, destinationStride, destinationCount, scales, source, sourceStart, sourceStride, sourceCount, length);

        /// <summary>The <c>float</c> <see cref="AddScaledTile(Span{double}, int, int, int, ReadOnlySpan{double}, ReadOnlySpan{double}, int, int, int, int)"/>: the same order.</summary>
        /// <param name="destination">The array updated.</param>
        /// <param name="destinationStart">Where destination row 0 starts.</param>
        /// <param name="destinationStride">The distance from one destination row to the next.</param>
        /// <param name="destinationCount">The number of destination rows.</param>
        /// <param name="scales">The factors, source row by source row.</param>
        /// <param name="source">The array of the source rows.</param>
        /// <param name="sourceStart">Where source row 0 starts.</param>
        /// <param name="sourceStride">The distance from one source row to the next.</param>
        /// <param name="sourceCount">The number of source rows.</param>
        /// <param name="length">The number of elements of each row.</param>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void AddScaledTile(
            Span<float> destination, int destinationStart, int destinationStride, int destinationCount, ReadOnlySpan<float> scales, ReadOnlySpan<float> source, int sourceStart, int sourceStride, int sourceCount, int length) =>
            TileKernels<float>.AddScaled(destination, destinationStart, destinationStride, destinationCount, scales, source, sourceStart, sourceStride, sourceCount, length);
    }
}
