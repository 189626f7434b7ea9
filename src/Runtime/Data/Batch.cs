using System;

namespace SymGrad.Data
{
    /// <summary>
    /// One mini-batch: a row-major view of the batch's features and its targets. A <see cref="BatchLoader"/> reuses the same
    /// instance and buffers for every batch, so the spans are only valid until the loader moves to the next batch.
    /// </summary>
    public sealed class Batch
    {
        private double[] features;
        private double[] targets;
        private int[] rows;

        /// <summary>For a view (<see cref="ViewRows"/>): the first row of the viewed buffers this batch shows.</summary>
        private int firstRow;

        /// <summary>Whether the buffers are another batch's (<see cref="ViewRows"/>): such a batch is never filled.</summary>
        private bool isView;

        /// <summary>Creates an empty batch with room for <paramref name="capacity"/> rows.</summary>
        /// <param name="capacity">The largest number of rows (positive).</param>
        /// <param name="featureCount">The number of features per row (positive).</param>
        public Batch(int capacity, int featureCount)
        {
            if (capacity <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The batch capacity must be positive.");
            }

            if (featureCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "The feature count must be positive.");
            }

            features = new double[capacity * featureCount];
            targets = new double[capacity];
            rows = new int[capacity];
            FeatureCount = featureCount;
        }

        /// <summary>The number of rows in this batch (m).</summary>
        public int RowCount { get; private set; }

        /// <summary>The number of features per row (n).</summary>
        public int FeatureCount { get; }

        /// <summary>The largest number of rows the batch can hold.</summary>
        public int Capacity => targets.Length - firstRow;

        /// <summary>The features, RowCount * FeatureCount values, row-major.</summary>
        public ReadOnlySpan<double> Features => new ReadOnlySpan<double>(features, firstRow * FeatureCount, RowCount * FeatureCount);

        /// <summary>The targets (labels for classification), RowCount values.</summary>
        public ReadOnlySpan<double> Targets => new ReadOnlySpan<double>(targets, firstRow, RowCount);

        /// <summary>The indices of the rows in the source data set.</summary>
        public ReadOnlySpan<int> SourceRows => new ReadOnlySpan<int>(rows, firstRow, RowCount);

        /// <summary>
        /// Makes this batch a view of <paramref name="rowCount"/> rows of <paramref name="source"/> from
        /// <paramref name="first"/> on, sharing its buffers (no copy, no allocation): how
        /// <see cref="Training.ShardedGradient"/> hands each shard its rows. A view is read, never filled.
        /// </summary>
        internal void ViewRows(Batch source, int first, int rowCount)
        {
            if (source.FeatureCount != FeatureCount || first < 0 || rowCount < 0 || first + rowCount > source.RowCount)
            {
                throw new ArgumentException($"Rows {first} to {first + rowCount} of a batch of {source.RowCount} rows with {source.FeatureCount} features cannot be viewed by a batch of {FeatureCount} features.");
            }

            features = source.features;
            targets = source.targets;
            rows = source.rows;
            firstRow = source.firstRow + first;
            RowCount = rowCount;
            isView = true;
        }

        /// <summary>Fills the batch with the given rows of <paramref name="source"/>, reusing the buffers.</summary>
        /// <param name="source">The data set.</param>
        /// <param name="sourceRows">The row indices, at most <see cref="Capacity"/> of them.</param>
        public void Fill(DataSet source, ReadOnlySpan<int> sourceRows)
        {
            ArgumentNullException.ThrowIfNull(source);
            if (source.FeatureCount != FeatureCount)
            {
                throw new ArgumentException($"The data set has {source.FeatureCount} features but the batch holds {FeatureCount}.", nameof(source));
            }

            if (isView)
            {
                throw new InvalidOperationException("This batch is a view of another batch's rows; fill the other batch instead.");
            }

            if (sourceRows.Length > Capacity)
            {
                throw new ArgumentException($"{sourceRows.Length} rows do not fit a batch of capacity {Capacity}.", nameof(sourceRows));
            }

            ReadOnlySpan<double> allTargets = source.Targets;
            for (int i = 0; i < sourceRows.Length; i++)
            {
                int r = sourceRows[i];
                source.Row(r).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
                targets[i] = allTargets[r];
                rows[i] = r;
            }

            RowCount = sourceRows.Length;
        }

        /// <summary>Creates a batch holding a whole data set (useful for full-batch evaluation).</summary>
        /// <param name="source">The data set (at least one row).</param>
        /// <returns>The batch.</returns>
        public static Batch FromDataSet(DataSet source)
        {
            ArgumentNullException.ThrowIfNull(source);
            var batch = new Batch(Math.Max(1, source.RowCount), source.FeatureCount);
            int[] all = new int[source.RowCount];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = i;
            }

            batch.Fill(source, all);
            return batch;
        }
    }
}
