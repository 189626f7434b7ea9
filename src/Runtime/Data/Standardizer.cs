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
        /// <param name="training">The training data (at least one row, finite features).</param>
        /// <returns>The fitted standardizer.</returns>
        /// <exception cref="UnsuitableDataException">A feature value is NaN or infinite.</exception>
        /// <remarks>
        /// Each column is summed after dividing it by a power of two just above its largest magnitude. That division is exact,
        /// so ordinary data get the same statistics as a plain sum, columns with values near <see cref="double.MaxValue"/>
        /// (around 1e308) get a finite mean and standard deviation instead of an overflowed sum of squares, and columns of tiny
        /// values (around 1e-300) keep their spread instead of squaring it to zero.
        /// </remarks>
        public static Standardizer Fit(DataSet training)
        {
            ArgumentNullException.ThrowIfNull(training);
            if (training.RowCount == 0)
            {
                throw new ArgumentException("Cannot fit a standardizer on an empty data set.", nameof(training));
            }

            int n = training.FeatureCount;
            int rows = training.RowCount;
            var exponents = new int[n];
            Array.Fill(exponents, int.MinValue);
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<double> row = training.Row(r);
                for (int j = 0; j < n; j++)
                {
                    if (!double.IsFinite(row[j]))
                    {
                        throw new UnsuitableDataException($"Row {r}, feature {j + 1} is {row[j]}; standardisation needs finite values.", nameof(training));
                    }

                    if (row[j] != 0.0)
                    {
                        exponents[j] = Math.Max(exponents[j], Math.ILogB(row[j]) + 1);
                    }
                }
            }

            for (int j = 0; j < n; j++)
            {
                exponents[j] = exponents[j] == int.MinValue ? 0 : exponents[j];
            }

            var means = new double[n];
            var scales = new double[n];
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<double> row = training.Row(r);
                for (int j = 0; j < n; j++)
                {
                    means[j] += Math.ScaleB(row[j], -exponents[j]);
                }
            }

            for (int j = 0; j < n; j++)
            {
                means[j] /= rows;
            }

            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<double> row = training.Row(r);
                for (int j = 0; j < n; j++)
                {
                    double d = Math.ScaleB(row[j], -exponents[j]) - means[j];
                    scales[j] += d * d;
                }
            }

            for (int j = 0; j < n; j++)
            {
                double sd = Math.ScaleB(Math.Sqrt(scales[j] / rows), exponents[j]);
                means[j] = Math.ScaleB(means[j], exponents[j]);
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
        /// <exception cref="UnsuitableDataException">A standardised value overflows (a value far outside the training range of a feature near 1e308).</exception>
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
                double x = features[i];
                double z = (x - means[j]) / scales[j];
                if (!double.IsFinite(z))
                {
                    // x - mean overflows for values of opposite sign near double.MaxValue; dividing first avoids that.
                    z = (x / scales[j]) - (means[j] / scales[j]);
                }

                if (!double.IsFinite(z))
                {
                    throw new UnsuitableDataException(
                        string.Format(System.Globalization.CultureInfo.InvariantCulture, "Row {0}, feature {1}: the standardised value of {2:G6} (mean {3:G6}, standard deviation {4:G6}) is not a finite number; rescale this feature before standardising.", i / n, j + 1, x, means[j], scales[j]),
                        nameof(features));
                }

                features[i] = z;
            }
        }
    }
}
