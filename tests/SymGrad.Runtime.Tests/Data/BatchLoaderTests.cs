using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Data;
using Xunit;

namespace SymGrad.Runtime.Tests.Data
{
    public class BatchLoaderTests
    {
        private static DataSet Rows(int count) =>
            new DataSet(Enumerable.Range(0, count).SelectMany(i => new[] { (double)i, -i }).ToArray(), Enumerable.Range(0, count).Select(i => (double)i * 10).ToArray(), 2);

        [Fact]
        public void EpochCoversEveryRowOnceWithASmallerLastBatch()
        {
            var loader = new BatchLoader(Rows(10), batchSize: 4, shuffle: true, seed: 7);
            var sizes = new List<int>();
            var seen = new List<double>();
            foreach (Batch batch in loader.Epoch())
            {
                sizes.Add(batch.RowCount);
                for (int i = 0; i < batch.RowCount; i++)
                {
                    double id = batch.Features[i * 2];
                    Assert.Equal(-id, batch.Features[(i * 2) + 1]);
                    Assert.Equal(id * 10, batch.Targets[i]);
                    Assert.Equal((int)id, batch.SourceRows[i]);
                    seen.Add(id);
                }
            }

            Assert.Equal(new[] { 4, 4, 2 }, sizes);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), seen.OrderBy(v => v));
            Assert.NotEqual(Enumerable.Range(0, 10).Select(i => (double)i), seen);
            Assert.Equal(3, loader.BatchesPerEpoch);
        }

        [Fact]
        public void SameSeedSameOrderAndWithoutShuffleInOrder()
        {
            double[] Order(BatchLoader l) => l.Epoch().SelectMany(b => b.Targets.ToArray()).ToArray();
            Assert.Equal(Order(new BatchLoader(Rows(20), 3, true, 5)), Order(new BatchLoader(Rows(20), 3, true, 5)));
            Assert.Equal(Enumerable.Range(0, 20).Select(i => i * 10.0), Order(new BatchLoader(Rows(20), 3, shuffle: false)));
        }

        [Fact]
        public void IterationReusesOneBatchAndDoesNotAllocatePerBatch()
        {
            var loader = new BatchLoader(Rows(1000), batchSize: 8, shuffle: true, seed: 1);
            Batch first = loader.Current;
            loader.StartEpoch();
            loader.MoveNext();
            double sum = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int epoch = 0; epoch < 5; epoch++)
            {
                loader.StartEpoch();
                while (loader.MoveNext())
                {
                    sum += loader.Current.Targets[0];
                }
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Same(first, loader.Current);
            Assert.True(allocated < 1024, $"iterating 625 batches allocated {allocated} bytes");
            Assert.True(sum > 0);
        }

        [Fact]
        public void BadArgumentsAreRejected()
        {
            Assert.Throws<ArgumentOutOfRangeException>("batchSize", () => new BatchLoader(Rows(3), 0));
            Assert.Throws<ArgumentException>("sourceRows", () => new Batch(2, 2).Fill(Rows(5), new[] { 0, 1, 2 }));
        }
    }
}
