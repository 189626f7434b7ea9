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
    }
}
