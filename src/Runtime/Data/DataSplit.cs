using System;
using System.Collections.Generic;

namespace SymGrad.Data
{
    /// <summary>Train/test splits: stratified (each class keeps its proportion) and plain random, both seeded.</summary>
    public static class DataSplit
    {
        /// <summary>
        /// Splits a classification data set so that each class contributes round(count * testFraction) rows to the test set,
        /// but at least one row to each side. Rows are chosen by a seeded shuffle.
        /// </summary>
        /// <param name="data">A classification data set with at least two classes and at least two rows of every class.</param>
        /// <param name="testFraction">The test fraction, strictly between 0 and 1.</param>
        /// <param name="seed">The shuffling seed.</param>
        /// <returns>The training and test sets; both contain every class.</returns>
        /// <exception cref="UnsuitableDataException">
        /// The data have fewer than two classes, or a class has fewer than two rows (so the training or the test part would miss it):
        /// a classifier trained or scored on such a split gives no meaningful result.
        /// </exception>
        public static (DataSet Train, DataSet Test) Stratified(DataSet data, double testFraction, int seed)
        {
            ArgumentNullException.ThrowIfNull(data);
            ValidateFraction(testFraction);
            if (data.ClassCount == 0)
            {
                throw new ArgumentException("A stratified split needs a classification data set (ClassCount > 0); use DataSplit.Random for regression.", nameof(data));
            }

            RequireSplittableClasses(data);
            var random = new System.Random(seed);
            var byClass = new List<int>[data.ClassCount];
            for (int c = 0; c < byClass.Length; c++)
            {
                byClass[c] = new List<int>();
            }

            ReadOnlySpan<int> labels = data.Labels;
            for (int i = 0; i < labels.Length; i++)
            {
                byClass[labels[i]].Add(i);
            }

            var train = new List<int>();
            var test = new List<int>();
            foreach (List<int> rows in byClass)
            {
                int[] shuffled = rows.ToArray();
                Shuffle(shuffled, random);
                int testCount = Math.Clamp((int)Math.Round(shuffled.Length * testFraction, MidpointRounding.AwayFromZero), 1, shuffled.Length - 1);

                test.AddRange(new ArraySegment<int>(shuffled, 0, testCount));
                train.AddRange(new ArraySegment<int>(shuffled, testCount, shuffled.Length - testCount));
            }

            int[] trainRows = train.ToArray();
            int[] testRows = test.ToArray();
            Shuffle(trainRows, random);
            Shuffle(testRows, random);
            return (data.Subset(trainRows), data.Subset(testRows));
        }

        /// <summary>Splits any data set at random: round(rows * testFraction) rows (at least one, at most rows - 1) go to the test set.</summary>
        /// <param name="data">The data set (at least two rows).</param>
        /// <param name="testFraction">The test fraction, strictly between 0 and 1.</param>
        /// <param name="seed">The shuffling seed.</param>
        /// <returns>The training and test sets.</returns>
        /// <exception cref="UnsuitableDataException">The data have fewer than two rows, so one side would be empty.</exception>
        public static (DataSet Train, DataSet Test) Random(DataSet data, double testFraction, int seed)
        {
            ArgumentNullException.ThrowIfNull(data);
            ValidateFraction(testFraction);
            if (data.RowCount < 2)
            {
                throw new UnsuitableDataException($"The data have {data.RowCount} row(s); a train/test split needs at least two, so that neither part is empty.", nameof(data));
            }

            int[] rows = new int[data.RowCount];
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = i;
            }

            Shuffle(rows, new System.Random(seed));
            int testCount = Math.Clamp((int)Math.Round(rows.Length * testFraction, MidpointRounding.AwayFromZero), 1, rows.Length - 1);
            return (data.Subset(rows.AsSpan(testCount)), data.Subset(rows.AsSpan(0, testCount)));
        }

        /// <summary>Refuses class layouts for which a stratified split cannot put every class on both sides.</summary>
        private static void RequireSplittableClasses(DataSet data)
        {
            int[] counts = data.ClassCounts();
            int present = 0;
            for (int c = 0; c < counts.Length; c++)
            {
                present += counts[c] > 0 ? 1 : 0;
            }

            if (present == 0)
            {
                throw new UnsuitableDataException("The data have no rows to split.", nameof(data));
            }

            if (present < 2)
            {
                throw new UnsuitableDataException($"All {data.RowCount} rows belong to one class ({ClassName(data, Array.FindIndex(counts, n => n > 0))}); a classifier needs rows of at least two classes.", nameof(data));
            }

            for (int c = 0; c < counts.Length; c++)
            {
                if (counts[c] < 2)
                {
                    string rows = counts[c] == 0 ? "no rows" : "only one row";
                    throw new UnsuitableDataException($"Class {ClassName(data, c)} has {rows}; a stratified split needs at least two rows of every class of 0..{data.ClassCount - 1}, so that both the training and the test part contain it.", nameof(data));
                }
            }
        }

        private static string ClassName(DataSet data, int label) =>
            data.ClassNames is { } names && !string.IsNullOrEmpty(names[label]) ? $"{label} ('{names[label]}')" : label.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static void ValidateFraction(double testFraction)
        {
            if (double.IsNaN(testFraction) || testFraction <= 0.0 || testFraction >= 1.0)
            {
                throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be strictly between 0 and 1.");
            }
        }

        private static void Shuffle(int[] values, System.Random random)
        {
            for (int i = values.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (values[i], values[j]) = (values[j], values[i]);
            }
        }
    }
}
