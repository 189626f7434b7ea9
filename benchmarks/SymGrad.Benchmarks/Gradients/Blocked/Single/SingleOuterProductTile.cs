using System.Runtime.CompilerServices;

namespace SymGrad.Benchmarks.Gradients.Blocked.Single
{
    /// <summary>
    /// gradient[t, o] += sum_r input[r, t] delta[r, o] over the <see cref="SingleTiling.Rows"/> rows of a float tile, for
    /// t &lt; length, with lanes along o: a transposed weight gradient's rank-16 update, as two rank-8 updates in
    /// <see cref="OuterProductTile"/>'s register blocks. The half tile's deltas stay in registers (blocks of 4 rows by 4
    /// vectors, 8 by 2, 8 by 1), so per t each gradient vector is loaded and stored once for 4 or 8 FMAs; the 8-row
    /// blocks sum in two chains of four to halve the dependency latency.
    /// </summary>
    internal static class SingleOuterProductTile
    {
        /// <param name="width">The padded width of delta and gradient rows, a multiple of the vector width.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Add<TLanes, TVec>(
            ref float input, nint inputStride, int length, ref float delta, nint deltaStride, ref float gradient, nint gradientStride, int width)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            for (nint half = 0; half < SingleTiling.Rows; half += SingleTiling.HalfRows)
            {
                Half<TLanes, TVec>(
                    ref Unsafe.Add(ref input, half * inputStride), inputStride, length, ref Unsafe.Add(ref delta, half * deltaStride), deltaStride, ref gradient, gradientStride, width);
            }
        }

        /// <summary>Eight rows: the vectors of o in blocks of four (two 4-row blocks), then two, then one.</summary>
        private static void Half<TLanes, TVec>(
            ref float input, nint inputStride, int length, ref float delta, nint deltaStride, ref float gradient, nint gradientStride, int width)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            int lanes = TLanes.Count;
            nint o = 0;
            for (; o + 4 * lanes <= width; o += 4 * lanes)
            {
                Rows4By4<TLanes, TVec>(ref input, inputStride, length, ref Unsafe.Add(ref delta, o), deltaStride, ref Unsafe.Add(ref gradient, o), gradientStride);
                Rows4By4<TLanes, TVec>(
                    ref Unsafe.Add(ref input, 4 * inputStride), inputStride, length, ref Unsafe.Add(ref delta, o + 4 * deltaStride), deltaStride,
                    ref Unsafe.Add(ref gradient, o), gradientStride);
            }

            for (; o + 2 * lanes <= width; o += 2 * lanes)
            {
                Rows8By2<TLanes, TVec>(ref input, inputStride, length, ref Unsafe.Add(ref delta, o), deltaStride, ref Unsafe.Add(ref gradient, o), gradientStride);
            }

            for (; o < width; o += lanes)
            {
                Rows8By1<TLanes, TVec>(ref input, inputStride, length, ref Unsafe.Add(ref delta, o), deltaStride, ref Unsafe.Add(ref gradient, o), gradientStride);
            }
        }

        private static void Rows4By4<TLanes, TVec>(ref float input, nint inputStride, int length, ref float delta, nint deltaStride, ref float gradient, nint gradientStride)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            nint v = TLanes.Count;
            ref float e1 = ref Unsafe.Add(ref delta, deltaStride);
            ref float e2 = ref Unsafe.Add(ref delta, 2 * deltaStride);
            ref float e3 = ref Unsafe.Add(ref delta, 3 * deltaStride);
            TVec d00 = TLanes.Load(ref delta, 0), d01 = TLanes.Load(ref delta, v), d02 = TLanes.Load(ref delta, 2 * v), d03 = TLanes.Load(ref delta, 3 * v);
            TVec d10 = TLanes.Load(ref e1, 0), d11 = TLanes.Load(ref e1, v), d12 = TLanes.Load(ref e1, 2 * v), d13 = TLanes.Load(ref e1, 3 * v);
            TVec d20 = TLanes.Load(ref e2, 0), d21 = TLanes.Load(ref e2, v), d22 = TLanes.Load(ref e2, 2 * v), d23 = TLanes.Load(ref e2, 3 * v);
            TVec d30 = TLanes.Load(ref e3, 0), d31 = TLanes.Load(ref e3, v), d32 = TLanes.Load(ref e3, 2 * v), d33 = TLanes.Load(ref e3, 3 * v);
            ref float i0 = ref input;
            ref float row = ref gradient;
            for (nint t = 0; t < length; t++)
            {
                TVec g0 = TLanes.Load(ref row, 0), g1 = TLanes.Load(ref row, v), g2 = TLanes.Load(ref row, 2 * v), g3 = TLanes.Load(ref row, 3 * v);
                TVec s = TLanes.Create(Unsafe.Add(ref i0, t));
                g0 = TLanes.MultiplyAdd(s, d00, g0);
                g1 = TLanes.MultiplyAdd(s, d01, g1);
                g2 = TLanes.MultiplyAdd(s, d02, g2);
                g3 = TLanes.MultiplyAdd(s, d03, g3);
                s = TLanes.Create(Unsafe.Add(ref i0, inputStride + t));
                g0 = TLanes.MultiplyAdd(s, d10, g0);
                g1 = TLanes.MultiplyAdd(s, d11, g1);
                g2 = TLanes.MultiplyAdd(s, d12, g2);
                g3 = TLanes.MultiplyAdd(s, d13, g3);
                s = TLanes.Create(Unsafe.Add(ref i0, 2 * inputStride + t));
                g0 = TLanes.MultiplyAdd(s, d20, g0);
                g1 = TLanes.MultiplyAdd(s, d21, g1);
                g2 = TLanes.MultiplyAdd(s, d22, g2);
                g3 = TLanes.MultiplyAdd(s, d23, g3);
                s = TLanes.Create(Unsafe.Add(ref i0, 3 * inputStride + t));
                g0 = TLanes.MultiplyAdd(s, d30, g0);
                g1 = TLanes.MultiplyAdd(s, d31, g1);
                g2 = TLanes.MultiplyAdd(s, d32, g2);
                g3 = TLanes.MultiplyAdd(s, d33, g3);
                TLanes.Store(g0, ref row, 0);
                TLanes.Store(g1, ref row, v);
                TLanes.Store(g2, ref row, 2 * v);
                TLanes.Store(g3, ref row, 3 * v);
                row = ref Unsafe.Add(ref row, gradientStride);
            }
        }

        private static void Rows8By2<TLanes, TVec>(ref float input, nint inputStride, int length, ref float delta, nint deltaStride, ref float gradient, nint gradientStride)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            nint v = TLanes.Count;
            TVec d00 = TLanes.Load(ref delta, 0), d01 = TLanes.Load(ref delta, v);
            TVec d10 = TLanes.Load(ref delta, deltaStride), d11 = TLanes.Load(ref delta, deltaStride + v);
            TVec d20 = TLanes.Load(ref delta, 2 * deltaStride), d21 = TLanes.Load(ref delta, 2 * deltaStride + v);
            TVec d30 = TLanes.Load(ref delta, 3 * deltaStride), d31 = TLanes.Load(ref delta, 3 * deltaStride + v);
            TVec d40 = TLanes.Load(ref delta, 4 * deltaStride), d41 = TLanes.Load(ref delta, 4 * deltaStride + v);
            TVec d50 = TLanes.Load(ref delta, 5 * deltaStride), d51 = TLanes.Load(ref delta, 5 * deltaStride + v);
            TVec d60 = TLanes.Load(ref delta, 6 * deltaStride), d61 = TLanes.Load(ref delta, 6 * deltaStride + v);
            TVec d70 = TLanes.Load(ref delta, 7 * deltaStride), d71 = TLanes.Load(ref delta, 7 * deltaStride + v);
            ref float i0 = ref input;
            ref float row = ref gradient;
            for (nint t = 0; t < length; t++)
            {
                TVec s0 = TLanes.Create(Unsafe.Add(ref i0, t));
                TVec s4 = TLanes.Create(Unsafe.Add(ref i0, 4 * inputStride + t));
                TVec g0 = TLanes.MultiplyAdd(s0, d00, TLanes.Load(ref row, 0));
                TVec g1 = TLanes.MultiplyAdd(s0, d01, TLanes.Load(ref row, v));
                TVec h0 = TLanes.Multiply(s4, d40);
                TVec h1 = TLanes.Multiply(s4, d41);
                TVec s = TLanes.Create(Unsafe.Add(ref i0, inputStride + t));
                g0 = TLanes.MultiplyAdd(s, d10, g0);
                g1 = TLanes.MultiplyAdd(s, d11, g1);
                s = TLanes.Create(Unsafe.Add(ref i0, 5 * inputStride + t));
                h0 = TLanes.MultiplyAdd(s, d50, h0);
                h1 = TLanes.MultiplyAdd(s, d51, h1);
                s = TLanes.Create(Unsafe.Add(ref i0, 2 * inputStride + t));
                g0 = TLanes.MultiplyAdd(s, d20, g0);
                g1 = TLanes.MultiplyAdd(s, d21, g1);
                s = TLanes.Create(Unsafe.Add(ref i0, 6 * inputStride + t));
                h0 = TLanes.MultiplyAdd(s, d60, h0);
                h1 = TLanes.MultiplyAdd(s, d61, h1);
                s = TLanes.Create(Unsafe.Add(ref i0, 3 * inputStride + t));
                g0 = TLanes.MultiplyAdd(s, d30, g0);
                g1 = TLanes.MultiplyAdd(s, d31, g1);
                s = TLanes.Create(Unsafe.Add(ref i0, 7 * inputStride + t));
                h0 = TLanes.MultiplyAdd(s, d70, h0);
                h1 = TLanes.MultiplyAdd(s, d71, h1);
                TLanes.Store(TLanes.Add(g0, h0), ref row, 0);
                TLanes.Store(TLanes.Add(g1, h1), ref row, v);
                row = ref Unsafe.Add(ref row, gradientStride);
            }
        }

        private static void Rows8By1<TLanes, TVec>(ref float input, nint inputStride, int length, ref float delta, nint deltaStride, ref float gradient, nint gradientStride)
            where TLanes : struct, ISingleLanes<TVec>
            where TVec : struct
        {
            TVec d0 = TLanes.Load(ref delta, 0);
            TVec d1 = TLanes.Load(ref delta, deltaStride);
            TVec d2 = TLanes.Load(ref delta, 2 * deltaStride);
            TVec d3 = TLanes.Load(ref delta, 3 * deltaStride);
            TVec d4 = TLanes.Load(ref delta, 4 * deltaStride);
            TVec d5 = TLanes.Load(ref delta, 5 * deltaStride);
            TVec d6 = TLanes.Load(ref delta, 6 * deltaStride);
            TVec d7 = TLanes.Load(ref delta, 7 * deltaStride);
            ref float i0 = ref input;
            ref float row = ref gradient;
            for (nint t = 0; t < length; t++)
            {
                TVec g = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, t)), d0, TLanes.Load(ref row, 0));
                TVec h = TLanes.Multiply(TLanes.Create(Unsafe.Add(ref i0, 4 * inputStride + t)), d4);
                g = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, inputStride + t)), d1, g);
                h = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 5 * inputStride + t)), d5, h);
                g = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 2 * inputStride + t)), d2, g);
                h = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 6 * inputStride + t)), d6, h);
                g = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 3 * inputStride + t)), d3, g);
                h = TLanes.MultiplyAdd(TLanes.Create(Unsafe.Add(ref i0, 7 * inputStride + t)), d7, h);
                TLanes.Store(TLanes.Add(g, h), ref row, 0);
                row = ref Unsafe.Add(ref row, gradientStride);
            }
        }
    }
}
