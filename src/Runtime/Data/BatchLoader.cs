using System;
using System.Collections.Generic;

namespace SymGrad.Data
{
    /// <summary>
    /// Iterates a data set in mini-batches, like a PyTorch <c>DataLoader</c> with <c>drop_last=False</c>. Shuffling is seeded:
    /// the same seed gives the same batches. One <see cref="Batch"/> instance is reused, so iterating allocates nothing per batch.
    /// </summary>
    public sealed class BatchLoader
    {
        private readonly DataSet data;
        private readonly int[] order;
        private readonly Random? random;
        private int position;

        /// <summary>Creates a loader.</summary>
        /// <param name="data">The data set (at least one row).</param>
        /// <param name="batchSize">The number of rows per batch (positive); the last batch of an epoch may be smaller.</param>
        /// <param name="shuffle">Reshuffle the rows at the start of every epoch.</param>
        /// <param name="seed">The shuffling seed.</param>
        public BatchLoader(DataSet data, int batchSize, bool shuffle = true, int seed = 0)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (data.RowCount == 0)
            {
                throw new ArgumentException("The data set has no rows.", nameof(data));
            }

            if (batchSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
            }

            this.data = data;
            BatchSize = Math.Min(batchSize, data.RowCount);
            order = new int[data.RowCount];
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            random = shuffle ? new Random(seed) : null;
            Current = new Batch(BatchSize, data.FeatureCount);
            position = order.Length;
        }

        /// <summary>The number of rows per full batch.</summary>
        public int BatchSize { get; }

        /// <summary>The number of batches per epoch.</summary>
        public int BatchesPerEpoch => (order.Length + BatchSize - 1) / BatchSize;

        /// <summary>The current batch (the same instance after every <see cref="MoveNext"/>).</summary>
        public Batch Current { get; }

        /// <summary>Starts a new epoch, reshuffling when shuffling is on.</summary>
        public void StartEpoch()
        {
            if (random is not null)
            {
                for (int i = order.Length - 1; i > 0; i--)
                {
                    int j = random.Next(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }
            }

            position = 0;
        }

        /// <summary>Loads the next batch of the current epoch into <see cref="Current"/>.</summary>
        /// <returns>False when the epoch is finished.</returns>
        public bool MoveNext()
        {
            if (position >= order.Length)
            {
                return false;
            }

            int count = Math.Min(BatchSize, order.Length - position);
            Current.Fill(data, new ReadOnlySpan<int>(order, position, count));
            position += count;
            return true;
        }

        /// <summary>Starts an epoch and yields its batches (the same <see cref="Batch"/> instance each time).</summary>
        /// <returns>The batches of one epoch.</returns>
        public IEnumerable<Batch> Epoch()
        {
            StartEpoch();
            while (MoveNext())
            {
                yield return Current;
            }
        }
    }
}
