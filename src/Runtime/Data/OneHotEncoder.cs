using System;

namespace SymGrad.Data
{
    /// <summary>One-hot encoding of integer class labels.</summary>
    public static class OneHotEncoder
    {
        /// <summary>Encodes labels as a row-major matrix with one row per label and <paramref name="classCount"/> columns.</summary>
        /// <param name="labels">Integer labels in [0, classCount), stored as doubles (for example <see cref="DataSet.Targets"/>).</param>
        /// <param name="classCount">The number of classes (positive).</param>
        /// <returns>labels.Length * classCount values, 1 in each label's column and 0 elsewhere.</returns>
        public static double[] Encode(ReadOnlySpan<double> labels, int classCount)
        {
            var result = new double[labels.Length * ValidateClassCount(classCount)];
            Encode(labels, classCount, result);
            return result;
        }

        /// <summary>Encodes labels into an existing buffer (no allocation).</summary>
        /// <param name="labels">Integer labels in [0, classCount).</param>
        /// <param name="classCount">The number of classes (positive).</param>
        /// <param name="destination">At least labels.Length * classCount values; the used part is overwritten.</param>
        public static void Encode(ReadOnlySpan<double> labels, int classCount, Span<double> destination)
        {
            ValidateClassCount(classCount);
            if (destination.Length < labels.Length * classCount)
            {
                throw new ArgumentException($"The destination holds {destination.Length} values; {labels.Length * classCount} are needed.", nameof(destination));
            }

            destination.Slice(0, labels.Length * classCount).Clear();
            for (int i = 0; i < labels.Length; i++)
            {
                double label = labels[i];
                if (label != Math.Floor(label) || label < 0 || label >= classCount)
                {
                    throw new ArgumentException($"labels[{i}] = {label} is not an integer in [0, {classCount}).", nameof(labels));
                }

                destination[(i * classCount) + (int)label] = 1.0;
            }
        }

        private static int ValidateClassCount(int classCount)
        {
            if (classCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "The class count must be positive.");
            }

            return classCount;
        }
    }
}
