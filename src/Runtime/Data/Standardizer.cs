using System;

namespace SymGrad.Data
{
    /// <summary>
    /// Feature standardisation (z-scores) like scikit-learn's <c>StandardScaler</c>: fit means and population standard deviations
    /// on the training data only, then apply the same transform to training, validation and test data.
    /// A constant feature gets a scale of 1 so it maps to 0 instead of dividing by zero.
    /// </summary>
    public sealed class Standardizer
    {
        private readonly double[] means;
        private readonly double[] scales;

        private Standardizer(double[] means, double[] scales)
        {
            this.means = means;
            this.scales = scales;
        }

        /// <summary>The per-feature means.</summary>
        public ReadOnlySpan<double> Means => means;

        /// <summary>The per-feature scales (population standard deviations, 1 for constant features).</summary>
        public ReadOnlySpan<double> Scales => scales;

        /// <summary>Fits the means and scales on <paramref name="training"/>.</summary>
        /// <param name="training">The training data (at least one row).</param>
        /// <returns>The fitted standardizer.</returns>
        public static Standardizer Fit(DataSet training)
        {
            ArgumentNullException.ThrowIfNull(training);
            if (training.RowCount == 0)
            {
                throw new ArgumentException("Cannot fit a standardizer on an empty data set.", nameof(training));
            }

            int n = training.FeatureCount;
            var means = new double[n];
            var scales = new double[n];
            for (int r = 0; r < training.RowCount; r++)
            {
                ReadOnlySpan<double> row = training.Row(r);
                for (int j = 0; j < n; j++)
                {
                    means[j] += row[j];
                }
            }

            for (int j = 0; j < n; j++)
            {
                means[j] /= training.RowCount;
            }

            for (int r = 0; r < training.RowCount; r++)
            {
                ReadOnlySpan<double> row = training.Row(r);
                for (int j = 0; j < n; j++)
                {
                    double d = row[j] - means[j];
                    scales[j] += d * d;
                }
            }

            for (int j = 0; j < n; j++)
            {
                double sd = Math.Sqrt(scales[j] / training.RowCount);
                scales[j] = sd > 0.0 ? sd : 1.0;
            }

            return new Standardizer(means, scales);
        }

        /// <summary>Returns a standardised copy of <paramref name="data"/> (targets and names kept).</summary>
        /// <param name="data">Data with the same feature count as the fitted data.</param>
        /// <returns>The transformed copy.</returns>
        public DataSet Transform(DataSet data)
        {
            ArgumentNullException.ThrowIfNull(data);
            if (data.FeatureCount != means.Length)
            {
                throw new ArgumentException($"The standardizer was fitted on {means.Length} features but the data have {data.FeatureCount}.", nameof(data));
            }

            double[] features = data.Features.ToArray();
            TransformInPlace(features);
            return new DataSet(features, data.Targets.ToArray(), data.FeatureCount, data.ClassCount, data.ClassNames, data.FeatureNames);
        }

        /// <summary>Standardises row-major features in place (any number of whole rows).</summary>
        /// <param name="features">The features; the length must be a multiple of the feature count.</param>
        public void TransformInPlace(Span<double> features)
        {
            int n = means.Length;
            if (features.Length % n != 0)
            {
                throw new ArgumentException($"{features.Length} values are not whole rows of {n} features.", nameof(features));
            }

            for (int i = 0; i < features.Length; i++)
            {
                int j = i % n;
                features[i] = (features[i] - means[j]) / scales[j];
            }
        }
    }
}
