using System;
using System.Collections.Generic;

namespace SymGrad.Data
{
    /// <summary>
    /// An in-memory data set: a row-major feature matrix (rows x features) and one target per row.
    /// For classification the targets are the 0-based class labels stored as doubles; <see cref="ClassCount"/> is then positive.
    /// </summary>
    public sealed class DataSet
    {
        private readonly double[] features;
        private readonly double[] targets;
        private int[]? labels;

        /// <summary>Creates a data set. The arrays are used as they are (not copied); do not modify them afterwards.</summary>
        /// <param name="features">Row-major features, rowCount * featureCount values.</param>
        /// <param name="targets">One target per row.</param>
        /// <param name="featureCount">The number of features per row (positive).</param>
        /// <param name="classCount">The number of classes for classification (targets must be integers in [0, classCount)), or 0 for regression.</param>
        /// <param name="classNames">Optional class names, classCount of them.</param>
        /// <param name="featureNames">Optional feature names, featureCount of them.</param>
        /// <exception cref="ArgumentException">The sizes are inconsistent or a label is out of range.</exception>
        public DataSet(double[] features, double[] targets, int featureCount, int classCount = 0, IReadOnlyList<string>? classNames = null, IReadOnlyList<string>? featureNames = null)
        {
            ArgumentNullException.ThrowIfNull(features);
            ArgumentNullException.ThrowIfNull(targets);
            if (featureCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "A data set needs at least one feature.");
            }

            if (classCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "The class count cannot be negative (use 0 for regression).");
            }

            if ((long)targets.Length * featureCount != features.Length)
            {
                throw new ArgumentException($"{targets.Length} targets with {featureCount} features need {(long)targets.Length * featureCount} feature values, but there are {features.Length}.", nameof(features));
            }

            if (classCount > 0)
            {
                for (int i = 0; i < targets.Length; i++)
                {
                    double t = targets[i];
                    if (t != Math.Floor(t) || t < 0 || t >= classCount)
                    {
                        throw new ArgumentException($"Row {i} has label {t}, which is not an integer in [0, {classCount}).", nameof(targets));
                    }
                }
            }

            if (classNames is not null && classNames.Count != classCount)
            {
                throw new ArgumentException($"There are {classNames.Count} class names for {classCount} classes.", nameof(classNames));
            }

            if (featureNames is not null && featureNames.Count != featureCount)
            {
                throw new ArgumentException($"There are {featureNames.Count} feature names for {featureCount} features.", nameof(featureNames));
            }

            this.features = features;
            this.targets = targets;
            FeatureCount = featureCount;
            ClassCount = classCount;
            ClassNames = classNames;
            FeatureNames = featureNames;
        }

        /// <summary>The number of rows (samples).</summary>
        public int RowCount => targets.Length;

        /// <summary>The number of features per row.</summary>
        public int FeatureCount { get; }

        /// <summary>The number of classes, or 0 for a regression data set.</summary>
        public int ClassCount { get; }

        /// <summary>The class names, when known.</summary>
        public IReadOnlyList<string>? ClassNames { get; }

        /// <summary>The feature names, when known.</summary>
        public IReadOnlyList<string>? FeatureNames { get; }

        /// <summary>All features, row-major.</summary>
        public ReadOnlySpan<double> Features => features;

        /// <summary>All targets, one per row.</summary>
        public ReadOnlySpan<double> Targets => targets;

        /// <summary>The class labels as integers (classification data sets only).</summary>
        /// <exception cref="InvalidOperationException">The data set is a regression data set.</exception>
        public ReadOnlySpan<int> Labels
        {
            get
            {
                if (ClassCount == 0)
                {
                    throw new InvalidOperationException("This is a regression data set (ClassCount is 0); it has no class labels.");
                }

                if (labels is null)
                {
                    var result = new int[targets.Length];
                    for (int i = 0; i < result.Length; i++)
                    {
                        result[i] = (int)targets[i];
                    }

                    labels = result;
                }

                return labels;
            }
        }

        /// <summary>The features of one row.</summary>
        /// <param name="row">The row index.</param>
        /// <returns>The row's features.</returns>
        public ReadOnlySpan<double> Row(int row)
        {
            if ((uint)row >= (uint)RowCount)
            {
                throw new ArgumentOutOfRangeException(nameof(row), row, $"The data set has {RowCount} rows.");
            }

            return new ReadOnlySpan<double>(features, row * FeatureCount, FeatureCount);
        }

        /// <summary>Returns a new data set with the given rows, in the given order.</summary>
        /// <param name="rows">Row indices; repeats are allowed.</param>
        /// <returns>The subset (copied).</returns>
        public DataSet Subset(ReadOnlySpan<int> rows)
        {
            var f = new double[rows.Length * FeatureCount];
            var t = new double[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                Row(rows[i]).CopyTo(f.AsSpan(i * FeatureCount, FeatureCount));
                t[i] = targets[rows[i]];
            }

            return new DataSet(f, t, FeatureCount, ClassCount, ClassNames, FeatureNames);
        }

        /// <summary>Returns a copy with new targets (same features), for example 0/1 targets for a binary sub-problem.</summary>
        /// <param name="newTargets">One target per row.</param>
        /// <param name="classCount">The class count of the new targets, or 0 for regression.</param>
        /// <returns>The new data set; the feature array is shared.</returns>
        public DataSet WithTargets(double[] newTargets, int classCount)
        {
            ArgumentNullException.ThrowIfNull(newTargets);
            if (newTargets.Length != RowCount)
            {
                throw new ArgumentException($"There are {newTargets.Length} targets for {RowCount} rows.", nameof(newTargets));
            }

            return new DataSet(features, newTargets, FeatureCount, classCount, null, FeatureNames);
        }

        /// <summary>Counts the rows of each class (classification data sets only).</summary>
        /// <returns>An array of ClassCount counts.</returns>
        public int[] ClassCounts()
        {
            ReadOnlySpan<int> l = Labels;
            var counts = new int[ClassCount];
            foreach (int label in l)
            {
                counts[label]++;
            }

            return counts;
        }
    }
}
