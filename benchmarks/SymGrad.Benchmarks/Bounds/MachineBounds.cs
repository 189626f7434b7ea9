using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SymGrad.Benchmarks.Bounds
{
    /// <summary>
    /// The `bounds` command: the two machine numbers docs/benchmarks.md divides by to bound the register-blocked
    /// gradients. FMA throughput: twelve independent chains of vector FMAs (more than latency times ports), counted
    /// per second, which is the bound itself (no clock needed: a KVM guest's nominal clock says little about the
    /// boosted one). Read bandwidth: a sum over arrays of 32 KB
    /// to 64 MB (L1, L2, L3, memory) with eight independent accumulators. Each is the best of several runs, since the
    /// machine's two cores are shared.
    /// </summary>
    public static class MachineBounds
    {
        private const int Runs = 5;

        public static int Run()
        {
            Console.WriteLine($"Vector512 accelerated: {Vector512.IsHardwareAccelerated}, processors: {Environment.ProcessorCount}");
            double wide = Best(() => FmaPerSecond512(40_000_000));
            double narrow = Best(() => FmaPerSecond256(40_000_000));
            Console.WriteLine($"Vector512 FMA: {wide / 1e9:F2} G instructions/s = {wide * 8 / 1e9:F1} G double FMAs/s");
            Console.WriteLine($"Vector256 FMA: {narrow / 1e9:F2} G instructions/s = {narrow * 4 / 1e9:F1} G double FMAs/s");
            foreach (int kilobytes in new[] { 32, 512, 1024, 8192, 65536 })
            {
                double[] data = new double[kilobytes * 1024 / sizeof(double)];
                data.AsSpan().Fill(1.0);
                int passes = Math.Max(2, 2_000_000 / kilobytes);
                Console.WriteLine($"read {kilobytes,6} KB: {Best(() => ReadBytesPerSecond(data, passes)) / 1e9:F1} GB/s");
            }

            return 0;
        }

        private static double Best(Func<double> measure)
        {
            double best = 0.0;
            for (int run = 0; run < Runs; run++)
            {
                best = Math.Max(best, measure());
            }

            return best;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static double FmaPerSecond512(long iterations)
        {
            Vector512<double> m = Vector512.Create(0.9999999), c = Vector512.Create(1e-7);
            Vector512<double> a0 = Vector512<double>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
            Stopwatch watch = Stopwatch.StartNew();
            for (long i = 0; i < iterations; i++)
            {
                a0 = Vector512.FusedMultiplyAdd(a0, m, c);
                a1 = Vector512.FusedMultiplyAdd(a1, m, c);
                a2 = Vector512.FusedMultiplyAdd(a2, m, c);
                a3 = Vector512.FusedMultiplyAdd(a3, m, c);
                a4 = Vector512.FusedMultiplyAdd(a4, m, c);
                a5 = Vector512.FusedMultiplyAdd(a5, m, c);
                a6 = Vector512.FusedMultiplyAdd(a6, m, c);
                a7 = Vector512.FusedMultiplyAdd(a7, m, c);
                a8 = Vector512.FusedMultiplyAdd(a8, m, c);
                a9 = Vector512.FusedMultiplyAdd(a9, m, c);
                a10 = Vector512.FusedMultiplyAdd(a10, m, c);
                a11 = Vector512.FusedMultiplyAdd(a11, m, c);
            }

            double seconds = watch.Elapsed.TotalSeconds;
            GC.KeepAlive(Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11));
            return 12.0 * iterations / seconds;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static double FmaPerSecond256(long iterations)
        {
            Vector256<double> m = Vector256.Create(0.9999999), c = Vector256.Create(1e-7);
            Vector256<double> a0 = Vector256<double>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
            Stopwatch watch = Stopwatch.StartNew();
            for (long i = 0; i < iterations; i++)
            {
                a0 = Vector256.FusedMultiplyAdd(a0, m, c);
                a1 = Vector256.FusedMultiplyAdd(a1, m, c);
                a2 = Vector256.FusedMultiplyAdd(a2, m, c);
                a3 = Vector256.FusedMultiplyAdd(a3, m, c);
                a4 = Vector256.FusedMultiplyAdd(a4, m, c);
                a5 = Vector256.FusedMultiplyAdd(a5, m, c);
                a6 = Vector256.FusedMultiplyAdd(a6, m, c);
                a7 = Vector256.FusedMultiplyAdd(a7, m, c);
                a8 = Vector256.FusedMultiplyAdd(a8, m, c);
                a9 = Vector256.FusedMultiplyAdd(a9, m, c);
                a10 = Vector256.FusedMultiplyAdd(a10, m, c);
                a11 = Vector256.FusedMultiplyAdd(a11, m, c);
            }

            double seconds = watch.Elapsed.TotalSeconds;
            GC.KeepAlive(Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11));
            return 12.0 * iterations / seconds;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static double ReadBytesPerSecond(double[] data, int passes)
        {
            ref double start = ref data[0];
            Vector512<double> s0 = Vector512<double>.Zero, s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            Stopwatch watch = Stopwatch.StartNew();
            for (int pass = 0; pass < passes; pass++)
            {
                for (nuint i = 0; i < (nuint)data.Length; i += 64)
                {
                    s0 += Vector512.LoadUnsafe(ref start, i);
                    s1 += Vector512.LoadUnsafe(ref start, i + 8);
                    s2 += Vector512.LoadUnsafe(ref start, i + 16);
                    s3 += Vector512.LoadUnsafe(ref start, i + 24);
                    s4 += Vector512.LoadUnsafe(ref start, i + 32);
                    s5 += Vector512.LoadUnsafe(ref start, i + 40);
                    s6 += Vector512.LoadUnsafe(ref start, i + 48);
                    s7 += Vector512.LoadUnsafe(ref start, i + 56);
                }
            }

            double seconds = watch.Elapsed.TotalSeconds;
            GC.KeepAlive(Vector512.Sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7));
            return (double)data.Length * sizeof(double) * passes / seconds;
        }
    }
}
