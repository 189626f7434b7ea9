using System;
using System.Linq;
using System.Threading;
using SymGrad.Data;
using SymGrad.Optimizers;
using SymGrad.Training;
using Xunit;

namespace SymGrad.Runtime.Tests.Training
{
    /// <summary>
    /// <see cref="ShardedGradient"/>: the same bits for every degree of parallelism, the unsharded result
    /// to rounding, a penalty counted once, failures and bad arguments reported, nothing allocated per
    /// call on the caller's thread, and the trainer's and learning-rate finder's option.
    /// </summary>
    [Collection(nameof(ShardedGradientTests))]
    [CollectionDefinition(nameof(ShardedGradientTests), DisableParallelization = true)]
    public sealed class ShardedGradientTests
    {
        private const int Features = 5;

        [Fact]
        public void EveryDegreeOfParallelismGivesTheSameBits()
        {
            Batch batch = Batch.FromDataSet(Data(1000));
            double[] parameters = Enumerable.Range(0, Features + 1).Select(i => 0.1 * Math.Sin(i + 1.0)).ToArray();
            (double loss, double[] gradient) = Run(parameters, batch, degree: 1, shardRows: 64);
            foreach (int degree in new[] { 2, 3, 4, 7 })
            {
                (double otherLoss, double[] other) = Run(parameters, batch, degree, shardRows: 64);
                Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(otherLoss));
                Assert.Equal(gradient.Select(BitConverter.DoubleToInt64Bits), other.Select(BitConverter.DoubleToInt64Bits));
            }
        }

        [Theory]
        [InlineData(1)]
        [InlineData(64)]
        [InlineData(999)]
        [InlineData(5000)]
        public void TheResultIsTheUnshardedMeanToRoundingAndThePenaltyCountsOnce(int shardRows)
        {
            Batch batch = Batch.FromDataSet(Data(1000));
            double[] parameters = Enumerable.Range(0, Features + 1).Select(i => 0.2 * Math.Cos(i + 1.0)).ToArray();
            var expected = new double[parameters.Length];
            double expectedLoss = Logistic(parameters, batch, expected);
            (double loss, double[] gradient) = Run(parameters, batch, degree: 2, shardRows);
            Assert.Equal(expectedLoss, loss, 1e-12 * Math.Abs(expectedLoss));
            for (int j = 0; j < gradient.Length; j++)
            {
                Assert.Equal(expected[j], gradient[j], 1e-12 * (1 + Math.Abs(expected[j])));
            }
        }

        [Fact]
        public void SumAddsTheShards()
        {
            Batch batch = Batch.FromDataSet(Data(300));
            LossAndGradient sum = (p, b, g) =>
            {
                double mean = Logistic(p, b, g);
                for (int j = 0; j < g.Length; j++)
                {
                    g[j] *= b.RowCount;
                }

                return mean * b.RowCount;
            };
            using var sharded = new ShardedGradient(sum, Features + 1, Features, new ShardedGradientOptions { DegreeOfParallelism = 2, ShardRows = 70, Combination = ShardCombination.Sum });
            double[] parameters = new double[Features + 1];
            var gradient = new double[Features + 1];
            var expected = new double[Features + 1];
            double loss = sharded.Compute(parameters, batch, gradient);
            double expectedLoss = sum(parameters, batch, expected);
            Assert.Equal(expectedLoss, loss, 1e-10 * Math.Abs(expectedLoss));
            Assert.Equal(expected[0], gradient[0], 1e-10 * (1 + Math.Abs(expected[0])));
        }

