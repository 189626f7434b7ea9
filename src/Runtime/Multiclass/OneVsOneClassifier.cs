using System;
using System.Collections.Generic;
using SymGrad.Data;

namespace SymGrad.Multiclass
{
    /// <summary>
    /// One-vs-one: K(K-1)/2 binary classifiers, one per pair of classes a &lt; b, each trained only on the rows of those two
    /// classes with target 1 for b and 0 for a. Each classifier votes for b when its probability is above 0.5, else for a;
    /// the class with most votes wins, ties broken by the summed confidence |p - 0.5| of the votes, then by the lowest class.
    /// </summary>
    public sealed class OneVsOneClassifier : IMulticlassClassifier
    {
        private readonly (int A, int B, IBinaryClassifier Classifier)[] pairs;

        private OneVsOneClassifier((int, int, IBinaryClassifier)[] pairs, int classCount, int featureCount)
        {
            this.pairs = pairs;
            ClassCount = classCount;
            FeatureCount = featureCount;
        }

        /// <inheritdoc />
        public int ClassCount { get; }

        /// <inheritdoc />
        public int FeatureCount { get; }

        /// <summary>The number of binary classifiers, K(K-1)/2.</summary>
        public int ClassifierCount => pairs.Length;

        /// <summary>Trains one binary classifier per pair of classes.</summary>
        /// <param name="data">A classification data set in which every class has at least one row.</param>
        /// <param name="trainer">Trains a binary classifier on 0/1 targets.</param>
        /// <returns>The combined classifier.</returns>
        public static OneVsOneClassifier Train(DataSet data, BinaryTrainer trainer)
        {
            ArgumentNullException.ThrowIfNull(data);
            ArgumentNullException.ThrowIfNull(trainer);
            if (data.ClassCount < 2)
            {
                throw new ArgumentException("One-vs-one needs a classification data set with at least two classes.", nameof(data));
            }

            int[] counts = data.ClassCounts();
            for (int k = 0; k < counts.Length; k++)
            {
                if (counts[k] == 0)
                {
                    throw new ArgumentException($"Class {k} has no rows, so its pairwise classifiers cannot be trained.", nameof(data));
                }
            }

            ReadOnlySpan<int> labels = data.Labels;
            var pairs = new List<(int, int, IBinaryClassifier)>();
            for (int a = 0; a < data.ClassCount; a++)
            {
                for (int b = a + 1; b < data.ClassCount; b++)
                {
                    var rows = new List<int>();
                    for (int i = 0; i < labels.Length; i++)
                    {
                        if (labels[i] == a || labels[i] == b)
                        {
                            rows.Add(i);
                        }
                    }

                    DataSet subset = data.Subset(rows.ToArray());
                    var targets = new double[subset.RowCount];
                    ReadOnlySpan<int> subsetLabels = subset.Labels;
                    for (int i = 0; i < targets.Length; i++)
                    {
                        targets[i] = subsetLabels[i] == b ? 1.0 : 0.0;
                    }

                    IBinaryClassifier classifier = trainer(subset.WithTargets(targets, 2)) ?? throw new InvalidOperationException($"The binary trainer returned null for classes {a} and {b}.");
                    pairs.Add((a, b, classifier));
                }
            }

            return new OneVsOneClassifier(pairs.ToArray(), data.ClassCount, data.FeatureCount);
        }

        /// <inheritdoc />
        public int Predict(ReadOnlySpan<double> features)
        {
            if (features.Length != FeatureCount)
            {
                throw new ArgumentException($"The classifier expects {FeatureCount} features but the row has {features.Length}.", nameof(features));
            }

            Span<int> votes = ClassCount <= 64 ? stackalloc int[ClassCount] : new int[ClassCount];
            Span<double> confidence = ClassCount <= 64 ? stackalloc double[ClassCount] : new double[ClassCount];
            foreach ((int a, int b, IBinaryClassifier classifier) in pairs)
            {
                double p = classifier.PredictProbability(features);
                int winner = p > 0.5 ? b : a;
                votes[winner]++;
                confidence[winner] += Math.Abs(p - 0.5);
            }

            int best = 0;
            for (int k = 1; k < ClassCount; k++)
            {
                if (votes[k] > votes[best] || (votes[k] == votes[best] && confidence[k] > confidence[best]))
                {
                    best = k;
                }
            }

            return best;
        }
    }
}
