using System;
using SymGrad.Data;
using SymGrad.Metrics;

namespace SymGrad.Multiclass
{
    /// <summary>Batch prediction and scoring helpers for <see cref="IMulticlassClassifier"/>.</summary>
    public static class MulticlassClassifierExtensions
    {
        /// <summary>Predicts every row of <paramref name="data"/>.</summary>
        /// <param name="classifier">The classifier.</param>
        /// <param name="data">Data with the classifier's feature count.</param>
        /// <returns>One predicted class per row.</returns>
        public static int[] PredictAll(this IMulticlassClassifier classifier, DataSet data)
        {
            ArgumentNullException.ThrowIfNull(classifier);
            ArgumentNullException.ThrowIfNull(data);
            if (data.FeatureCount != classifier.FeatureCount)
            {
                throw new ArgumentException($"The classifier expects {classifier.FeatureCount} features but the data have {data.FeatureCount}.", nameof(data));
            }

            var result = new int[data.RowCount];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = classifier.Predict(data.Row(i));
            }

            return result;
        }

        /// <summary>The accuracy on a labelled data set.</summary>
        /// <param name="classifier">The classifier.</param>
        /// <param name="data">A classification data set.</param>
        /// <returns>The fraction of rows predicted correctly.</returns>
        public static double Accuracy(this IMulticlassClassifier classifier, DataSet data)
        {
            ArgumentNullException.ThrowIfNull(data);
            return ClassificationMetrics.Accuracy(data.Labels, classifier.PredictAll(data));
        }
    }
}
