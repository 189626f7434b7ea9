using System;
using System.Collections.Generic;

namespace SymGrad.Data
{
    /// <summary>Train/test splits: stratified (each class keeps its proportion) and plain random, both seeded.</summary>
    public static class DataSplit
    {
        /// <summary>
        /// Splits a classification data set so that each class contributes round(count * testFraction) rows to the test set
        /// (at least one row to each side when the class has two or more rows). Rows are chosen by a seeded shuffle.
        /// </summary>
        /// <param name="data">A classification data set.</param>
        /// <param name="testFraction">The test fraction, strictly between 0 and 1.</param>
        /// <param name="seed">The shuffling seed.</param>
        /// <returns>The training and test sets.</returns>
        public static (DataSet Train, DataSet Test) Stratified(DataSet data, double testFraction, int seed)
        {
            ArgumentNullException.ThrowIfNull(data);
            ValidateFraction(testFraction);
            if (data.ClassCount == 0)
            {
                throw new ArgumentException("A stratified split needs a classification data set (ClassCount > 0); use DataSplit.Random for regression.", nameof(data));
            }

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
                int testCount = (int)Math.Round(shuffled.Length * testFraction, MidpointRounding.AwayFromZero);
                if (shuffled.Length >= 2)
                {
                    testCount = Math.Clamp(testCount, 1, shuffled.Length - 1);
                }

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
        public static (DataSet Train, DataSet Test) Random(DataSet data, double testFraction, int seed)
        {
            ArgumentNullException.ThrowIfNull(data);
            ValidateFraction(testFraction);
            if (data.RowCount < 2)
            {
                throw new ArgumentException("A split needs at least two rows.", nameof(data));
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
