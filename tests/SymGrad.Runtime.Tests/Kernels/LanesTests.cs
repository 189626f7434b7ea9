using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;

namespace SymGrad.Runtime.Tests.Kernels
{
    /// <summary>
    /// What generated element-wise loops rely on: <see cref="Lanes"/> reads and writes runs of eight and throws where the
    /// loop would index outside; <see cref="ValueTape"/> pushes eight lanes as eight pushes and pops them back in the
    /// order they were pushed; <see cref="SymMath.Sigmoid(Vector512{double})"/> agrees with the scalar form within a few
    /// ulps and keeps its stability at the extremes.
    /// </summary>
    public sealed class LanesTests
    {
        [Fact]
        public void LoadAndStoreMoveRunsOfEight()
        {
            double[] values = Enumerable.Range(0, 11).Select(k => k + 0.5).ToArray();
            Vector512<double> run = Lanes.Load(values, 3);
            Assert.Equal(new[] { 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5 }, Enumerable.Range(0, 8).Select(l => run[l]));
            double[] into = new double[10];
            Lanes.Store(into, 2, run);
            Assert.Equal(new[] { 0, 0, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5 }, into);
        }

        [Theory]
        [InlineData(4)]
        [InlineData(-1)]
        [InlineData(int.MaxValue)]
        public void RunsThatLeaveTheArrayThrowAsTheLoopWould(int start)
        {
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Load(new double[11], start));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Store(new double[11], start, Vector512<double>.Zero));
        }

        [Fact]
        public void EightLanesPushedAndPoppedAreEightValuesInOrder()
        {
            var tape = new ValueTape();
            for (int k = 0; k < 300; k++)
            {
                tape.Push(-k);
            }

            tape.Push(Vector512.Create(1.0, 2, 3, 4, 5, 6, 7, 8));
            tape.Push(9.0);
            Assert.Equal(309, tape.Count);
            Assert.Equal(9.0, tape.Pop());
            Assert.Equal(8.0, tape.Pop());
            tape.Push(8.0);
            Vector512<double> popped = tape.PopLanes();
            Assert.Equal(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8 }, Enumerable.Range(0, 8).Select(l => popped[l]));
            Assert.Equal(-299.0, tape.Pop());
            tape.Dispose();
            var empty = new ValueTape();
            empty.Push(1.0);
            Assert.Throws<InvalidOperationException>(() => empty.PopLanes());
        }

        [Fact]
        public void LanesAndSingleValuesInterleavedComeBackInReverseAcrossEveryGrowthOfTheTape()
        {
            // 300 runs of 8 doubles, 16 floats and one scalar: the 256-value buffer grows several times mid-run.
            var tape = new ValueTape();
            for (int run = 0; run < 300; run++)
            {
                tape.Push(Vector512.Create(Enumerable.Range(0, 8).Select(l => run + (l / 10.0)).ToArray()));
                tape.Push(Vector512.Create(Enumerable.Range(0, 16).Select(l => -run - (l / 100f)).ToArray()));
                tape.Push(run * 0.5);
            }

            Assert.Equal(300 * 25, tape.Count);
            for (int run = 299; run >= 0; run--)
            {
                Assert.Equal(run * 0.5, tape.Pop());
                Vector512<float> single = tape.PopSingleLanes();
                Assert.Equal(Enumerable.Range(0, 16).Select(l => -run - (l / 100f)), Enumerable.Range(0, 16).Select(l => single[l]));
                Vector512<double> lanes = tape.PopLanes();
                Assert.Equal(Enumerable.Range(0, 8).Select(l => run + (l / 10.0)), Enumerable.Range(0, 8).Select(l => lanes[l]));
            }

            Assert.Equal(0, tape.Count);
            Assert.Throws<InvalidOperationException>(() => tape.PopLanes());
            tape.Dispose();
        }

        [Fact]
        public void FloatLanesMoveRunsOfSixteenAndTheTapeKeepsThemExactly()
        {
            float[] values = Enumerable.Range(0, 20).Select(k => k + 0.1f).ToArray();
            Vector512<float> run = Lanes.Load(values, 4);
            float[] into = new float[17];
            Lanes.Store(into, 1, run);
            Assert.Equal(values.Skip(4).Take(16), into.Skip(1));
            Assert.Throws<IndexOutOfRangeException>(() => Lanes.Load(values, 5));
            var tape = new ValueTape();
            tape.Push(-1.0);
            tape.Push(run);
            Assert.Equal(17, tape.Count);
            Vector512<float> back = tape.PopSingleLanes();
            Assert.Equal(Enumerable.Range(0, 16).Select(l => run[l]), Enumerable.Range(0, 16).Select(l => back[l]));
            Assert.Equal(-1.0, tape.Pop());
            tape.Dispose();
            Vector512<float> sigmoid = SymMath.Sigmoid(Vector512.Create(0.5f));
            Assert.True(Math.Abs(sigmoid[3] - SymMath.Sigmoid(0.5f)) <= 2e-7f);
        }

        [Fact]
        public void VectorSigmoidAgreesWithTheScalarFormWithinAFewUlps()
        {
            var random = new Random(5);
            double[] x = Enumerable.Range(0, 4000).Select(_ => (random.NextDouble() - 0.5) * 80).Concat(new[] { 0.0, -0.0, 800, -800, 1e-300, -745, 710 }).ToArray();
            for (int k = 0; k + 8 <= x.Length; k += 8)
            {
                Vector512<double> lanes = SymMath.Sigmoid(Vector512.Create(x.AsSpan(k, 8)));
                for (int l = 0; l < 8; l++)
                {
                    double scalar = SymMath.Sigmoid(x[k + l]);
                    double ulp = Math.BitIncrement(Math.Abs(scalar)) - Math.Abs(scalar);
                    Assert.True(Math.Abs(lanes[l] - scalar) <= 4 * ulp, $"sigmoid({x[k + l]:R}): {lanes[l]:R} against {scalar:R}");
                }
            }

            Vector512<double> extremes = SymMath.Sigmoid(Vector512.Create(800.0, -800, double.NaN, 0, 36, -36, 1e-20, -1e-20));
            Assert.Equal(1.0, extremes[0]);
            Assert.Equal(0.0, extremes[1]);
            Assert.True(double.IsNaN(extremes[2]));
            Assert.Equal(0.5, extremes[3]);
        }
    

        [Fact]
        public void SumAddsTheLanesInItsDocumentedOrder()
        {
            // Values whose sum depends on the order: 1e16 + 1 rounds the 1 away, so each grouping gives its own result.
            double[] lanes = { 1e16, 1, -1e16, 1, 3, 1, -3, 1 };
            double expected = ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(Lanes.Sum(Vector512.Create(lanes))));
            Assert.NotEqual(expected, lanes.Sum());

            float[] single = Enumerable.Range(0, 16).Select(k => k % 3 == 0 ? 1e8f * (k % 2 == 0 ? 1 : -1) : k + 0.5f).ToArray();
            float[] level = single;
            while (level.Length > 1)
            {
                int half = level.Length / 2;
                level = Enumerable.Range(0, half).Select(k => level[k] + level[k + half]).ToArray();
            }

            Assert.Equal(BitConverter.SingleToInt32Bits(level[0]), BitConverter.SingleToInt32Bits(Lanes.Sum(Vector512.Create(single))));
        }

        [Fact]
        public void VectorSoftplusAgreesWithTheScalarFormWithinAFewUlps()
        {
            var random = new Random(6);
            double[] x = Enumerable.Range(0, 4000).Select(_ => (random.NextDouble() - 0.5) * 80)
                .Concat(new[] { 0.0, -0.0, 800, -800, 1e-300, -745, 710, -40, -37, -36.5, 36.5, 1e-10, -1e-10, 2.0, 3e-17, -740 }).ToArray();
            for (int k = 0; k + 8 <= x.Length; k += 8)
            {
                Vector512<double> lanes = SymMath.Softplus(Vector512.Create(x.AsSpan(k, 8)));
                for (int l = 0; l < 8; l++)
                {
                    double scalar = SymMath.Softplus(x[k + l]);
                    double ulp = Math.BitIncrement(Math.Abs(scalar)) - Math.Abs(scalar);
                    Assert.True(Math.Abs(lanes[l] - scalar) <= 4 * ulp, $"softplus({x[k + l]:R}): {lanes[l]:R} against {scalar:R}");
                }
            }

            Vector512<double> extremes = SymMath.Softplus(Vector512.Create(double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0, 800, -800, -50, 50));
            Assert.Equal(double.PositiveInfinity, extremes[0]);
            Assert.Equal(0.0, extremes[1]);
            Assert.True(double.IsNaN(extremes[2]));
            Assert.Equal(Math.Log(2), extremes[3], 15);
            Assert.Equal(800.0, extremes[4]);
            Assert.Equal(Math.Exp(-800), extremes[5]);
            Assert.Equal(Math.Exp(-50), extremes[6], 1e-30);

            var random32 = new Random(7);
            float[] f = Enumerable.Range(0, 1600).Select(_ => (float)((random32.NextDouble() - 0.5) * 60)).Concat(new[] { 0f, -0f, 100f, -100f, -17f, 1e-8f, -88f, 88f }).ToArray();
            for (int k = 0; k + 16 <= f.Length; k += 16)
            {
                Vector512<float> lanes = SymMath.Softplus(Vector512.Create(f.AsSpan(k, 16)));
                for (int l = 0; l < 16; l++)
                {
                    float scalar = SymMath.Softplus(f[k + l]);
                    float ulp = MathF.BitIncrement(MathF.Abs(scalar)) - MathF.Abs(scalar);
                    Assert.True(MathF.Abs(lanes[l] - scalar) <= 4 * ulp, $"softplus({f[k + l]:R}f): {lanes[l]:R} against {scalar:R}");
                }
            }
        }

        [Fact]
        public void SoftplusWithItsSigmoidGivesTheTwoCallsBits()
        {
            var random = new Random(8);
            double[] x = Enumerable.Range(0, 800).Select(_ => (random.NextDouble() - 0.5) * 80)
                .Concat(new[] { 0.0, -0.0, 800, -800, 1e-300, -745, 710, -40, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -36.5, 36.5, 1e-10, -1e-10, 3e-17 }).ToArray();
            for (int k = 0; k + 8 <= x.Length; k += 8)
            {
                Vector512<double> lanes = Vector512.Create(x.AsSpan(k, 8));
                Vector512<double> softplus = SymMath.Softplus(lanes, out Vector512<double> sigmoid);
                Assert.Equal(SymMath.Softplus(lanes).AsInt64(), softplus.AsInt64());
                Assert.Equal(SymMath.Sigmoid(lanes).AsInt64(), sigmoid.AsInt64());
            }

            float[] f = Enumerable.Range(0, 800).Select(_ => (float)((random.NextDouble() - 0.5) * 60))
                .Concat(new[] { 0f, -0f, 100f, -100f, -17f, 1e-8f, -88f, 88f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-38f, -1e-38f, 16f, -16f, 0.5f }).ToArray();
            for (int k = 0; k + 16 <= f.Length; k += 16)
            {
                Vector512<float> lanes = Vector512.Create(f.AsSpan(k, 16));
                Vector512<float> softplus = SymMath.Softplus(lanes, out Vector512<float> sigmoid);
                Assert.Equal(SymMath.Softplus(lanes).AsInt32(), softplus.AsInt32());
                Assert.Equal(SymMath.Sigmoid(lanes).AsInt32(), sigmoid.AsInt32());
            }
        }
    }
}
