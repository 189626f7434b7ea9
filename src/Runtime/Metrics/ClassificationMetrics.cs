using System;

namespace SymGrad.Metrics
{
    /// <summary>Classification metrics: accuracy, the empirical 0-1 loss, the confusion matrix and log-loss (cross-entropy).</summary>
    public static class ClassificationMetrics
    {
        /// <summary>The fraction of samples whose predicted label equals the actual label.</summary>
        /// <param name="actual">The true labels.</param>
        /// <param name="predicted">The predicted labels, same length (at least one).</param>
        /// <returns>A value in [0, 1].</returns>
        public static double Accuracy(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
        {
            MetricChecks.SameLength(actual.Length, predicted.Length, nameof(predicted));
            MetricChecks.NotEmpty(actual.Length);
            return (double)(actual.Length - ZeroOneLoss(actual, predicted)) / actual.Length;
        }

        /// <summary>
        /// The empirical 0-1 loss: the number of misclassified samples, sum over i of [predicted_i != actual_i].
        /// It is what accuracy measures, but it is piecewise constant in the model parameters: small parameter changes
        /// almost never change a prediction, so its gradient is zero almost everywhere (and undefined where a prediction flips).
        /// Gradient descent therefore cannot minimise it; train a smooth surrogate such as the log-loss instead and report this.
        /// </summary>
        /// <param name="actual">The true labels.</param>
        /// <param name="predicted">The predicted labels, same length.</param>
        /// <returns>The count of misclassified samples.</returns>
        public static int ZeroOneLoss(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
        {
            MetricChecks.SameLength(actual.Length, predicted.Length, nameof(predicted));
            int wrong = 0;
            for (int i = 0; i < actual.Length; i++)
            {
                if (actual[i] != predicted[i])
                {
                    wrong++;
                }
            }

            return wrong;
        }

        /// <summary>The confusion matrix (rows actual, columns predicted).</summary>
        /// <param name="actual">The true labels.</param>
        /// <param name="predicted">The predicted labels.</param>
        /// <param name="classCount">The number of classes.</param>
        /// <returns>The matrix.</returns>
        public static ConfusionMatrix ConfusionMatrix(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount) =>
            new ConfusionMatrix(actual, predicted, classCount);

        /// <summary>
        /// Binary log-loss: -mean(y log p + (1 - y) log(1 - p)), with p clipped to [epsilon, 1 - epsilon] like scikit-learn.
        /// </summary>
        /// <param name="actual">Labels 0 or 1.</param>
        /// <param name="probabilities">Predicted probabilities of class 1, in [0, 1].</param>
        /// <param name="epsilon">The clipping bound, in (0, 0.5).</param>
        /// <returns>The mean negative log-likelihood.</returns>
        public static double BinaryLogLoss(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, double epsilon = 1e-15)
        {
            MetricChecks.SameLength(actual.Length, probabilities.Length, nameof(probabilities));
            MetricChecks.NotEmpty(actual.Length);
            ValidateEpsilon(epsilon);
            double sum = 0.0;
            for (int i = 0; i < actual.Length; i++)
            {
                MetricChecks.Label(actual[i], 2, i, nameof(actual));
                double p = ValidateProbability(probabilities[i], i, nameof(probabilities));
                p = Math.Clamp(p, epsilon, 1.0 - epsilon);
                sum -= actual[i] == 1 ? Math.Log(p) : Math.Log(1.0 - p);
            }

            return sum / actual.Length;
        }

        /// <summary>Multi-class log-loss: -mean(log p[i, actual_i]) with probabilities clipped to [epsilon, 1 - epsilon].</summary>
        /// <param name="actual">Labels in [0, classCount).</param>
        /// <param name="probabilities">Row-major probabilities, actual.Length * classCount values.</param>
        /// <param name="classCount">The number of classes.</param>
        /// <param name="epsilon">The clipping bound, in (0, 0.5).</param>
        /// <returns>The mean negative log-likelihood.</returns>
        public static double LogLoss(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int classCount, double epsilon = 1e-15)
        {
            if (classCount <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "The class count must be positive.");
            }

            MetricChecks.NotEmpty(actual.Length);
            ValidateEpsilon(epsilon);
            if (probabilities.Length != actual.Length * classCount)
            {
                throw new ArgumentException($"{actual.Length} samples with {classCount} classes need {actual.Length * classCount} probabilities, not {probabilities.Length}.", nameof(probabilities));
            }

            double sum = 0.0;
            for (int i = 0; i < actual.Length; i++)
            {
                MetricChecks.Label(actual[i], classCount, i, nameof(actual));
                double p = ValidateProbability(probabilities[(i * classCount) + actual[i]], i, nameof(probabilities));
                sum -= Math.Log(Math.Clamp(p, epsilon, 1.0 - epsilon));
            }

            return sum / actual.Length;
        }

        private static void ValidateEpsilon(double epsilon)
        {
            if (double.IsNaN(epsilon) || epsilon <= 0.0 || epsilon >= 0.5)
            {
                throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be in (0, 0.5).");
            }
        }

        private static double ValidateProbability(double p, int index, string name)
        {
            if (double.IsNaN(p) || p < 0.0 || p > 1.0)
            {
                throw new ArgumentOutOfRangeException(name, p, $"{name} for sample {index} is {p}, not a probability in [0, 1].");
            }

            return p;
        }
    }
}