        [Fact]
        public void AShardsExceptionReachesTheCallerAndTheWorkersLive()
        {
            Batch batch = Batch.FromDataSet(Data(100));
            int calls = 0;
            LossAndGradient failing = (p, b, g) =>
            {
                if (b.SourceRows[0] >= 50 && Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("shard failed");
                }

                return Logistic(p, b, g);
            };
            using var sharded = new ShardedGradient(failing, Features + 1, Features, new ShardedGradientOptions { DegreeOfParallelism = 2, ShardRows = 25 });
            var gradient = new double[Features + 1];
            InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => sharded.Compute(new double[Features + 1], batch, gradient));
            Assert.Equal("shard failed", e.Message);
            Assert.True(double.IsFinite(sharded.Compute(new double[Features + 1], batch, gradient)));
        }

        [Fact]
        public void TheLowestFailingShardsExceptionReachesTheCallerForEveryDegree()
        {
            Batch batch = Batch.FromDataSet(Data(100));
            LossAndGradient failing = (p, b, g) => b.SourceRows[0] >= 25
                ? throw new InvalidOperationException("shard from row " + b.SourceRows[0])
                : Logistic(p, b, g);
            foreach (int degree in new[] { 1, 2, 4 })
            {
                using var sharded = new ShardedGradient(failing, Features + 1, Features, new ShardedGradientOptions { DegreeOfParallelism = degree, ShardRows = 25 });
                InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => sharded.Compute(new double[Features + 1], batch, new double[Features + 1]));
                Assert.Equal("shard from row 25", e.Message);
            }
        }

        [Fact]
        public void AnEmptyBatchIsTheWrappedFunctionsOwnCall()
        {
            var empty = new Batch(4, Features);
            using var sharded = new ShardedGradient((p, b, g) => b.RowCount == 0 ? 0.5 : 1.0, Features + 1, Features, new ShardedGradientOptions { DegreeOfParallelism = 2 });
            Assert.Equal(0.5, sharded.Compute(new double[Features + 1], empty, new double[Features + 1]));
        }

        [Fact]
        public void BadArgumentsAreRejected()
        {
            LossAndGradient f = Logistic;
            Assert.Throws<ArgumentOutOfRangeException>(() => new ShardedGradient(f, Features + 1, Features, new ShardedGradientOptions { DegreeOfParallelism = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ShardedGradient(f, Features + 1, Features, new ShardedGradientOptions { ShardRows = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ShardedGradient(f, 0, Features));
            Assert.Throws<ArgumentNullException>(() => new ShardedGradient(null!, 1, 1));
            var sharded = new ShardedGradient(f, Features + 1, Features, new ShardedGradientOptions { DegreeOfParallelism = 2 });
            Batch batch = Batch.FromDataSet(Data(10));
            ArgumentException lengths = Assert.Throws<ArgumentException>(() => sharded.Compute(new double[3], batch, new double[Features + 1]));
            Assert.Contains("6 values", lengths.Message);
            Assert.Throws<ArgumentException>(() => sharded.Compute(new double[Features + 1], Batch.FromDataSet(new DataSet(new double[4], new double[2], 2)), new double[Features + 1]));
            sharded.Dispose();
            sharded.Dispose();
            Assert.Throws<ObjectDisposedException>(() => sharded.Compute(new double[Features + 1], batch, new double[Features + 1]));
        }

        [Fact]
        public void TheCallersThreadAllocatesNothingPerCall()
        {
            Batch batch = Batch.FromDataSet(Data(1000));
            using var sharded = new ShardedGradient(Logistic, Features + 1, Features, new ShardedGradientOptions { DegreeOfParallelism = 2, ShardRows = 100 });
            double[] parameters = new double[Features + 1];
            var gradient = new double[Features + 1];
            sharded.Compute(parameters, batch, gradient);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                sharded.Compute(parameters, batch, gradient);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void TrainerAndFinderGiveTheSameBitsForEveryDegreeOfParallelism()
        {
            DataSet data = Data(2000);
            double[] Train(int degree)
            {
                var parameters = new double[Features + 1];
                var options = new TrainerOptions { Epochs = 3, BatchSize = 500, Seed = 4, Parallel = new ShardedGradientOptions { DegreeOfParallelism = degree, ShardRows = 128 } };
                TrainingResult result = new Trainer(new Adam(0.05), Logistic, options).Fit(parameters, data);
                Assert.Equal(StopReason.Completed, result.StopReason);
                return parameters;
            }

            Assert.Equal(Train(1).Select(BitConverter.DoubleToInt64Bits), Train(2).Select(BitConverter.DoubleToInt64Bits));

            double[] Find(int degree) => LearningRateFinder.Run(new Sgd(0.01), Logistic, new double[Features + 1], data, new LearningRateFinderOptions { Steps = 30, BatchSize = 400, Parallel = new ShardedGradientOptions { DegreeOfParallelism = degree, ShardRows = 100 } }).RawLosses.ToArray();
            Assert.Equal(Find(1).Select(BitConverter.DoubleToInt64Bits), Find(3).Select(BitConverter.DoubleToInt64Bits));
        }

        private static (double Loss, double[] Gradient) Run(double[] parameters, Batch batch, int degree, int shardRows)
        {
            using var sharded = new ShardedGradient(Logistic, parameters.Length, Features, new ShardedGradientOptions { DegreeOfParallelism = degree, ShardRows = shardRows });
            var gradient = new double[parameters.Length];
            double loss = sharded.Compute(parameters, batch, gradient);
            return (loss, gradient);
        }

        /// <summary>Mean logistic loss with the bias last, plus an L2 penalty that does not depend on the rows.</summary>
        private static double Logistic(ReadOnlySpan<double> p, Batch batch, Span<double> g)
        {
            ReadOnlySpan<double> x = batch.Features;
            ReadOnlySpan<double> y = batch.Targets;
            int m = batch.RowCount;
            double loss = 0.0;
            for (int i = 0; i < m; i++)
            {
                double z = p[Features];
                for (int j = 0; j < Features; j++)
                {
                    z += p[j] * x[(i * Features) + j];
                }

                loss += SymMath.Softplus(z) - (y[i] * z);
                double d = (SymMath.Sigmoid(z) - y[i]) / m;
                for (int j = 0; j < Features; j++)
                {
                    g[j] += d * x[(i * Features) + j];
                }

                g[Features] += d;
            }

            for (int j = 0; j < Features; j++)
            {
                loss += 0.01 * p[j] * p[j] * m;
                g[j] += 0.02 * p[j];
            }

            return loss / m;
        }

        private static DataSet Data(int rows)
        {
            var random = new Random(7);
            var x = new double[rows * Features];
            var y = new double[rows];
            for (int i = 0; i < rows; i++)
            {
                double z = 0.3;
                for (int j = 0; j < Features; j++)
                {
                    x[(i * Features) + j] = (2 * random.NextDouble()) - 1;
                    z += (j - 2) * x[(i * Features) + j];
                }

                y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
            }

            return new DataSet(x, y, Features, classCount: 2);
        }
    }
}
