using System;
using SymGrad.Data;

namespace SymGrad.Multiclass
{
    /// <summary>
    /// One-vs-rest: K binary classifiers, classifier k trained to separate class k (target 1) from all others (target 0).
    /// A row is assigned to the class whose classifier gives the highest probability (ties go to the lowest class).
    /// </summary>
    public sealed class OneVsRestClassifier : IMulticlassClassifier
    {
        private readonly IBinaryClassifier[] classifiers;

        private OneVsRestClassifier(IBinaryClassifier[] classifiers, int featureCount)
        {
            this.classifiers = classifiers;
            FeatureCount = featureCount;
        }

        /// <inheritdoc />
        public int ClassCount => classifiers.Length;

        /// <inheritdoc />
        public int FeatureCount { get; }

        /// <summary>The number of binary classifiers (K).</summary>
        public int ClassifierCount => classifiers.Length;

        /// <summary>Trains one binary classifier per class.</summary>
        /// <param name="data">A classification data set with at least two classes.</param>
        /// <param name="trainer">Trains a binary classifier on 0/1 targets.</param>
        /// <returns>The combined classifier.</returns>
        public static OneVsRestClassifier Train(DataSet data, BinaryTrainer trainer)
        {
            ArgumentNullException.ThrowIfNull(data);
            ArgumentNullException.ThrowIfNull(trainer);
            if (data.ClassCount < 2)
            {
                throw new ArgumentException("One-vs-rest needs a classification data set with at least two classes.", nameof(data));
            }

            ReadOnlySpan<int> labels = data.Labels;
            var classifiers = new IBinaryClassifier[data.ClassCount];
            for (int k = 0; k < classifiers.Length; k++)
            {
                var targets = new double[data.RowCount];
                for (int i = 0; i < targets.Length; i++)
                {
                    targets[i] = labels[i] == k ? 1.0 : 0.0;
                }

                classifiers[k] = trainer(data.WithTargets(targets, 2)) ?? throw new InvalidOperationException($"The binary trainer returned null for class {k}.");
            }

            return new OneVsRestClassifier(classifiers, data.FeatureCount);
        }

        /// <inheritdoc />
        public int Predict(ReadOnlySpan<double> features)
        {
            if (features.Length != FeatureCount)
            {
                throw new ArgumentException($"The classifier expects {FeatureCount} features but the row has {features.Length}.", nameof(features));
            }

            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int k = 0; k < classifiers.Length; k++)
            {
                double score = classifiers[k].PredictProbability(features);
                if (score > bestScore)
                {
                    bestScore = score;
                    best = k;
                }
            }

            return best;
        }
    }
}
