using System;

namespace SymGrad.Metrics
{
    /// <summary>Regression metrics.</summary>
    public static class RegressionMetrics
    {
        /// <summary>The mean squared error, mean((actual - predicted)^2).</summary>
        /// <param name="actual">The true values.</param>
        /// <param name="predicted">The predictions, same length (at least one).</param>
        /// <returns>The mean squared error.</returns>
        public static double MeanSquaredError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
        {
            MetricChecks.SameLength(actual.Length, predicted.Length, nameof(predicted));
            MetricChecks.NotEmpty(actual.Length);
            double sum = 0.0;
            for (int i = 0; i < actual.Length; i++)
            {
                double d = actual[i] - predicted[i];
                sum += d * d;
            }

            return sum / actual.Length;
        }
    }
}
