using System;
using System.Globalization;
using System.Text;

namespace SymGrad.Metrics
{
    /// <summary>Counts of (actual, predicted) class pairs; rows are actual classes, columns predicted classes (scikit-learn's layout).</summary>
    public sealed class ConfusionMatrix
    {
        private readonly int[] counts;

        /// <summary>Builds the matrix from actual and predicted labels.</summary>
        /// <param name="actual">The true labels in [0, classCount).</param>
        /// <param name="predicted">The predicted labels in [0, classCount), same length.</param>
        /// <param name="classCount">The number of classes (positive).</param>
        public ConfusionMatrix(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
        {
            if (classCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "The class count must be positive.");
            }

            MetricChecks.SameLength(actual.Length, predicted.Length, nameof(predicted));
            counts = new int[classCount * classCount];
            ClassCount = classCount;
            for (int i = 0; i < actual.Length; i++)
            {
                MetricChecks.Label(actual[i], classCount, i, nameof(actual));
                MetricChecks.Label(predicted[i], classCount, i, nameof(predicted));
                counts[(actual[i] * classCount) + predicted[i]]++;
            }

            Total = actual.Length;
        }

        /// <summary>The number of classes.</summary>
        public int ClassCount { get; }

        /// <summary>The number of samples counted.</summary>
        public int Total { get; }

        /// <summary>The number of samples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
        /// <param name="actual">The true class.</param>
        /// <param name="predicted">The predicted class.</param>
        public int this[int actual, int predicted]
        {
            get
            {
                MetricChecks.Label(actual, ClassCount, 0, nameof(actual));
                MetricChecks.Label(predicted, ClassCount, 0, nameof(predicted));
                return counts[(actual * ClassCount) + predicted];
            }
        }

        /// <summary>The number of correctly classified samples (the trace).</summary>
        public int Correct
        {
            get
            {
                int sum = 0;
                for (int c = 0; c < ClassCount; c++)
                {
                    sum += counts[(c * ClassCount) + c];
                }

                return sum;
            }
        }

        /// <summary>A table with actual classes as rows and predicted classes as columns.</summary>
        /// <returns>The table.</returns>
        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append("actual\\pred");
            for (int p = 0; p < ClassCount; p++)
            {
                text.Append(string.Format(CultureInfo.InvariantCulture, "{0,6}", p));
            }

            for (int a = 0; a < ClassCount; a++)
            {
                text.AppendLine();
                text.Append(string.Format(CultureInfo.InvariantCulture, "{0,11}", a));
                for (int p = 0; p < ClassCount; p++)
                {
                    text.Append(string.Format(CultureInfo.InvariantCulture, "{0,6}", counts[(a * ClassCount) + p]));
                }
            }

            return text.ToString();
        }
    }
}
