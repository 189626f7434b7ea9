using System;
using System.Linq;
using System.Threading;
using Xunit;

namespace SymGrad.Runtime.Tests
{
    /// <summary>
    /// <see cref="ScratchPool{T}"/>: lengths, reuse on one thread without allocating, overflow past the slots and long
    /// arrays through <c>ArrayPool&lt;T&gt;.Shared</c> (still without allocating in steady state), and clear errors.
    /// </summary>
    public sealed class ScratchPoolTests
    {
        [Theory]
        [InlineData(1, 16)]
        [InlineData(16, 16)]
        [InlineData(17, 32)]
        [InlineData(1000, 1024)]
        [InlineData(65536, 65536)]
        [InlineData(65537, 131072)]
        public void RentGivesAPowerOfTwoOfAtLeastTheLength(int length, int expected)
        {
            double[] array = ScratchPool<double>.Rent(length);
            Assert.Equal(expected, array.Length);
            ScratchPool<double>.Return(array);
        }

        [Fact]
        public void ZeroGivesTheEmptyArrayAndANegativeLengthThrows()
        {
            Assert.Empty(ScratchPool<float>.Rent(0));
            ScratchPool<float>.Return(Array.Empty<float>());
            Assert.Throws<ArgumentOutOfRangeException>(() => ScratchPool<double>.Rent(-1));
        }

        [Fact]
        public void AnArrayReturnedOnAThreadIsRentedAgainThere()
        {
            // A fresh thread: nothing of other tests in its slots.
            double[]? first = null, second = null;
            var thread = new Thread(() =>
            {
                first = ScratchPool<double>.Rent(100);
                ScratchPool<double>.Return(first);
                second = ScratchPool<double>.Rent(70);
            });
            thread.Start();
            thread.Join();
            Assert.Same(first, second);
        }

        [Fact]
        public void ManyArraysOfOneLengthAtOnceAllocateNothingInSteadyState()
        {
            const int held = ScratchPool<double>.Slots + 5; // past the slots: the rest through ArrayPool<double>.Shared
            long allocated = -1;
            var thread = new Thread(() =>
            {
                double[][] arrays = new double[held][];
                void Cycle()
                {
                    for (int i = 0; i < held; i++)
                    {
                        arrays[i] = ScratchPool<double>.Rent(20);
                    }

                    double[] large = ScratchPool<double>.Rent(100_000);
                    Assert.Equal(held, arrays.Distinct().Count());
                    ScratchPool<double>.Return(large);
                    foreach (double[] array in arrays)
                    {
                        ScratchPool<double>.Return(array);
                    }
                }

                for (int warm = 0; warm < 3; warm++)
                {
                    Cycle();
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 20; i++)
                {
                    for (int j = 0; j < held; j++)
                    {
                        arrays[j] = ScratchPool<double>.Rent(20);
                    }

                    double[] large = ScratchPool<double>.Rent(100_000);
                    ScratchPool<double>.Return(large);
                    foreach (double[] array in arrays)
                    {
                        ScratchPool<double>.Return(array);
                    }
                }

                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            });
            thread.Start();
            thread.Join();
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void AnArrayOfALengthThePoolDoesNotHandOutIsRefused()
        {
            ArgumentException error = Assert.Throws<ArgumentException>(() => ScratchPool<double>.Return(new double[20]));
            Assert.Contains("not rented from ScratchPool", error.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => ScratchPool<double>.Return(new double[8]));
            Assert.Throws<ArgumentNullException>(() => ScratchPool<double>.Return(null!));
        }

        [Fact]
        public void ReturnRentedSkipsAMissingBufferAndTakesBackARentedOne()
        {
            // Generated code keeps small scratch on the stack and leaves its buffer null (docs/how-it-works.md).
            ScratchPool<double>.ReturnRented(null);
            double[] rented = ScratchPool<double>.Rent(100);
            ScratchPool<double>.ReturnRented(rented);
            double[] again = ScratchPool<double>.Rent(100);
            Assert.Same(rented, again);
            ScratchPool<double>.Return(again);
            Assert.Throws<ArgumentException>(() => ScratchPool<double>.ReturnRented(new double[20]));
        }

        [Fact]
        public void ClearedGivesTheBuffersFirstElementsZeroed()
        {
            double[] buffer = new double[128];
            Array.Fill(buffer, double.NaN);
            Span<double> span = ScratchPool<double>.Cleared(buffer, 70);
            Assert.Equal(70, span.Length);
            Assert.All(span.ToArray(), v => Assert.Equal(0.0, v));
            Assert.True(double.IsNaN(buffer[70]));
        }
    }
}
