using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// out[r, o] = bias[o] + sum_{t &lt; length} input[r, t] matrix[t, o] for the <see cref="SingleTiling.Rows"/> rows of
    /// a float tile, with lanes along o (the matrix is a transposed weight matrix, its rows padded to whole vectors):
    /// <see cref="AffineTile"/>'s register blocks in float, on each 8-row half of the tile. Each input element is
    /// broadcast once per block and each matrix vector loaded once per block, then used by every row of the block from
    /// registers: blocks of 4 rows by 4 vectors, 8 by 2 or 8 by 1 (16, 16 and 8 independent accumulators), so there is
    /// no horizontal sum.
    /// </summary>
    internal static class SingleAffineTile
    {
        /// <param name="width">The padded output width, a multiple of the vector width.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TLanes, TVec>(
            ref float input, nint inputStride, int length, ref float matrix, nint matrixStride, ref float bias, ref float output, nint outputStride, int width)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            for (nint half = 0; half < SingleTiling.Rows; half += SingleTiling.HalfRows)
            {
                Half<TLanes, TVec>(
                    ref Unsafe.Add(ref input, half * inputStride), inputStride, length, ref matrix, matrixStride, ref bias, ref Unsafe.Add(ref output, half * outputStride), outputStride, width);
            }
        }

        /// <summary>Eight rows: the vectors of o in blocks of four (two 4-row blocks), then two, then one.</summary>
        private static void Half<TLanes, TVec>(
            ref float input, nint inputStride, int length, ref float matrix, nint matrixStride, ref float bias, ref float output, nint outputStride, int width)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            int lanes = TLanes.Count;
            nint o = 0;
            for (; o + 4 * lanes <= width; o += 4 * lanes)
            {
                Rows4By4<TLanes, TVec>(ref input, inputStride, length, ref Unsafe.Add(ref matrix, o), matrixStride, ref Unsafe.Add(ref bias, o), ref Unsafe.Add(ref output, o), outputStride);
                Rows4By4<TLanes, TVec>(
                    ref Unsafe.Add(ref input, 4 * inputStride), inputStride, length, ref Unsafe.Add(ref matrix, o), matrixStride, ref Unsafe.Add(ref bias, o),
                    ref Unsafe.Add(ref output, o + 4 * outputStride), outputStride);
            }

            for (; o + 2 * lanes <= width; o += 2 * lanes)
            {
                Rows8By2<TLanes, TVec>(ref input, inputStride, length, ref Unsafe.Add(ref matrix, o), matrixStride, ref Unsafe.Add(ref bias, o), ref Unsafe.Add(ref output, o), outputStride);
            }

            for (; o < width; o += lanes)
            {
                Rows8By1<TLanes, TVec>(ref input, inputStride, length, ref Unsafe.Add(ref matrix, o), matrixStride, ref Unsafe.Add(ref bias, o), ref Unsafe.Add(ref output, o), outputStride);
            }
        }

        private static void Rows4By4<TLanes, TVec>(ref float input, nint inputStride, int length, ref float matrix, nint matrixStride, ref float bias, ref float output, nint outputStride)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            nint v = TLanes.Count;
            ref float i0 = ref input;
            ref float i1 = ref Unsafe.Add(ref input, inputStride);
            ref float i2 = ref Unsafe.Add(ref input, 2 * inputStride);
            ref float i3 = ref Unsafe.Add(ref input, 3 * inputStride);
            TVec b0 = TLanes.Load(ref bias, 0), b1 = TLanes.Load(ref bias, v), b2 = TLanes.Load(ref bias, 2 * v), b3 = TLanes.Load(ref bias, 3 * v);
            TVec c00 = b0, c01 = b1, c02 = b2, c03 = b3;
            TVec c10 = b0, c11 = b1, c12 = b2, c13 = b3;
            TVec c20 = b0, c21 = b1, c22 = b2, c23 = b3;
            TVec c30 = b0, c31 = b1, c32 = b2, c33 = b3;
            ref float row = ref matrix;
            for (nint t = 0; t < length; t++)
            {
                TVec m0 = TLanes.Load(ref row, 0), m1 = TLanes.Load(ref row, v), m2 = TLanes.Load(ref row, 2 * v), m3 = TLanes.Load(ref row, 3 * v);
                TVec s = TLanes.Create(Unsafe.Add(ref i0, t));
                c00 = TLanes.MultiplyAdd(s, m0, c00);
                c01 = TLanes.MultiplyAdd(s, m1, c01);
                c02 = TLanes.MultiplyAdd(s, m2, c02);
                c03 = TLanes.MultiplyAdd(s, m3, c03);
                s = TLanes.Create(Unsafe.Add(ref i1, t));
                c10 = TLanes.MultiplyAdd(s, m0, c10);
                c11 = TLanes.MultiplyAdd(s, m1, c11);
                c12 = TLanes.MultiplyAdd(s, m2, c12);
                c13 = TLanes.MultiplyAdd(s, m3, c13);
                s = TLanes.Create(Unsafe.Add(ref i2, t));
                c20 = TLanes.MultiplyAdd(s, m0, c20);
                c21 = TLanes.MultiplyAdd(s, m1, c21);
                c22 = TLanes.MultiplyAdd(s, m2, c22);
                c23 = TLanes.MultiplyAdd(s, m3, c23);
                s = TLanes.Create(Unsafe.Add(ref i3, t));
                c30 = TLanes.MultiplyAdd(s, m0, c30);
                c31 = TLanes.MultiplyAdd(s, m1, c31);
                c32 = TLanes.MultiplyAdd(s, m2, c32);
                c33 = TLanes.MultiplyAdd(s, m3, c33);
                row = ref Unsafe.Add(ref row, matrixStride);
            }

            StoreRow<TLanes, TVec>(ref output, c00, c01, c02, c03);
            StoreRow<TLanes, TVec>(ref Unsafe.Add(ref output, outputStride), c10, c11, c12, c13);
            StoreRow<TLanes, TVec>(ref Unsafe.Add(ref output, 2 * outputStride), c20, c21, c22, c23);
            StoreRow<TLanes, TVec>(ref Unsafe.Add(ref output, 3 * outputStride), c30, c31, c32, c33);
        }

        private static void Rows8By2<TLanes, TVec>(ref float input, nint inputStride, int length, ref float matrix, nint matrixStride, ref float bias, ref float output, nint outputStride)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            nint v = TLanes.Count;
            TVec b0 = TLanes.Load(ref bias, 0), b1 = TLanes.Load(ref bias, v);
            TVec c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
            TVec c40 = b0, c41 = b1, c50 = b0, c51 = b1, c60 = b0, c61 = b1, c70 = b0, c71 = b1;
            ref float row = ref matrix;
            ref float i0 = ref input;
            for (nint t = 0; t < length; t++)
            {
                TVec m0 = TLanes.Load(ref row, 0), m1 = TLanes.Load(ref row, v);
                TVec s = TLanes.Create(Unsafe.Add(ref i0, t));
                c00 = TLanes.MultiplyAdd(s, m0, c00);
                c01 = TLanes.MultiplyAdd(s, m1, c01);
                s = TLanes.Create(Unsafe.Add(ref i0, inputStride + t));
                c10 = TLanes.MultiplyAdd(s, m0, c10);
                c11 = TLanes.MultiplyAdd(s, m1, c11);
                s = TLanes.Create(Unsafe.Add(ref i0, 2 * inputStride + t));
                c20 = TLanes.MultiplyAdd(s, m0, c20);
                c21 = TLanes.MultiplyAdd(s, m1, c21);
                s = TLanes.Create(Unsafe.Add(ref i0, 3 * inputStride + t));
                c30 = TLanes.MultiplyAdd(s, m0, c30);
                c31 = TLanes.MultiplyAdd(s, m1, c31);
                s = TLanes.Create(Unsafe.Add(ref i0, 4 * inputStride + t));
                c40 = TLanes.MultiplyAdd(s, m0, c40);
                c41 = TLanes.MultiplyAdd(s, m1, c41);
                s = TLanes.Create(Unsafe.Add(ref i0, 5 * inputStride + t));
                c50 = TLanes.MultiplyAdd(s, m0, c50);
                c51 = TLanes.MultiplyAdd(s, m1, c51);
                s = TLanes.Create(Unsafe.Add(ref i0, 6 * inputStride + t));
                c60 = TLanes.MultiplyAdd(s, m0, c60);
                c61 = TLanes.MultiplyAdd(s, m1, c61);
                s = TLanes.Create(Unsafe.Add(ref i0, 7 * inputStride + t));
                c70 = TLanes.MultiplyAdd(s, m0, c70);
                c71 = TLanes.MultiplyAdd(s, m1, c71);
                row = ref Unsafe.Add(ref row, matrixStride);
            }

            StorePair<TLanes, TVec>(ref output, c00, c01);
            StorePair<TLanes, TVec>(ref Unsafe.Add(ref output, outputStride), c10, c11);
            StorePair<TLanes, TVec>(ref Unsafe.Add(ref output, 2 * outputStride), c20, c21);
            StorePair<TLanes, TVec>(ref Unsafe.Add(ref output, 3 * outputStride), c30, c31);
            StorePair<TLanes, TVec>(ref Unsafe.Add(ref output, 4 * outputStride), c40, c41);
            StorePair<TLanes, TVec>(ref Unsafe.Add(ref output, 5 * outputStride), c50, c51);
            StorePair<TLanes, TVec>(ref Unsafe.Add(ref output, 6 * outputStride), c60, c61);
            StorePair<TLanes, TVec>(ref Unsafe.Add(ref output, 7 * outputStride), c70, c71);
        }

        private static void Rows8By1<TLanes, TVec>(ref float input, nint inputStride, int length, ref float matrix, nint matrixStride, ref float bias, ref float output, nint outputStride)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            TVec b0 = TLanes.Load(ref bias, 0);
            TVec c0 = b0, c1 = b0, c2 = b0, c3 = b0, c4 = b0, c5 = b0, c6 = b0, c7 = b0;
            ref float row = ref matrix;
            ref float i0 = ref input;
            for (nint t = 0; t < length; t++)
            {
                TVec m0 = TLanes.Load(ref row, 0);
                c0 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, t)), m0, c0);
                c1 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, inputStride + t)), m0, c1);
                c2 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 2 * inputStride + t)), m0, c2);
                c3 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 3 * inputStride + t)), m0, c3);
                c4 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 4 * inputStride + t)), m0, c4);
                c5 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 5 * inputStride + t)), m0, c5);
                c6 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 6 * inputStride + t)), m0, c6);
                c7 = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 7 * inputStride + t)), m0, c7);
                row = ref Unsafe.Add(ref row, matrixStride);
            }

            TLanes.Store(c0, ref output, 0);
            TLanes.Store(c1, ref output, outputStride);
            TLanes.Store(c2, ref output, 2 * outputStride);
            TLanes.Store(c3, ref output, 3 * outputStride);
            TLanes.Store(c4, ref output, 4 * outputStride);
            TLanes.Store(c5, ref output, 5 * outputStride);
            TLanes.Store(c6, ref output, 6 * outputStride);
            TLanes.Store(c7, ref output, 7 * outputStride);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreRow<TLanes, TVec>(ref float output, TVec c0, TVec c1, TVec c2, TVec c3)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            nint v = TLanes.Count;
            TLanes.Store(c0, ref output, 0);
            TLanes.Store(c1, ref output, v);
            TLanes.Store(c2, ref output, 2 * v);
            TLanes.Store(c3, ref output, 3 * v);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StorePair<TLanes, TVec>(ref float output, TVec c0, TVec c1)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            TLanes.Store(c0, ref output, 0);
            TLanes.Store(c1, ref output, TLanes.Count);
        }
    }
}
